// Migration NNNN-held-visit-stats: the customers' visit-stats and open-issue triggers can be held for a bulk writer's
// run, which then adds what they would have added (main/db/visit-stats.ts). A counter's write still fires them, the
// hold never outlives the writer's transaction, and a held run followed by the set-based catch-up leaves every stat
// the triggers leave row by row. Found by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { HELD_VISIT_STATS } from '../../../main/db/migrations/0024-held-visit-stats';
import { withVisitStatsHeld } from '../../../main/db/visit-stats';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-held-visit-stats')) + 1;
const settleVersion = MIGRATIONS.findIndex((m) => m.name.endsWith('-settle-issues')) + 1;

const CUSTOMERS = 6;
function storeAt(v: number) {
  const file = path.join(tempDir(), 'stats.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: v });
  db.prepare(
    "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
  ).run();
  const add = db.prepare(
    "INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES (?, ?, ?, '2026-01-01')",
  );
  for (let i = 1; i <= CUSTOMERS; i++) add.run(`P${i}`, `p${i}`, `p${i}`);
  return db;
}

/** The n-th fact of a made-up stream: entries (some open, some walk-ins) and purchases, days repeating. */
function writeFact(db: Database.Database, n: number): void {
  const customer = n % 11 === 0 ? null : (n % CUSTOMERS) + 1;
  const day = `2026-11-${String(1 + ((n * 7) % 9)).padStart(2, '0')}`;
  const at = `${day}T${String(8 + (n % 10)).padStart(2, '0')}:00:00Z`;
  if (n % 4 === 3 && customer !== null) {
    const p = db
      .prepare(
        'INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, ?, ?, ?)',
      )
      .run(customer, at, day, `R-${n}`, 100 * n - 250);
    db.prepare(
      "INSERT INTO purchase_items (purchase_id, sku, description, unit_price_cents) VALUES (?, 'S', 'x', 1)",
    ).run(p.lastInsertRowid);
    return;
  }
  db.prepare(
    `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, follow_up_due, clerk_id, terminal_id)
     VALUES (?, ?, ?, 'inquiry', ?, ?, 1, 't')`,
  ).run(customer, at, day, ['resolved', 'follow_up', 'escalated', 'unresolved', 'resolved'][n % 5], n % 2 ? day : null);
}

const nextId = (db: Database.Database, table: string) =>
  db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number;

/** Facts [from, to) as one held run, in a transaction of their own. */
function heldRun(db: Database.Database, from: number, to: number): void {
  db.transaction(() =>
    withVisitStatsHeld(db, () => {
      const i0 = nextId(db, 'interactions');
      const p0 = nextId(db, 'purchases');
      for (let n = from; n < to; n++) writeFact(db, n);
      return {
        interactions: [i0, nextId(db, 'interactions') - 1],
        purchases: [p0, nextId(db, 'purchases') - 1],
      };
    }),
  )();
}

const derived = (db: Database.Database) => ({
  customers: db
    .prepare(
      'SELECT id, visit_count, interaction_count, purchase_count, lifetime_spend_cents, last_visit_at FROM customers ORDER BY id',
    )
    .all(),
  days: db.prepare('SELECT * FROM customer_days ORDER BY customer_id, day').all(),
  openIssues: db.prepare('SELECT * FROM open_issues ORDER BY interaction_id').all(),
});

describe('migration held-visit-stats', () => {
  it('comes after the schema whose triggers it restates', () => {
    expect(version).toBeGreaterThan(settleVersion);
  });

  it('leaves what a counter writes counted as before it', () => {
    const before = storeAt(version - 1);
    const after = storeAt(version);
    for (let n = 0; n < 60; n++) {
      writeFact(before, n);
      writeFact(after, n);
    }
    const got = derived(after);
    expect(got).toEqual(derived(before));
    expect(got.openIssues.length).toBeGreaterThan(0);
    expect(got.customers.every((c) => (c as { visit_count: number }).visit_count > 1)).toBe(true);
  });

  it('adds nothing while held, and the hold goes with the transaction that took it', () => {
    const db = storeAt(version);
    const hold = db.prepare(`INSERT INTO bulk_loads (name) VALUES ('${HELD_VISIT_STATS}')`);
    const stop = new Error('stop');
    expect(() =>
      db.transaction(() => {
        hold.run();
        for (let n = 0; n < 10; n++) writeFact(db, n);
        expect(derived(db).days).toEqual([]);
        expect(derived(db).openIssues).toEqual([]);
        throw stop;
      })(),
    ).toThrow(stop);
    expect(db.prepare('SELECT count(*) FROM bulk_loads').pluck().get()).toBe(0);
    writeFact(db, 1);
    expect(derived(db).days).toHaveLength(1);
  });

  it('a held run caught up set-based leaves what the triggers leave row by row, across runs and earlier visits', () => {
    const live = storeAt(version);
    const held = storeAt(version);
    // Visits before the runs, written by the triggers in both stores: a run's day already counted is no new visit.
    for (let n = 0; n < 20; n++) {
      writeFact(live, n);
      writeFact(held, n);
    }
    for (let n = 20; n < 200; n++) writeFact(live, n);
    for (const [from, to] of [
      [20, 23],
      [23, 90],
      [90, 91],
      [91, 200],
    ] as const)
      heldRun(held, from, to);
    expect(derived(held)).toEqual(derived(live));
    expect(held.prepare('SELECT count(*) FROM bulk_loads').pluck().get()).toBe(0);
  });
});
