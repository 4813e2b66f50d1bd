// What both row processors check before reading values, and how they collect why a row is refused.
import { refusalWords, words, type ErrorKey, type ErrorWords, type InputIssue } from '@common/errors';
import { withoutFormulaGuard } from '../csv-out';
import { CellError } from './cells';

/**
 * Every reason a row is refused, not only the first: a row fixed for one reason should not come back refused for
 * the next one. Each in catalogue words, worded once in the store's language when the rejected-rows file is written.
 */
export class Reasons {
  /** Null until the first reason: most rows have none, and a million of them should not each hold an array. */
  private list: ErrorWords[] | null = null;

  add(reason: ErrorWords): void {
    this.list ??= [];
    this.list.push(reason);
  }

  /** read(...args), or undefined after noting why it could not (a CellError; anything else is thrown on). */
  attempt<A extends unknown[], T>(read: (...args: A) => T, ...args: A): T | undefined {
    try {
      return read(...args);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      this.add(err.words);
      return undefined;
    }
  }

  /**
   * A schema's refusals: its own catalogue words where it gave them (they say what is missing themselves), else zod's
   * wording, which the parse gave in the store's language (safeParseIn), after the column it is about.
   */
  addIssues(issues: readonly InputIssue[], column: (field: string) => string): void {
    for (const i of issues) {
      this.add(
        refusalWords(i) ?? words('importRow.invalidValue', { column: column(String(i.path[0])), problem: i.message }),
      );
    }
  }

  get any(): boolean {
    return this.list !== null;
  }

  get all(): ErrorWords[] {
    return this.list ?? [];
  }
}

/**
 * A cell as the import reads it: trimmed, and without the apostrophe the rejected-rows file puts before a value a
 * spreadsheet would run (so a fixed file imports `+353 87 …` and `-3.50` as they were).
 */
export function cellText(raw: string | undefined): string {
  const t = raw === undefined ? '' : raw.trim();
  return t.charCodeAt(0) === 39 ? withoutFormulaGuard(t).trim() : t;
}

/**
 * The row-level checks: more fields than the header (a delimiter in an unquoted value shifts every column after it,
 * so the values are not read at all) and cells that did not decode, each named by its column.
 * Returns whether the values can be read.
 */
export function rowChecks(headers: string[], undecoded: ((cell: string) => ErrorKey | null) | null) {
  return (cells: string[], reasons: Reasons): boolean => {
    if (undecoded) {
      const columns = new Map<ErrorKey, string[]>();
      // Fields beyond the header have no column to name: their row is refused for its field count below.
      for (let i = 0; i < Math.min(cells.length, headers.length); i++) {
        const why = undecoded(cells[i]!);
        if (!why) continue;
        const where = columns.get(why);
        if (where) where.push(headers[i]!);
        else columns.set(why, [headers[i]!]);
      }
      for (const [why, where] of columns) reasons.add(words(why, { columns: quoteSome(where) }));
    }
    if (cells.length > headers.length) {
      reasons.add(words('importRow.fieldCount', { fields: cells.length, header: headers.length }));
      return false;
    }
    return true;
  };
}

export type RowCheck = ReturnType<typeof rowChecks>;

/**
 * Column names for a reason, however many there are: `"A", "B" and "C"`, or `"A", "B", "C", "D", "E" and 99,995 more`,
 * each cut to a readable length; the "and" in the store's language.
 */
export function quoteSome(names: readonly string[], max = 5): string | ErrorWords {
  const shown = names.slice(0, max).map((h) => `"${h.length > 40 ? `${h.slice(0, 39)}…` : h}"`);
  const more = names.length - shown.length;
  if (more > 0) return words('importRow.columnsAndMore', { columns: shown.join(', '), count: more });
  if (shown.length < 2) return shown[0] ?? '';
  return words('importRow.columns', { first: shown.slice(0, -1).join(', '), last: shown.at(-1)! });
}
