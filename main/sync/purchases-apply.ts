// A purchase pulled from the hub, written into this store as if the till's import had written it, so the schema's
// own trigger keeps what derives from it (visits, spend, purchase count, last visit: purchases_stats, and the tier
// read from them), and nothing of it is sent back (the applier's transaction is marked 'applying': replica.ts).
//
// - Idempotent by global id: this terminal's own purchases come back in the feed, and a page may be applied twice
//   after a crash; a purchase known here already is left as it is.
// - The receipt comes whole: its lines with their return marks and its signed total, as the till recorded them.
// - Where it was bought: its store and terminal as the hub named them (purchase_origins). Its receipt number may be
//   one this store's till used too; only this store's own numbers are unique (migration 0019-sync-purchases).
// - Erasure: an erased customer's purchases stay, linked to the anonymous record the erasure left, with their
//   amounts and lines (products, not personal data), as the erasure here keeps them (services/privacy.ts). So a
//   purchase for a customer erased here lands on that record, and one for a customer never seen here (in the hub's
//   order: erased before this terminal heard of them) on an anonymous record kept under their id, which a later
//   erasure or edit of them recognises.
import type { Change } from '@common/sync/changes';
import { purchaseLineSchema } from '@common/sync/changes';
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';
import type { ServiceContext } from '../services/context';
import { factOrigin } from './interactions-apply';
import { LINES_FIELD, PURCHASE_FIELDS, PURCHASE_LINE_FIELDS } from './purchase-fields';
import { countRefused, writeOrCount } from './refused-facts';

export type PurchaseChange = Extract<Change, { kind: 'append' }>;

/** The purchases columns a pulled purchase is written with (purchaseRow), and its lines' (purchaseLines). */
export const PURCHASE_COLUMNS = [...PURCHASE_FIELDS.map((f) => f.column), 'customer_id', 'pulled'];
export const LINE_COLUMNS = ['purchase_id', ...PURCHASE_LINE_FIELDS.map((f) => f.column)];
const COLUMNS = PURCHASE_COLUMNS;

const statements = preparedFor((db: DB) => ({
  insert: db.prepare<Record<string, unknown>>(
    `INSERT INTO purchases (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ),
  insertLine: db.prepare<Record<string, unknown>>(
    `INSERT INTO purchase_items (${LINE_COLUMNS.join(', ')}) VALUES (${LINE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ),
  localId: db.prepare<[string, string], { row_id: number }>(
    'SELECT row_id FROM sync_ids WHERE entity = ? AND global_id = ?',
  ),
  remember: db.prepare<[number, string]>("INSERT INTO sync_ids (entity, row_id, global_id) VALUES ('purchase', ?, ?)"),
  origin: db.prepare<[number, string, string, string, string]>(
    'INSERT INTO purchase_origins (purchase_id, store_id, store_name, terminal_id, terminal_name) VALUES (?, ?, ?, ?, ?)',
  ),
}));

/**
 * Writes one pulled purchase; inside applyChanges' transaction. `customerRow` gives the local row of a customer's
 * global id, making an anonymous one for a customer never seen here. One this store's schema refuses is counted and
 * passed over (refused-facts.ts).
 */
export function applyPurchase(ctx: ServiceContext, change: PurchaseChange, customerRow: (gid: string) => number): void {
  const s = statements(ctx.db);
  if (s.localId.get('purchase', change.id)) return;
  // A purchase always has a customer (the column is NOT NULL): one without is not a purchase this store can keep.
  if (change.customerId === null) {
    countRefused(ctx.db);
    return;
  }
  const customerId = change.customerId;
  writeOrCount(ctx.db, () => writePurchase(ctx, change, customerRow(customerId)));
}

function writePurchase(ctx: ServiceContext, change: PurchaseChange, customerId: number): void {
  const s = statements(ctx.db);
  const id = Number(s.insert.run(purchaseRow(change, customerId)).lastInsertRowid);
  s.remember.run(id, change.id);
  s.origin.run(id, ...factOrigin(change));
  for (const line of purchaseLines(change)) s.insertLine.run({ purchase_id: id, ...line });
}

/** The purchases row a pulled purchase is written as (PURCHASE_COLUMNS). */
export function purchaseRow(change: PurchaseChange, customerId: number): Record<string, unknown> {
  const f = change.fields;
  const row: Record<string, unknown> = { customer_id: customerId, pulled: 1 };
  for (const { field, column, missing } of PURCHASE_FIELDS)
    row[column] = f[field] === undefined || Array.isArray(f[field]) ? missing : f[field];
  return row;
}

/** The receipt's lines in purchase_items' column names (less purchase_id), in the order they were written. */
export function purchaseLines(change: PurchaseChange): Record<string, unknown>[] {
  const lines = purchaseLineSchema.array().safeParse(change.fields[LINES_FIELD] ?? []);
  return (lines.success ? lines.data : []).map((line) =>
    Object.fromEntries(PURCHASE_LINE_FIELDS.map((l) => [l.column, line[l.field]])),
  );
}
