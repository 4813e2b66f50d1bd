import fs from 'node:fs';
import { z } from 'zod';
import { AppError, words } from '@common/errors';
import { MAX_LISTED_COLUMNS } from '@common/imports';
import type { TFunction } from 'i18next';

export type ImportEntity = 'customers' | 'purchases';

export const CUSTOMER_FIELDS = [
  'firstName',
  'lastName',
  /** "Ann Murphy" or "Murphy, Ann", split when there are no separate name columns. */
  'fullName',
  'phone',
  'email',
  'loyaltyId',
  'birthday',
  'marketingConsent',
  'language',
  'style',
  'tags',
  'notes',
  /** The customer's id in the till the file comes from: matched first on the next import of that till's export. */
  'externalId',
  'city',
  'postcode',
  'country',
  /** Agreement to marketing by text message; marketingConsent is the email (or any) consent. */
  'smsConsent',
  /** What the customer spent, and over how many orders, before Counterpart: counted towards the tier. */
  'openingSpend',
  'openingOrders',
] as const;

export const PURCHASE_FIELDS = [
  'receiptNo',
  'loyaltyId',
  'phone',
  'email',
  /** Date and time in one column; or the two apart in date and time. */
  'dateTime',
  'date',
  'time',
  'sku',
  'description',
  'quantity',
  'unitPrice',
  'returned',
] as const;

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type PurchaseField = (typeof PURCHASE_FIELDS)[number];
export type Field = CustomerField | PurchaseField;

/** Header spellings seen in till and spreadsheet exports, compared after headerKey(). */
const COMMON: Record<string, Field> = {
  phone: 'phone',
  phonenumber: 'phone',
  phoneno: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  mobilenumber: 'phone',
  mobileno: 'phone',
  tel: 'phone',
  telno: 'phone',
  telephone: 'phone',
  telefon: 'phone',
  telefonnummer: 'phone',
  handy: 'phone',
  cell: 'phone',
  cellphone: 'phone',
  contactnumber: 'phone',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  emailadresse: 'email',
  card: 'loyaltyId',
  cardno: 'loyaltyId',
  cardnumber: 'loyaltyId',
  loyalty: 'loyaltyId',
  loyaltyid: 'loyaltyId',
  loyaltycard: 'loyaltyId',
  loyaltyno: 'loyaltyId',
  loyaltynumber: 'loyaltyId',
  loyaltycardnumber: 'loyaltyId',
  memberno: 'loyaltyId',
  membernumber: 'loyaltyId',
  memberid: 'loyaltyId',
  membershipno: 'loyaltyId',
  membershipnumber: 'loyaltyId',
  kundenkarte: 'loyaltyId',
  kundennummer: 'loyaltyId',
  kundennr: 'loyaltyId',
  customerloyaltyid: 'loyaltyId',
  customercard: 'loyaltyId',
};

const CUSTOMER_ALIASES: Record<string, CustomerField> = {
  ...(COMMON as Record<string, CustomerField>),
  firstname: 'firstName',
  first: 'firstName',
  forename: 'firstName',
  givenname: 'firstName',
  vorname: 'firstName',
  prenom: 'firstName',
  nombre: 'firstName',
  lastname: 'lastName',
  last: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  nachname: 'lastName',
  nom: 'lastName',
  apellido: 'lastName',
  name: 'fullName',
  fullname: 'fullName',
  customername: 'fullName',
  customer: 'fullName',
  birthday: 'birthday',
  dob: 'birthday',
  dateofbirth: 'birthday',
  birthdate: 'birthday',
  geburtstag: 'birthday',
  geburtsdatum: 'birthday',
  consent: 'marketingConsent',
  optin: 'marketingConsent',
  marketingconsent: 'marketingConsent',
  marketing: 'marketingConsent',
  marketingoptin: 'marketingConsent',
  newsletter: 'marketingConsent',
  emailoptin: 'marketingConsent',
  einwilligung: 'marketingConsent',
  language: 'language',
  lang: 'language',
  sprache: 'language',
  preferredlanguage: 'language',
  style: 'style',
  communicationstyle: 'style',
  tags: 'tags',
  tag: 'tags',
  segments: 'tags',
  externalid: 'externalId',
  city: 'city',
  town: 'city',
  ort: 'city',
  stadt: 'city',
  wohnort: 'city',
  postcode: 'postcode',
  postalcode: 'postcode',
  zip: 'postcode',
  zipcode: 'postcode',
  eircode: 'postcode',
  plz: 'postcode',
  postleitzahl: 'postcode',
  country: 'country',
  countrycode: 'country',
  land: 'country',
  smsconsent: 'smsConsent',
  smsoptin: 'smsConsent',
  smsmarketing: 'smsConsent',
  acceptssmsmarketing: 'smsConsent',
  totalspent: 'openingSpend',
  totalspend: 'openingSpend',
  lifetimespend: 'openingSpend',
  totalorders: 'openingOrders',
  ordercount: 'openingOrders',
  transactioncount: 'openingOrders',
  notes: 'notes',
  note: 'notes',
  comment: 'notes',
  comments: 'notes',
  remarks: 'notes',
  bemerkung: 'notes',
};

