// Migration NNNN-sync-erased-entries: an entry still in the outbox when the erasure unlinks it keeps its customer's
// global id in its outbox row; entries already sent, and rows of other entries, are left alone. Found by name, so
// renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-erased-entries')) + 1;
const interactionsVersion = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-interactions')) + 1;

/** A joined store at the migration's version with one customer and two entries for them, the first already sent. */
function joinedStore() {
  const file = path.join(tempDir(), 'store.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: version });
  db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', '0190f0c4-0000-7000-8000-000000000001')").run();
  db.prepare(
    "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
  ).run();
  const customer = Number(
    db
      .prepare(
        "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES ('Mary', 'Ryan', 'mary ryan', 'ryan', '2026-01-01T00:00:00Z')",
      )
      .run().lastInsertRowid,
  );
  const log = db.prepare(
    `INSERT INTO interactions (created_at, local_day, kind, outcome, clerk_id, terminal_id, customer_id) VALUES ('2026-11-01T10:00:00Z', '2026-11-01', 'inquiry', 'resolved', 1, 't', ?)`,
  );
  const sent = Number(log.run(customer).lastInsertRowid);
  db.prepare("DELETE FROM sync_outbox WHERE entity = 'interaction' AND row_id = ?").run(sent); // the hub has it
  const waiting = Number(log.run(customer).lastInsertRowid);
  const gid = db
    .prepare<[number], { global_id: string }>("SELECT global_id FROM sync_ids WHERE entity = 'customer' AND row_id = ?")
    .get(customer)!.global_id;
  return { db, customer, gid, waiting };
}

describe('migration sync-erased-entries', () => {
  it('is registered after the interactions started travelling', () => {
    expect(version).toBeGreaterThan(interactionsVersion);
  });

  it("keeps the customer's global id in the waiting entry's outbox row when an erasure unlinks it", () => {
    const { db, customer, gid, waiting } = joinedStore();
    // As the erasure does it (services/privacy.ts): past the append-only guard, inside one transaction.
    db.transaction(() => {
      const guard = db
        .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'interactions_no_update'")
        .get()!.sql;
      db.exec('DROP TRIGGER interactions_no_update');
      db.prepare('UPDATE interactions SET customer_id = NULL, notes = ? WHERE customer_id = ?').run('', customer);
      db.exec(guard);
    })();
    const rows = db
      .prepare<[], { row_id: number; fields: string | null }>(
        "SELECT row_id, fields FROM sync_outbox WHERE entity = 'interaction'",
      )
      .all();
    expect(rows).toEqual([{ row_id: waiting, fields: JSON.stringify({ customerId: gid }) }]);
  });
});
