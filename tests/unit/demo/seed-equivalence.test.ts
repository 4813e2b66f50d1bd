import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/connection';
import { localDay } from '../../../main/services/time';
import { tempDir } from '../../helpers/temp-store';
import { seeded, snapshot, type SeededStore } from './store-snapshot';

// The bulk seed drops the insert triggers and writes customer stats, customer_days, open_issues and the search
// index itself. These tests hold it to what the triggers would have produced.
//
// Each way of seeding runs once per file and every test reads the store it made (seeding is most of the time).
// 1,000 customers in batches of 300 still give the two-thread load several batches, the last one short.
const customers = 1000;
const once = (seed: () => SeededStore) => {
  let store: SeededStore | undefined;
  return () => (store ??= seed());
};
const shared = { forFile: true };
// The first test seeds all three stores: ~10 s on a quiet machine, ~29 s on a loaded one, near the suite's 30 s.
const SEEDS_THREE_STORES_MS = 120_000;
const viaTriggers = once(() => seeded({ customers, strategy: 'triggers' }, {}, shared));
const bulk = once(() => seeded({ customers, strategy: 'bulk', parallel: false }, {}, shared));
const parallel = once(() => seeded({ customers, strategy: 'bulk', parallel: true, batchSize: 300 }, {}, shared));

describe('demo seed: bulk load means the same as inserting through the triggers', () => {
  it(
    'gives row-for-row the same tables, single-threaded, on two threads and through the triggers',
    () => {
      const expected = snapshot(viaTriggers().db);
      const single = snapshot(bulk().db);
      const twoThreads = snapshot(parallel().db);
      expect(expected.customers).toHaveLength(customers);
      for (const table of Object.keys(expected)) {
        expect(single[table], table).toEqual(expected[table]);
        expect(twoThreads[table], table).toEqual(expected[table]);
      }
    },
    SEEDS_THREE_STORES_MS,
  );

  it('leaves stats, open issues and the search index equal to values recomputed from the history', () => {
    const { db } = bulk();
    const mismatches = db
      .prepare(
        `WITH days AS (
           SELECT customer_id, local_day AS day FROM purchases
           UNION SELECT customer_id, local_day FROM interactions WHERE customer_id IS NOT NULL AND amends_id IS NULL),
         acts AS (
           SELECT customer_id, purchased_at AS at FROM purchases
           UNION ALL SELECT customer_id, created_at FROM interactions WHERE customer_id IS NOT NULL AND amends_id IS NULL)
         SELECT c.id FROM customers c WHERE
           c.visit_count != (SELECT count(*) FROM days d WHERE d.customer_id = c.id)
           OR c.last_visit_at IS NOT (SELECT max(at) FROM acts a WHERE a.customer_id = c.id)
           OR c.lifetime_spend_cents != (SELECT coalesce(sum(total_cents), 0) FROM purchases p WHERE p.customer_id = c.id)
           OR c.purchase_count != (SELECT count(*) FROM purchases p WHERE p.customer_id = c.id)
           OR c.interaction_count != (SELECT count(*) FROM interactions i WHERE i.customer_id = c.id AND i.amends_id IS NULL)
           OR c.visit_count != (SELECT count(*) FROM customer_days d WHERE d.customer_id = c.id)`,
      )
      .all();
    expect(mismatches).toEqual([]);

    // Purchase totals are the sum of their lines.
    expect(
      db
        .prepare(
          `SELECT p.id FROM purchases p WHERE total_cents != (SELECT sum(quantity * unit_price_cents) FROM purchase_items WHERE purchase_id = p.id)`,
        )
        .all(),
    ).toEqual([]);

    // An entry is open exactly when it has an open outcome and no later entry resolved it.
    const openNow = db
      .prepare(
        `SELECT i.id FROM interactions i WHERE i.amends_id IS NULL AND i.outcome IN ('follow_up', 'escalated', 'unresolved')
           AND NOT EXISTS (SELECT 1 FROM interaction_resolves r WHERE r.issue_id = i.id) ORDER BY i.id`,
      )
      .pluck()
      .all();
    expect(
      db
        .prepare('SELECT interaction_id FROM open_issues WHERE closed_at IS NULL ORDER BY interaction_id')
        .pluck()
        .all(),
    ).toEqual(openNow);
    expect(
      db
        .prepare(`SELECT count(*) FROM open_issues o JOIN interactions i ON i.id = o.interaction_id
                  WHERE o.opened_at != i.created_at OR o.due_date IS NOT i.follow_up_due OR o.customer_id IS NOT i.customer_id`)
        .pluck()
        .get(),
    ).toBe(0);

    // The search index holds exactly the customers' keys.
    db.prepare("INSERT INTO customer_fts (customer_fts, rank) VALUES ('integrity-check', 1)").run();
    for (const q of ['obrien', 'mary', 'murphy', 'sean', '4567', '353871']) {
      const viaIndex = db
        .prepare('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? ORDER BY rowid')
        .pluck()
        .all(`"${q}"`);
      const viaScan = db
        .prepare(
          "SELECT id FROM customers WHERE instr(name_key, ?) OR instr(coalesce(phone_digits, ''), ?) ORDER BY id",
        )
        .pluck()
        .all(q, q);
      expect(viaIndex, q).toEqual(viaScan);
      expect(viaIndex.length, q).toBeGreaterThan(0);
    }
  });

  it('references only rows that exist, earlier in time, and restores every trigger and index', () => {
    const { db, ctx } = parallel();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      db
        .prepare(`SELECT count(*) FROM (SELECT interaction_id AS id, issue_id AS target FROM interaction_resolves
                    UNION ALL SELECT id, amends_id FROM interactions WHERE amends_id IS NOT NULL) l
                  JOIN interactions i ON i.id = l.id JOIN interactions t ON t.id = l.target
                  WHERE t.created_at >= i.created_at OR t.id >= i.id OR t.customer_id IS NOT i.customer_id`)
        .pluck()
        .get(),
    ).toBe(0);
    for (const { created_at, local_day } of db
      .prepare('SELECT created_at, local_day FROM interactions UNION ALL SELECT purchased_at, local_day FROM purchases')
      .all() as { created_at: string; local_day: string }[]) {
      if (localDay(new Date(created_at), ctx.config.timeZone) !== local_day)
        throw new Error(`${created_at} is not on ${local_day}`);
    }
    // Pragmas the counter relies on are back.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    // So is FTS5's term buffer, which the rebuild enlarges.
    expect(db.prepare("SELECT v FROM customer_fts_config WHERE k = 'hashsize'").pluck().get() ?? 1048576).toBe(1048576);
    // The schema as the migrations leave it (no seed: its seven salted PIN hashes alone take seconds).
    const fresh = openDatabase(path.join(tempDir(), 'fresh.db'), { create: true });
    const objects = (d: typeof db) => d.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
    expect(objects(db)).toEqual(objects(fresh));
    // And they work: a purchase logged after the seed still counts a visit.
    const before = db.prepare('SELECT visit_count FROM customers WHERE id = 1').pluck().get() as number;
    db.prepare(
      "INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (1, '2026-11-23T09:30:00.000Z', '2026-11-23', 'X-1', 100)",
    ).run();
    expect(db.prepare('SELECT visit_count FROM customers WHERE id = 1').pluck().get()).toBe(before + 1);
  });
});
