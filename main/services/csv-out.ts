// Every CSV the product writes (the day report, the rejected rows of an import) goes through toCsv, which makes each
// cell formula-safe. The guard lives here and nowhere else, so a new column cannot be written without it.
import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet runs as a formula when a cell starts with it (a tab or CR it strips first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A spreadsheet runs a cell that starts like a formula, which lets a note typed at the counter or a value in a till
 * export execute on the manager's machine (`=cmd|' /C calc'!A0`). A leading apostrophe makes it plain text.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * The inverse for a file coming back: the rejected rows are fixed in a spreadsheet and imported again, and a phone
 * written `'+353 87 …` or a refund of `'-3.50` must read as it was before the guard. Only the guard's own shape is
 * undone (an apostrophe followed by a formula start), so a name like `'Tis` is left alone.
 */
export function withoutFormulaGuard(cell: string): string {
  return cell.charCodeAt(0) === 39 && FORMULA_START.test(cell.slice(1, 2)) ? cell.slice(1) : cell;
}

export interface CsvOptions {
  /** The header row; its cells are guarded like any other (an import's headers come from someone else's file). */
  header: readonly string[];
  delimiter?: string;
  /** A UTF-8 byte-order mark first, so Excel shows accents right. */
  bom?: boolean;
  /** Leave out the header (rows appended to a file that already has it). */
  omitHeader?: boolean;
}

/**
 * RFC 4180 text: CRLF between records, a field quoted when it holds the delimiter, a quote or a line break, quotes
 * doubled. Every cell, header included, passes through neutralizeFormula; numbers and null are written as text.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[], opts: CsvOptions): string {
  const cell = (v: string | number | null) => neutralizeFormula(v === null ? '' : String(v));
  const records = rows.map((r) => r.map(cell));
  if (!opts.omitHeader) records.unshift(opts.header.map(cell));
  return stringify(records, {
    delimiter: opts.delimiter ?? ',',
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    bom: opts.bom ?? false,
  });
}
