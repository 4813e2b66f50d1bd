// A purchase leaving this terminal: the outbox names it (trigger sync_purchase_logged, migration 0019-sync-purchases);
// this reads the receipt and its lines as they are when sent, and names the customer by global id.
import { MAX_PURCHASE_LINES, type Mutation } from '@common/sync/changes';
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';
import { LINES_FIELD, PURCHASE_FIELDS, PURCHASE_LINE_FIELDS } from './purchase-fields';

type Row = Record<string, string | number | null> & { customer_id: number };

const statements = preparedFor((db: DB) => ({
  purchase: db.prepare<[number], Row>('SELECT * FROM purchases WHERE id = ?'),
  lines: db.prepare<[number, number], Record<string, string | number>>(
    `SELECT ${PURCHASE_LINE_FIELDS.map((f) => f.column).join(', ')} FROM purchase_items WHERE purchase_id = ? ORDER BY id LIMIT ?`,
  ),
  customer: db.prepare<[number], { global_id: string }>(
    "SELECT global_id FROM sync_ids WHERE entity = 'customer' AND row_id = ?",
  ),
  /** Queues what the store held when it joined, after its customers (a purchase names its customer). */
  queueAll: db.prepare(
    `INSERT INTO sync_outbox (entity, row_id, kind, at_ms)
     SELECT 'purchase', id, 'append', max(0, CAST(unixepoch(purchased_at, 'subsec') * 1000 AS INTEGER)) FROM purchases
      WHERE pulled = 0 ORDER BY purchased_at, id`,
  ),
}));

/** Queues every purchase bought here: joining a hub shares the sales the store had. Inside startOutbox's transaction. */
export const queuePurchases = (db: DB): number => statements(db).queueAll.run().changes;

/** The mutation for the outbox row of purchase `rowId`; null when the row is gone. */
export function purchaseMutation(
  db: DB,
  rowId: number,
  base: Pick<Mutation, 'mutationId' | 'id' | 'hlc'>,
): Mutation | null {
  const s = statements(db);
  const row = s.purchase.get(rowId);
  if (!row) return null;
  const fields: Record<string, unknown> = {};
  for (const f of PURCHASE_FIELDS) fields[f.field] = row[f.column] ?? null;
  // A receipt longer than the protocol carries (no till prints one) travels with its first lines and its full total.
  fields[LINES_FIELD] = s.lines
    .all(rowId, MAX_PURCHASE_LINES)
    .map((l) => Object.fromEntries(PURCHASE_LINE_FIELDS.map((f) => [f.field, l[f.column]])));
  const customerId = s.customer.get(row.customer_id)?.global_id ?? null;
  return {
    ...base,
    entity: 'purchase',
    kind: 'append',
    customerId,
    fields: fields as Extract<Mutation, { kind: 'append' }>['fields'],
  };
}
