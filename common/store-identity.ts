// What a store is called and where it is: its name and id, time zone, locale and currency. One set of rules for the
// first-run screen, `counterpart init`, the settings form and the config file IT deploys, so all four accept exactly
// the same values. The rules ask the JavaScript engine's own Intl data (IANA time zones, ISO 4217 currencies), the
// same data that later formats the store's dates and amounts: a value Intl does not know could not be shown anyway.
import { z } from 'zod';
import { refusal } from './errors';

/** The id of the generated demo store; a real store never takes it, so exports and diagnostics tell them apart. */
export const DEMO_STORE_ID = 'demo-store';
export const STORE_NAME_MAX = 120;
export const STORE_ID_MAX = 64;

/** An IANA zone name such as Europe/Dublin (or UTC). Offsets like "+01:00" are refused: they ignore summer time. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A locale written as language[-Region], the shape the config file has always taken ("en-IE", "de-DE", "pl"), and
 * one Intl can format dates for. Case is fixed on the way in ("en-ie" becomes "en-IE").
 */
export function canonicalLocale(tag: string): string | null {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z]{2})?$/.test(tag)) return null;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    return null;
  }
  return Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 1 ? canonical : null;
}

/** Every currency code Intl knows (ISO 4217), e.g. EUR, PLN, CHF. */
export function currencyCodes(): string[] {
  return Intl.supportedValuesOf('currency');
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencyCodes().includes(code);
}

/** Every time zone Intl lists, for the first-run screen's choice. */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

// Each refusal in catalogue words (errors.storeSetup), so the first-run screen and the dispatcher word it in the
// reader's language; the English message completes "--flag must be …" for `counterpart init`.
export const storeNameSchema = z
  .string()
  .trim()
  .refine((name) => name.length > 0, refusal('storeSetup.name'))
  .max(STORE_NAME_MAX);
export const storeIdSchema = z
  .string()
  .trim()
  .refine((id) => /^[a-z0-9][a-z0-9-]*$/.test(id), refusal('storeSetup.storeId'))
  .max(STORE_ID_MAX)
  .refine((id) => id !== DEMO_STORE_ID, refusal('storeSetup.demoId', { id: DEMO_STORE_ID }));
export const timeZoneSchema = z.string().trim().refine(isTimeZone, refusal('storeSetup.timeZone'));
export const localeSchema = z
  .string()
  .trim()
  .transform((tag, c) => {
    const canonical = canonicalLocale(tag);
    if (canonical === null) c.addIssue({ code: 'custom', ...refusal('storeSetup.locale') });
    return canonical ?? tag;
  });
export const currencySchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine(isCurrency, refusal('storeSetup.currency'));

/**
 * The store's id from its name: "Galway – Shop Street" becomes "galway-shop-street". Accents are dropped; a name with
 * no Latin letters or digits at all ("東京") gets "store-" and a short hash of the name, so the id is still stable.
 */
export function storeIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, STORE_ID_MAX)
    .replace(/-+$/, '');
  if (slug && slug !== DEMO_STORE_ID) return slug;
  let h = 0x811c9dc5; // FNV-1a: small, deterministic, and enough to tell two shop names apart
  for (const ch of name.trim()) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `store-${h.toString(16).padStart(8, '0')}`;
}

/** A new store as the first-run screen and `counterpart init` describe it; no id means one made from the name. */
export const storeIdentitySchema = z.object({
  name: storeNameSchema,
  id: storeIdSchema.optional(),
  timeZone: timeZoneSchema,
  locale: localeSchema,
  currency: currencySchema,
});
export type StoreIdentityInput = z.input<typeof storeIdentitySchema>;
export type StoreIdentity = Required<z.output<typeof storeIdentitySchema>>;

/** The identity with its id filled in. */
export function withStoreId(s: z.output<typeof storeIdentitySchema>): StoreIdentity {
  return { ...s, id: s.id ?? storeIdFromName(s.name) };
}
