// The customer values a till export carries beyond the draft a clerk edits (migration 0012-till-imports): town,
// postcode and country, SMS consent, the spend before Counterpart, and the till's own customer id. Read, compared
// and written here so customer-rows.ts keeps to matching.
import { z } from 'zod';
import { words } from '@common/errors';
import { CellError, parseCents, parseFlag, parseQuantity } from './cells';
import type { CustomerField } from './mapping';
import type { Reasons } from './row-checks';

import type { TillColumns } from '../../db/customers.repo';

export type { TillColumns };

export const TILL_COLUMNS = [
  'city',
  'postcode',
  'country',
  'sms_consent',
  'opening_spend_cents',
  'opening_orders',
  'opening_as_of',
] as const satisfies readonly (keyof TillColumns)[];

/** What a row supplies of them (empty cells supply nothing), and the till's id for the customer. */
export interface TillValues {
  city?: string;
  postcode?: string;
  country?: string;
  sms_consent?: number;
  opening_spend_cents?: number;
  opening_orders?: number;
  externalId?: string;
}

export const NO_TILL_COLUMNS: TillColumns = {
  city: null,
  postcode: null,
  country: null,
  sms_consent: 0,
  opening_spend_cents: 0,
  opening_orders: 0,
  opening_as_of: null,
};

/** The field names reports use for each (fieldsChanged counts under these). */
const FIELD_OF = {
  city: 'city',
  postcode: 'postcode',
  country: 'country',
  sms_consent: 'smsConsent',
  opening_spend_cents: 'openingSpend',
  opening_orders: 'openingOrders',
} as const satisfies Record<Exclude<keyof TillValues, 'externalId'>, CustomerField>;

const texts = { city: 100, postcode: 20, country: 60, externalId: 100 } as const;

function parseOrders(raw: string, what: string): number {
  const n = parseQuantity(raw.replace(/[,.](?=\d{3}\b)/g, ''), what);
  if (n < 0) throw new CellError(words('importRow.negative', { column: what, value: raw }));
  return n;
}

/** The values a row supplies; each problem goes into reasons (the row is then refused). */
export function readTill(
  get: (f: CustomerField) => string,
  label: (f: CustomerField) => string,
  reasons: Reasons,
): TillValues {
  const t: TillValues = {};
  for (const [f, max] of Object.entries(texts) as [keyof typeof texts, number][]) {
    const v = get(f);
    if (!v) continue;
    const ok = z.string().max(max).safeParse(v);
    if (ok.success) t[f] = v;
    else reasons.add(words('importRow.tooLong', { column: label(f), max }));
  }
  const sms = get('smsConsent');
  const flag = sms ? reasons.attempt(parseFlag, sms, label('smsConsent')) : undefined;
  if (flag !== undefined) t.sms_consent = flag ? 1 : 0;
  const spend = get('openingSpend');
  const cents = spend ? reasons.attempt(parseCents, spend, label('openingSpend')) : undefined;
  if (cents !== undefined) t.opening_spend_cents = cents;
  const orders = get('openingOrders');
  const n = orders ? reasons.attempt(parseOrders, orders, label('openingOrders')) : undefined;
  if (n !== undefined) t.opening_orders = n;
  return t;
}

/**
 * What the values change on a customer, by the rules of changesFor in customer-rows.ts: 'update' takes every value
 * that differs; 'fill' (the customer came from an earlier row of the file) only fills what is empty, and a differing
 * value makes the row a repeat. Setting the spend or orders dates them (opening_as_of).
 */
export function tillChanges(
  stored: TillColumns,
  t: TillValues,
  mode: 'update' | 'fill',
  now: string,
): { change: Partial<TillColumns>; fields: string[]; repeat: boolean } {
  const change: Partial<TillColumns> = {};
  const fields: string[] = [];
  let repeat = false;
  for (const k of Object.keys(FIELD_OF) as (keyof typeof FIELD_OF)[]) {
    const v = t[k];
    if (v === undefined || v === stored[k]) continue;
    const empty = k.startsWith('opening_')
      ? stored.opening_as_of === null
      : k === 'sms_consent'
        ? false
        : stored[k] === null;
    if (mode === 'fill' && !empty) {
      repeat = true;
      continue;
    }
    (change as Record<string, unknown>)[k] = v;
    fields.push(FIELD_OF[k]);
  }
  if (change.opening_spend_cents !== undefined || change.opening_orders !== undefined) change.opening_as_of = now;
  return { change, fields, repeat };
}

/** A new customer's columns: the row's values over the mapping's defaults. */
export function tillColumnsOf(t: TillValues, now: string): TillColumns {
  const opening = t.opening_spend_cents !== undefined || t.opening_orders !== undefined;
  return {
    city: t.city ?? null,
    postcode: t.postcode ?? null,
    country: t.country ?? null,
    sms_consent: t.sms_consent ?? 0,
    opening_spend_cents: t.opening_spend_cents ?? 0,
    opening_orders: t.opening_orders ?? 0,
    opening_as_of: opening ? now : null,
  };
}
