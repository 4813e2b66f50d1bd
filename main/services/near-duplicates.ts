// The duplicate check's near misses: the same person typed again with one phone digit wrong and the name spelled a
// little differently ("Marie OBrien", 087 123 4568, beside "Mary O'Brien", 087 123 4567). Either alone is common
// between strangers (neighbours in a number range, namesakes), so only the two together are flagged.
import type Database from 'better-sqlite3';
import { preparedFor } from '../db/prepared';

/** The reason a near miss is shown with: the catalogue's duplicates.reason.nearMiss in the store's language. */
export const NEAR_DUPLICATE_REASON = 'nearMiss';

const byPhone = preparedFor((db: Database.Database) =>
  db.prepare<[string, number], { id: number; name_key: string | null }>(
    'SELECT id, name_key FROM customers WHERE phone_digits = ? LIMIT ?',
  ),
);

/** Every number one typing slip away: one digit changed, or two neighbouring digits swapped. */
export function phoneNeighbours(digits: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      const c = String(d);
      if (c !== digits[i]) out.add(digits.slice(0, i) + c + digits.slice(i + 1));
    }
    if (i + 1 < digits.length && digits[i] !== digits[i + 1])
      out.add(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  }
  return [...out];
}

/** Edits (insert, delete, change, swap of neighbours) from one text to another: optimal string alignment distance. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/**
 * Two name keys ("first last", normalised) that could be one person spelled twice: the same last name, or at most
 * two edits apart over the whole name (Marie/Mary, Aoife/Aiofe). Short names need a closer match.
 */
export function similarNames(a: string, b: string): boolean {
  if (!a || !b) return false;
  const lastOf = (k: string) => k.split(' ').at(-1)!;
  if (a.includes(' ') && b.includes(' ') && lastOf(a) === lastOf(b) && lastOf(a).length >= 3) return true;
  return editDistance(a, b) <= (Math.min(a.length, b.length) >= 8 ? 2 : 1);
}

/** Customers whose phone is one slip from this one and whose name is similar, by id. */
export function nearDuplicates(db: Database.Database, phoneDigits: string, nameKey: string, limit = 10): number[] {
  const found: number[] = [];
  for (const variant of phoneNeighbours(phoneDigits)) {
    for (const r of byPhone(db).all(variant, limit)) {
      if (r.name_key && similarNames(r.name_key, nameKey) && !found.includes(r.id)) found.push(r.id);
    }
    if (found.length >= limit) break;
  }
  return found;
}
