// Column maps for customer exports of the tills shops move from, so such a file imports as it comes, without a
// mapping file. A preset is a starting mapping: a mapping file's columns override it column by column, and
// `counterpart import customers FILE --print-mapping` prints it to start one from.
//
// The column lists are the published export formats, not guesses from sample files:
// - Shopify: the header of Shopify's customer CSV export ("Export customers" in Shopify admin), as documented in
//   Shopify's help centre (Customers > Importing and exporting customers > customer CSV file format).
// - Square: the columns of Square's "Export customer list" (Square Dashboard > Customers > Export), as Square's
//   support article on exporting the customer directory lists them.
// A column a preset leaves out (null) is listed as ignored in the dry run, so the admin sees what is not imported.
import type { CustomerField } from './mapping';
import { headerKey } from './mapping';

import { IMPORT_PRESET_CHOICES, type ImportPresetChoice } from '@common/imports';

export const PRESET_NAMES = ['shopify', 'square'] as const satisfies readonly ImportPresetChoice[];
export type PresetName = (typeof PRESET_NAMES)[number];
/** What the CLI's --preset and the Import tab offer: auto detects from the header, none uses the header names only. */
export const PRESET_CHOICES = IMPORT_PRESET_CHOICES;
export type PresetChoice = ImportPresetChoice;

export interface Preset {
  name: PresetName;
  label: string;
  /** Every column of the published export, as written there, and the field it fills (null: not imported). */
  columns: Record<string, CustomerField | null>;
}

export const PRESETS: Record<PresetName, Preset> = {
  shopify: {
    name: 'shopify',
    label: 'Shopify customer export',
    columns: {
      'Customer ID': 'externalId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Accepts Email Marketing': 'marketingConsent',
      'Default Address Company': null,
      'Default Address Address1': null,
      'Default Address Address2': null,
      'Default Address City': 'city',
      'Default Address Province Code': null,
      'Default Address Country Code': 'country',
      'Default Address Zip': 'postcode',
      // The address's phone is often the business line the order was shipped to; the customer's own is "Phone".
      'Default Address Phone': null,
      Phone: 'phone',
      'Accepts SMS Marketing': 'smsConsent',
      'Total Spent': 'openingSpend',
      'Total Orders': 'openingOrders',
      Note: 'notes',
      'Tax Exempt': null,
      Tags: 'tags',
    },
  },
  square: {
    name: 'square',
    label: 'Square customer export',
    columns: {
      // The shop's own reference, free text in Square: map it (to loyaltyId, say) in a mapping file if it is a card.
      'Reference ID': null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Email Address': 'email',
      'Phone Number': 'phone',
      Nickname: null,
      'Company Name': null,
      'Street Address 1': null,
      'Street Address 2': null,
      City: 'city',
      State: null,
      'Postal Code': 'postcode',
      Birthday: 'birthday',
      Memo: 'notes',
      'Square Customer ID': 'externalId',
      'Creation Source': null,
      'First Visit': null,
      'Last Visit': null,
      'Transaction Count': 'openingOrders',
      'Total Spend': 'openingSpend',
      'Email Subscription Status': 'marketingConsent',
      'Instant Profile': null,
      Groups: 'tags',
    },
  },
};

/**
 * The preset whose export this header is: at least three quarters of the preset's columns are there, and its
 * distinctive ones ("Customer ID" and "Accepts Email Marketing", "Square Customer ID") are. A spreadsheet someone
 * re-saved with a column or two removed is still recognised; a generic "First Name,Last Name,Email" file is not.
 */
export function detectPreset(headers: readonly string[]): PresetName | null {
  const have = new Set(headers.map(headerKey));
  const DISTINCT: Record<PresetName, string[]> = {
    shopify: ['Customer ID', 'Accepts Email Marketing'],
    square: ['Square Customer ID'],
  };
  for (const name of PRESET_NAMES) {
    const cols = Object.keys(PRESETS[name].columns).map(headerKey);
    const found = cols.filter((c) => have.has(c)).length;
    if (found >= cols.length * 0.75 && DISTINCT[name].every((c) => have.has(headerKey(c)))) return name;
  }
  return null;
}

/** The preset a choice means for this header: auto detects, none is no preset. */
export function presetFor(choice: PresetChoice, headers: readonly string[]): Preset | null {
  if (choice === 'none') return null;
  const name = choice === 'auto' ? detectPreset(headers) : choice;
  return name ? PRESETS[name] : null;
}
