// Reading the values tills and spreadsheets write: yes/no flags, European and ISO dates, prices with "," or ".".
// Each parser returns a value or throws CellError with a reason fit for the error file.
import { wordError, words, type ErrorKey, type ErrorWords } from '@common/errors';
import { offsetAt } from '../time';

/**
 * A value the import cannot take, and why in catalogue words: the rejected-rows file words it in the store's language,
 * the message is English like an AppError's.
 */
export class CellError extends Error {
  constructor(readonly words: ErrorWords) {
    super(wordError(words, 'en'));
    this.name = 'CellError';
  }
}

/** Why the cell `value` of `column` is refused: "DOB "31/02/1990" is not a real calendar date". */
const refused = (key: ErrorKey, column: string, value: string) => new CellError(words(key, { column, value }));

// "subscribed" and its opposites are Square's Email Subscription Status values.
const TRUE = new Set([
  'yes',
  'y',
  '1',
  'true',
  'x',
  'ja',
  'j',
  'oui',
  'si',
  'sí',
  'opt-in',
  'optin',
  'opted in',
  'subscribed',
]);
const FALSE = new Set([
  'no',
  'n',
  '0',
  'false',
  'nein',
  'non',
  'opt-out',
  'optout',
  'opted out',
  '-',
  'unsubscribed',
  'not subscribed',
]);

export function parseFlag(raw: string, what: string): boolean {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw refused('importRow.notYesNo', what, raw);
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD, or day first as DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY (Irish and continental order, never US). */
export function parseDay(raw: string, what: string): string {
  const v = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const dayFirst = iso ? null : /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  let y: number, mo: number, d: number;
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [d, mo, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else throw refused('importRow.notADate', what, raw);
  if (!validDay(y, mo, d)) throw refused('importRow.notACalendarDate', what, raw);
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/**
 * A price in integer cents. "12.99", "12,99", "€ 1.234,56", "1,234.56" and "-3.50" are all read; a lone separator
 * followed by exactly three digits ("1.234") is a thousands separator. More than two decimals is refused.
 */
export function parseCents(raw: string, what: string): number {
  const shape = /^([-+]?)(\(?)([\d.,]+)\)?(-?)$/.exec(raw.replace(/\s+|EUR|GBP|USD|CHF|[€$£]/gi, ''));
  if (!shape || !/\d/.test(shape[3]!)) throw refused('importRow.notAnAmount', what, raw);
  const negative = shape[1] === '-' || shape[2] === '(' || shape[4] === '-';
  const v = shape[3]!;
  const lastDot = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  let intPart: string;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const i = v.lastIndexOf(dec);
    intPart = v.slice(0, i).replace(/[.,]/g, '');
    frac = v.slice(i + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = v.split(sep);
    const after = parts[parts.length - 1]!;
    if (parts.length > 2 || (after.length === 3 && parts[0] !== '0' && parts[0] !== '')) {
      intPart = parts.join('');
    } else {
      intPart = parts[0]!;
      frac = after;
    }
  } else {
    intPart = v;
  }
  if (!/^\d*$/.test(frac) || frac.length > 2) throw refused('importRow.tooManyDecimals', what, raw);
  if (!/^\d*$/.test(intPart) || intPart.length > 12) throw refused('importRow.notAnAmount', what, raw);
  const cents = Number(intPart || '0') * 100 + Number(frac.padEnd(2, '0') || '0');
  return negative ? -cents : cents;
}

export function parseQuantity(raw: string, what: string): number {
  const v = raw.trim().replace(',', '.');
  const n = Number(v);
  if (v === '' || !Number.isFinite(n) || !Number.isInteger(n)) throw refused('importRow.notAWholeNumber', what, raw);
  return n;
}

// Offsets by zone and wall-clock hour: Intl is slow, and a till export repeats the same hours thousands of times.
const hourOffsets = new Map<string, number>();

/** The instant a wall-clock time in the store's zone stands for (the earlier one when clocks go back). */
export function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): Date {
  const key = `${timeZone}|${y}-${mo}-${d}-${h}`;
  let shift = hourOffsets.get(key);
  if (shift === undefined) {
    const hour = Date.UTC(y, mo - 1, d, h);
    const first = hour - offsetAt(hour, timeZone);
    const second = hour - offsetAt(first, timeZone);
    shift = hour - Math.min(first, second);
    if (hourOffsets.size > 50_000) hourOffsets.clear();
    hourOffsets.set(key, shift);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - shift);
}

export interface PurchaseTime {
  at: string;
  /** The store-local day as written in the file, so a purchase lands on the day the till printed. */
  localDay: string | null;
}

/**
 * A till's timestamp. With an offset or "Z" it is taken as given; without one it is wall-clock time in the store's
 * zone. Dates are ISO or day first; a date without a time is placed at noon so no zone shift moves its day.
 */
export function parseDateTime(raw: string, timeZone: string, what: string): PurchaseTime {
  const v = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    const t = Date.parse(
      v
        .replace(' ', 'T')
        .replace(/\s+/g, '')
        .replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
    );
    if (Number.isNaN(t)) throw refused('importRow.notADateTime', what, raw);
    return { at: new Date(t).toISOString(), localDay: null };
  }
  const m = /^([\d./-]+)(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(v);
  if (!m) throw refused('importRow.notADateTime', what, raw);
  const day = parseDay(m[1]!, what);
  const [h, mi, s] = m[2] === undefined ? [12, 0, 0] : [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) throw refused('importRow.impossibleTime', what, raw);
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return { at: zonedToUtc(y, mo, d, h, mi, s, timeZone).toISOString(), localDay: day };
}
