// What both row processors check before reading values, and how they collect why a row is refused.
import { withoutFormulaGuard } from '../csv-out';
import { CellError } from './cells';

/**
 * Every reason a row is refused, not only the first: a row fixed for one reason should not come back refused for
 * the next one.
 */
export class Reasons {
  /** Null until the first reason: most rows have none, and a million of them should not each hold an array. */
  private list: string[] | null = null;

  add(reason: string): void {
    this.list ??= [];
    this.list.push(reason);
  }

  /** read(...args), or undefined after noting why it could not (a CellError; anything else is thrown on). */
  attempt<A extends unknown[], T>(read: (...args: A) => T, ...args: A): T | undefined {
    try {
      return read(...args);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      this.add(err.message);
      return undefined;
    }
  }

  get any(): boolean {
    return this.list !== null;
  }

  toString(): string {
    return this.list?.join('; ') ?? '';
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
export function rowChecks(headers: string[], undecoded: ((cell: string) => string | null) | null) {
  return (cells: string[], reasons: Reasons): boolean => {
    if (undecoded) {
      const columns = new Map<string, string[]>();
      cells.forEach((cell, i) => {
        const why = undecoded(cell);
        if (!why) return;
        const where = columns.get(why);
        if (where) where.push(headers[i] ?? `field ${i + 1}`);
        else columns.set(why, [headers[i] ?? `field ${i + 1}`]);
      });
      for (const [why, where] of columns) reasons.add(`${quoteSome(where)}: ${why}`);
    }
    if (cells.length > headers.length) {
      reasons.add(
        `the line has ${cells.length} fields but the header has ${headers.length} (a delimiter inside an unquoted value?)`,
      );
      return false;
    }
    return true;
  };
}

export type RowCheck = ReturnType<typeof rowChecks>;

/** Names for a message, however many there are: `"A", "B", "C" and 99,997 more`, each cut to a readable length. */
export function quoteSome(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((h) => `"${h.length > 40 ? `${h.slice(0, 39)}…` : h}"`);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more.toLocaleString('en')} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
}