const PURCHASE_ALIASES: Record<string, PurchaseField> = {
  ...(COMMON as Record<string, PurchaseField>),
  customer: 'loyaltyId',
  customerno: 'loyaltyId',
  customernumber: 'loyaltyId',
  customerid: 'loyaltyId',
  receipt: 'receiptNo',
  receiptno: 'receiptNo',
  receiptnumber: 'receiptNo',
  receiptid: 'receiptNo',
  transaction: 'receiptNo',
  transactionid: 'receiptNo',
  transactionno: 'receiptNo',
  transactionnumber: 'receiptNo',
  bon: 'receiptNo',
  bonnr: 'receiptNo',
  bonnummer: 'receiptNo',
  beleg: 'receiptNo',
  belegnr: 'receiptNo',
  belegnummer: 'receiptNo',
  invoice: 'receiptNo',
  invoiceno: 'receiptNo',
  ticket: 'receiptNo',
  ticketno: 'receiptNo',
  datetime: 'dateTime',
  timestamp: 'dateTime',
  purchasedat: 'dateTime',
  saletime: 'dateTime',
  zeitpunkt: 'dateTime',
  date: 'date',
  saledate: 'date',
  purchasedate: 'date',
  datum: 'date',
  time: 'time',
  uhrzeit: 'time',
  zeit: 'time',
  sku: 'sku',
  article: 'sku',
  articleno: 'sku',
  articlenumber: 'sku',
  itemno: 'sku',
  itemnumber: 'sku',
  itemcode: 'sku',
  productcode: 'sku',
  productid: 'sku',
  code: 'sku',
  ean: 'sku',
  plu: 'sku',
  artikelnummer: 'sku',
  artikelnr: 'sku',
  artnr: 'sku',
  description: 'description',
  item: 'description',
  itemname: 'description',
  product: 'description',
  productname: 'description',
  text: 'description',
  bezeichnung: 'description',
  artikel: 'description',
  artikelbezeichnung: 'description',
  qty: 'quantity',
  quantity: 'quantity',
  menge: 'quantity',
  anzahl: 'quantity',
  units: 'quantity',
  unitprice: 'unitPrice',
  price: 'unitPrice',
  priceeach: 'unitPrice',
  itemprice: 'unitPrice',
  einzelpreis: 'unitPrice',
  preis: 'unitPrice',
  vkpreis: 'unitPrice',
  returned: 'returned',
  return: 'returned',
  isreturn: 'returned',
  refund: 'returned',
  refunded: 'returned',
  retoure: 'returned',
  zuruckgegeben: 'returned',
};

/** "E-mail", "e_mail" and "EMAIL " all become "email"; "Zurückgegeben" becomes "zuruckgegeben". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export interface ImportMapping {
  /** CSV header (as written) -> field; null ignores a column the built-in names would pick up. */
  columns?: Record<string, string | null>;
  /** Values for fields the file leaves empty. Customers: only new customers get them, existing ones keep theirs. */
  defaults?: Record<string, string | number | boolean | string[]>;
}

const mappingSchema = z
  .object({
    columns: z.record(z.string(), z.string().nullable()).default({}),
    defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
  })
  .strict();

export function loadMapping(mapping: ImportMapping | string | undefined): Required<ImportMapping> {
  if (mapping === undefined) return { columns: {}, defaults: {} };
  let json: unknown = mapping;
  if (typeof mapping === 'string') {
    let text: string;
    try {
      text = fs.readFileSync(mapping, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('NOT_FOUND', words('importFile.mapping.cannotRead', { code }));
    }
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new AppError('VALIDATION', words('importFile.mapping.notJson', { detail: (err as Error).message }));
    }
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const at = i.path.join('.') || '(top)';
    throw new AppError('VALIDATION', words('importFile.mapping.invalid', { at, detail: i.message }));
  }
  return parsed.data;
}

