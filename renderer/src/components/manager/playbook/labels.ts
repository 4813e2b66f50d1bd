// Words for the playbook's vocabulary as a manager reads them, in the store's language (the `playbook` catalogue
// section). A kind, field or operator the catalogue has no name for (a newer playbook file) is shown by its own name.
import type { TFunction } from 'i18next';
import type { Format } from '@common/format';
import { CATALOGUES, languageOf } from '@common/i18n';
import type { PlaybookCondition, PlaybookImportResult } from '@common/playbook';
import { fieldWords } from './condition-rows';

const words = CATALOGUES.en.playbook;

type Kind = keyof typeof words.kind;
const isKind = (k: string): k is Kind => k in words.kind;
export const kindName = (t: TFunction, k: string): string =>
  isKind(k) ? t(`playbook.kind.${k}`) : k.replace(/_/g, ' ');

type Resolvable = keyof typeof words.resolves;
const isResolvable = (r: string): r is Resolvable => r in words.resolves;
export const resolvesName = (t: TFunction, r: string): string => (isResolvable(r) ? t(`playbook.resolves.${r}`) : r);

/** The operators by their catalogue names: "<=" cannot be a key (nor could ":" or "." be). */
const OP_KEY = {
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  in: 'in',
  notIn: 'notIn',
  contains: 'contains',
  notContains: 'notContains',
  exists: 'exists',
  missing: 'missing',
} as const satisfies Record<string, keyof typeof words.op>;
const isOp = (op: string): op is keyof typeof OP_KEY => op in OP_KEY;
export const opWords = (t: TFunction, op: string): string => (isOp(op) ? t(`playbook.op.${OP_KEY[op]}`) : op);

/** "purchase.daysAgo" and the like: the field names nest in the catalogue as they do in the engine. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type Field = Leaves<typeof words.field>;
const leaves = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : leaves(v, `${prefix}${k}.`)));
const FIELDS = new Set(leaves(words.field));
/** The fields the catalogue names; the rest of the engine's fields read as their own name in words. */
export const isNamedField = (name: string): name is Field => FIELDS.has(name);
export const fieldName = (t: TFunction, name: string): string =>
  isNamedField(name) ? t(`playbook.field.${name}`) : fieldWords(name);

type FieldType = keyof typeof words.type;
const isType = (x: string): x is FieldType => x in words.type;
export const typeName = (t: TFunction, x: string): string => (isType(x) ? t(`playbook.type.${x}`) : x);

export interface SummaryLine {
  text: string;
  depth: number;
}

/** The condition tree in words, one line per group and comparison: "All of these hold:", "visit count is at least 3". */
export function summarize(t: TFunction, f: Format, c: PlaybookCondition, depth = 0): SummaryLine[] {
  if ('all' in c) {
    if (c.all.length === 0) return [{ text: t('playbook.conditions.always'), depth }];
    return [{ text: t('playbook.conditions.all'), depth }, ...c.all.flatMap((s) => summarize(t, f, s, depth + 1))];
  }
  if ('any' in c)
    return [{ text: t('playbook.conditions.any'), depth }, ...c.any.flatMap((s) => summarize(t, f, s, depth + 1))];
  if ('not' in c) return [{ text: t('playbook.conditions.not'), depth }, ...summarize(t, f, c.not, depth + 1)];
  const said = `${fieldName(t, c.field)} ${opWords(t, c.op)}`;
  return [{ text: c.value === undefined ? said : `${said} ${valueText(t, f, c.value)}`, depth }];
}

/** A condition's value as the summary says it: text quoted, numbers the store's way, a list as its items. */
function valueText(t: TFunction, f: Format, v: unknown): string {
  // "is one of a, b, c": Intl's lists end in "and", which misreads after "one of".
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'string') return t('playbook.conditions.quoted', { value: v });
  if (typeof v === 'number') return f.number(v, 2);
  if (typeof v === 'boolean') return v ? t('playbook.conditions.yes') : t('playbook.conditions.no');
  return String(v);
}

/** A rate 0–1 as the store writes a percentage ("42%", "42 %"); a dash when there is none yet. */
export const percent = (f: Format, x: number | null): string => (x === null ? '—' : f.percent(Math.round(x * 100)));

const namers = new Map<string, Intl.DisplayNames>();
/**
 * "German" / "Deutsch" for "de", named in the language the screen is in (the catalogue's, so a Polish store whose
 * screens read English names languages in English); the code itself when the browser knows no name for it.
 */
export function languageName(code: string, uiLocale: string): string {
  const ui = languageOf(uiLocale);
  let names = namers.get(ui);
  if (!names) {
    names = new Intl.DisplayNames([ui], { type: 'language' });
    namers.set(ui, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** What an import did, for the announcement: templates counted in the language's plural, numbers the store's way. */
export function importSummary(t: TFunction, f: Format, r: PlaybookImportResult): string {
  if (r.added.length === 0 && r.updated.length === 0)
    return t('playbook.importedNothing', { count: r.unchanged.length });
  return t('playbook.imported', {
    added: f.number(r.added.length),
    updated: f.number(r.updated.length),
    unchanged: f.number(r.unchanged.length),
  });
}
