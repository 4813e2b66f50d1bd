// The hub's merges on the terminal: a pulled merge makes the alias resolve to its survivor (main/services/
// customer-aliases.ts reads the links), a pulled unmerge removes the link, so the alias is its own customer again
// with its own history (its interactions always named it). And a pulled customer whose loyalty card another
// customer here holds already is kept without the card (set aside in sync_withheld_cards) instead of failing the
// unique index: that failure rolled the page back and stalled every pull after it.
import type { Change } from '@common/sync/changes';
import type { DB } from '../db/connection';
import type { NewCustomerRow } from '../db/customers.repo';
import { preparedFor } from '../db/prepared';

type Link = Extract<Change, { kind: 'merge' | 'unmerge' }>;

// Run for nearly every pulled customer: prepared once per connection.
const statements = preparedFor((db: DB) => ({
  cardHolder: db.prepare<[string], { id: number }>('SELECT id FROM customers WHERE loyalty_id = ?'),
  forgetCard: db.prepare<[number]>('DELETE FROM sync_withheld_cards WHERE row_id = ?'),
  withholdCard: db.prepare<[number, string]>(
    'INSERT OR REPLACE INTO sync_withheld_cards (row_id, loyalty_id) VALUES (?, ?)',
  ),
}));

export function applyLink(db: DB, change: Link): void {
  if (change.kind === 'merge') {
    db.prepare('INSERT OR REPLACE INTO customer_aliases (alias_id, survivor_id, merge_id) VALUES (?, ?, ?)').run(
      change.id,
      change.survivorId,
      change.mergeId,
    );
  } else {
    db.prepare('DELETE FROM customer_aliases WHERE alias_id = ? AND merge_id = ?').run(change.id, change.mergeId);
  }
}

/**
 * The row to write for a pulled customer (`rowId` null when new here): without its card when another customer here
 * holds that card, which is then kept aside for the row (written by keepWithheldCard once the row exists).
 */
export function withoutTakenCard<R extends Pick<NewCustomerRow, 'loyalty_id'>>(
  db: DB,
  next: R,
  rowId: number | null,
): { row: R; withheld: string | null } {
  if (!next.loyalty_id) return { row: next, withheld: null };
  const holder = statements(db).cardHolder.get(next.loyalty_id);
  if (!holder || holder.id === rowId) return { row: next, withheld: null };
  return { row: { ...next, loyalty_id: null }, withheld: next.loyalty_id };
}

/** Records (or clears) the card set aside for a pulled customer's row. */
export function keepWithheldCard(db: DB, rowId: number, card: string | null): void {
  if (card === null) statements(db).forgetCard.run(rowId);
  else statements(db).withholdCard.run(rowId, card);
}