/** One column of the file and what it fills: null when it is not imported. */
export interface ColumnUse {
  column: string;
  field: string | null;
}

/** The words of the notes an import leaves for the Import tab: the store's language and its way of listing names. */
export interface NoteWords {
  t: TFunction;
  list(items: string[]): string;
}

/** '"Colour", "Size" and 3 more' / '"Colour", "Size" und 3 weitere': the first few names, the rest counted. */
export function quoteNames(names: readonly string[], say: NoteWords, max = 5): string {
  const shown = names.slice(0, max).map((h) => `"${h.length > 40 ? `${h.slice(0, 39)}…` : h}"`);
  const more = names.length - shown.length;
  return say.list(more > 0 ? [...shown, say.t('importWarnings.more', { count: more })] : shown);
}

export interface ResolvedColumns<F extends Field> {
  /** Column index per field; the first column mapped to a field wins. */
  index: Partial<Record<F, number>>;
  /** The header's named columns in order (the first MAX_LISTED_COLUMNS), with the field each fills or null. */
  uses: ColumnUse[];
  defaults: Partial<Record<F, string>>;
  warnings: string[];
}

/**
 * Which column fills which field: the mapping's columns first, then the preset's (a till's published export
 * format), then the built-in header names.
 */
export function resolveColumns<F extends Field>(
  entity: ImportEntity,
  headers: string[],
  mapping: Required<ImportMapping>,
  presetColumns: Record<string, string | null>,
  say: NoteWords,
): ResolvedColumns<F> {
  const fields: readonly string[] = entity === 'customers' ? CUSTOMER_FIELDS : PURCHASE_FIELDS;
  const aliases: Record<string, string> = entity === 'customers' ? CUSTOMER_ALIASES : PURCHASE_ALIASES;
  const isField = (f: string): f is F => fields.includes(f);
  const explicit = new Map<string, string | null>();
  for (const [header, field] of Object.entries(presetColumns)) explicit.set(headerKey(header), field);
  for (const [header, field] of Object.entries(mapping.columns)) {
    if (field !== null && !isField(field)) {
      const known = fields.join(', ');
      throw new AppError(
        'VALIDATION',
        words('importFile.mapping.unknownField', { header, field, entity, fields: known }),
      );
    }
    explicit.set(headerKey(header), field);
  }
  const index: Partial<Record<F, number>> = {};
  const unknown: string[] = [];
  const repeated = new Map<F, string[]>();
  const uses: ColumnUse[] = [];
  headers.forEach((h, i) => {
    const key = headerKey(h);
    const field = explicit.has(key) ? explicit.get(key)! : aliases[key];
    if (h.trim() && uses.length < MAX_LISTED_COLUMNS)
      uses.push({ column: h, field: field && index[field as F] === undefined ? field : null });
    if (!field) {
      if (!explicit.has(key) && h.trim()) unknown.push(h);
      return;
    }
    if (index[field as F] !== undefined) {
      const list = repeated.get(field as F);
      if (list) list.push(h);
      else repeated.set(field as F, [h]);
      return;
    }
    index[field as F] = i;
  });
  // One note per kind, naming a few columns: a file with 100,000 stray columns gets one line, not 100,000.
  const warnings: string[] = [];
  if (unknown.length)
    warnings.push(say.t('importWarnings.unknownColumns', { count: unknown.length, columns: quoteNames(unknown, say) }));
  for (const [field, hs] of repeated) {
    const supplier = quoteNames([headers[index[field]!]!], say);
    warnings.push(
      say.t('importWarnings.repeatedColumns', { count: hs.length, columns: quoteNames(hs, say), supplier, field }),
    );
  }
  const defaults: Partial<Record<F, string>> = {};
  for (const [field, value] of Object.entries(mapping.defaults)) {
    if (!isField(field))
      throw new AppError('VALIDATION', words('importFile.mapping.unknownDefault', { field, entity }));
    defaults[field] = Array.isArray(value) ? value.join(';') : String(value);
  }
  return { index, uses, defaults, warnings };
}
