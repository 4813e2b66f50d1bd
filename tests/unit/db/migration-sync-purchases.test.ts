// Migration NNNN-sync-purchases: purchases get global ids (made from when they were bought), queue themselves for the
// hub once the store has joined, and a store that joined before queues the ones it holds; the outbox goes on with
// mutation ids the hub has not seen. Found by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7Time } from '@common/sync/ids';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-purchases')) + 1;
const interactionsVersion = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-interactions')) + 1;

function storeWithPurchase(joined: boolean) {
  const file = path.join(tempDir(), 'store.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: version - 1 });
  if (joined)
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', '0190f0c4-0000-7000-8000-000000000001')").run();
  db.prepare(
    "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES ('Ann', 'Lee', 'ann lee', 'lee', '2026-01-01T00:00:00Z')",
  ).run();
  const buy = db.prepare(
    "INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (1, ?, '2026-11-01', ?, 500)",
  );
  buy.run('2019-03-01T10:00:00.000Z', 'R-1');
  return {
    db,
    buy,
    outbox: () =>
      db
        .prepare<[], { row_id: number; kind: string }>(
          "SELECT row_id, kind FROM sync_outbox WHERE entity = 'purchase' ORDER BY mutation_id",
        )
        .all(),
    gid: (row: number) =>
      db
        .prepare<[number], { global_id: string }>(
          "SELECT global_id FROM sync_ids WHERE entity = 'purchase' AND row_id = ?",
        )
        .get(row)?.global_id,
  };
}

describe('migration sync-purchases', () => {
  it('is registered after the interactions migration', () => {
    expect(version).toBeGreaterThan(interactionsVersion);
  });

  it('gives every purchase a global id made from when it was bought, before and after the migration', () => {
    const { db, buy, gid } = storeWithPurchase(false);
    migrate(db, db.name, { backup: false, target: version });
    expect(uuidv7Time(gid(1)!).toISOString()).toBe('2019-03-01T10:00:00.000Z');
    buy.run('2020-05-06T07:08:09.010Z', 'R-2');
    expect(uuidv7Time(gid(2)!).toISOString()).toBe('2020-05-06T07:08:09.010Z');
  });

  it('queues the purchases of a store that joined a hub, once, and every one written after; none in a store that has not', () => {
    const joined = storeWithPurchase(true);
    migrate(joined.db, joined.db.name, { backup: false, target: version });
    expect(joined.outbox()).toEqual([{ row_id: 1, kind: 'append' }]);
    joined.buy.run('2026-11-02T10:00:00.000Z', 'R-2');
    expect(joined.outbox()).toHaveLength(2);

    const alone = storeWithPurchase(false);
    migrate(alone.db, alone.db.name, { backup: false, target: version });
    alone.buy.run('2026-11-02T10:00:00.000Z', 'R-2');
    expect(alone.outbox()).toEqual([]);
  });

  it('never hands out a mutation id again, even when the outbox was empty', () => {
    const { db } = storeWithPurchase(false);
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', '0190f0c4-0000-7000-8000-000000000001')").run();
    db.prepare(
      "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES ('Bo', 'Ray', 'bo ray', 'ray', '2026-01-01T00:00:00Z')",
    ).run();
    const sent = db.prepare<[], { m: number }>('SELECT max(mutation_id) AS m FROM sync_outbox').get()!.m;
    db.exec('DELETE FROM sync_outbox'); // acknowledged by the hub
    migrate(db, db.name, { backup: false, target: version });
    db.prepare(
      "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES ('Cy', 'Ong', 'cy ong', 'ong', '2026-01-02T00:00:00Z')",
    ).run();
    expect(db.prepare<[], { m: number }>('SELECT min(mutation_id) AS m FROM sync_outbox').get()!.m).toBeGreaterThan(
      sent,
    );
  });

  it("keeps receipt numbers unique among the store's own purchases only", () => {
    const { db, buy } = storeWithPurchase(false);
    migrate(db, db.name, { backup: false, target: version });
    expect(() => buy.run('2026-11-02T10:00:00.000Z', 'R-1')).toThrow(/UNIQUE/);
    db.prepare(
      "INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents, pulled) VALUES (1, '2026-11-02T10:00:00.000Z', '2026-11-02', 'R-1', 900, 1)",
    ).run();
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM purchases WHERE receipt_no = 'R-1'").get()!.n).toBe(
      2,
    );
  });
});
