// The Import tab's names for fields and identifiers in the store's language. The CLI keeps its English names
// (common/imports.ts); a field the catalogue has no name for is shown by its own name, as the file has it.
import type { TFunction } from 'i18next';
import type { Format } from '@common/format';
import { CATALOGUES } from '@common/i18n';
import type { ImportConflict } from '@common/imports';

type NamedField = keyof typeof CATALOGUES.en.imports.field;
const isNamed = (f: string): f is NamedField => f in CATALOGUES.en.imports.field;

export const fieldName = (t: TFunction, field: string): string =>
  isNamed(field) ? t(`imports.field.${field}`) : field;

/** "last name 1, phone 12": customers per changed field. */
export const fieldsChanged = (t: TFunction, f: Format, fields: Record<string, number>): string =>
  Object.entries(fields)
    .map(([field, n]) => `${fieldName(t, field)} ${f.number(n)}`)
    .join(', ');

export const holderName = (t: TFunction, c: ImportConflict): string =>
  c.customerId === null
    ? t('imports.holderRow', { name: c.holderName })
    : t('imports.holderCustomer', { name: c.holderName, id: c.customerId });
