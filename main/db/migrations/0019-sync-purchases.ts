import type Database from 'better-sqlite3';
import { APPLYING, ENABLED, MS_NOW, msOf, uuidV7 } from './0011-sync';

// Purchases travel between the terminals of a chain (main/sync/purchases-out.ts, purchases-apply.ts), as
// interactions do (0015-sync-interactions): a receipt and its lines are one append-only fact, kept once by global id.
//
// sync_ids and sync_outbox take 'purchase': their CHECKs named only customers and interactions, and SQLite changes a
// CHECK only by rebuilding the table. The triggers of other tables that write into them name them by name, so the
// rebuilt table is renamed into place with legacy_alter_table on (without it the rename re-checks every trigger and
// fails on the one naming the table just dropped).
//
// A purchase's global id is made from when it was bought, not when it was written: a till's export imported today
// holds years of receipts, and a new terminal's bootstrap picks facts of its history window by the time their ids
// carry (common/sync/bootstrap.ts).
//
// Returns keep their meaning: a return is a line marked 'returned' on its receipt (a refund receipt's lines are
// returned, and its total is negative), so the receipt travels whole with its lines and total as they are.
//
// Receipt numbers are the till's, unique within a store; two stores' tills may both print R-1001. The unique index
// now holds for this store's own purchases only (pulled = 0); a purchase pulled from the hub is kept whatever its
// number, and purchase_origins says where it was bought ("Cork, till-2"), like interaction_origins.
export const BACKFILL_PURCHASE_IDS = `
  INSERT INTO sync_ids (entity, row_id, global_id)
    SELECT 'purchase', id, ${uuidV7(`max(0, ${msOf('purchased_at')})`)} FROM purchases
     WHERE id NOT IN (SELECT row_id FROM sync_ids WHERE entity = 'purchase');`;

const ENTITIES = `'customer', 'interaction', 'purchase'`;

function rebuild(db: Database.Database, table: string, create: string, indexes: string[]): void {
  db.exec(`${create.replace(`CREATE TABLE ${table} `, `CREATE TABLE ${table}_next `)};
    INSERT INTO ${table}_next SELECT * FROM ${table};
    DROP TABLE ${table};`);
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE ${table}_next RENAME TO ${table}`);
  } finally {
    db.pragma('legacy_alter_table = OFF');
  }
  for (const sql of indexes) db.exec(sql);
}

export function up(db: Database.Database): void {
  rebuild(
    db,
    'sync_ids',
    `CREATE TABLE sync_ids (
      entity TEXT NOT NULL CHECK (entity IN (${ENTITIES})),
      row_id INTEGER NOT NULL,
      global_id TEXT NOT NULL UNIQUE,
      PRIMARY KEY (entity, row_id)
    ) WITHOUT ROWID`,
    [],
  );
  // AUTOINCREMENT: mutation ids are never reused, so the rebuilt outbox goes on from the highest ever handed out.
  const seq =
    db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get()?.seq ?? 0;
  rebuild(
    db,
    'sync_outbox',
    `CREATE TABLE sync_outbox (
      mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL CHECK (entity IN (${ENTITIES})),
      row_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('upsert', 'append', 'erase')),
      fields TEXT,
      at_ms INTEGER NOT NULL,
      hlc TEXT
    )`,
    ['CREATE INDEX sync_outbox_row ON sync_outbox (entity, row_id)'],
  );
  db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'sync_outbox'").run(seq);
  db.prepare(
    "INSERT INTO sqlite_sequence (name, seq) SELECT 'sync_outbox', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sync_outbox')",
  ).run(seq);

  db.exec(`
    ${BACKFILL_PURCHASE_IDS}
    CREATE TRIGGER sync_purchase_id AFTER INSERT ON purchases WHEN NOT ${APPLYING} BEGIN
      INSERT INTO sync_ids (entity, row_id, global_id) VALUES ('purchase', NEW.id, ${uuidV7(`max(0, ${msOf('NEW.purchased_at')})`)});
    END;
    -- The row names the purchase only; its lines are read when it is sent (they are written in the same transaction).
    CREATE TRIGGER sync_purchase_logged AFTER INSERT ON purchases WHEN ${ENABLED} AND NOT ${APPLYING} BEGIN
      INSERT INTO sync_outbox (entity, row_id, kind, at_ms) VALUES ('purchase', NEW.id, 'append', ${MS_NOW});
    END;
    -- A store that joined before this migration shares the purchases it holds, once, oldest first.
    INSERT INTO sync_outbox (entity, row_id, kind, at_ms)
      SELECT 'purchase', id, 'append', max(0, ${msOf('purchased_at')}) FROM purchases WHERE ${ENABLED} ORDER BY purchased_at, id;

    ALTER TABLE purchases ADD COLUMN pulled INTEGER NOT NULL DEFAULT 0 CHECK (pulled IN (0, 1));
    DROP INDEX purchases_receipt;
    CREATE UNIQUE INDEX purchases_receipt ON purchases (receipt_no) WHERE pulled = 0;

    CREATE TABLE purchase_origins (
      purchase_id INTEGER PRIMARY KEY REFERENCES purchases (id) ON DELETE CASCADE,
      store_id TEXT NOT NULL,
      store_name TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      terminal_name TEXT NOT NULL
    );
  `);
}
