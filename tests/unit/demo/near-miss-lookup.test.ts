import { describe, expect, it } from 'vitest';
import { customersRepo } from '../../../main/db/customers.repo';
import { oneEditPatterns } from '../../../main/services/customer-search';
import { seeded } from './store-snapshot';

// Near-miss lookups run a LIKE per one-edit pattern. The repository narrows each through the trigram index with a
// MATCH on the pattern's literal runs; on real demo data that must return exactly what a plain LIKE scan returns.
describe('near-miss name lookup on the demo store', () => {
  it('returns the same rows as a full LIKE scan, through the index', () => {
    const { db } = seeded({ customers: 1500 });
    const repo = customersRepo(db);
    const scan = db.prepare('SELECT rowid AS id FROM customer_fts WHERE name_key LIKE ? LIMIT ?');
    const keys = db.prepare('SELECT name_key FROM customers WHERE id % 37 = 0').pluck().all() as string[];
    let compared = 0;
    for (const key of keys) {
      const longest = key.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
      for (const p of [...oneEditPatterns(longest).map((x) => `%${x}%`), ...oneEditPatterns(key)]) {
        expect(repo.nameLike.all(p, 10), p).toEqual(scan.all(p, 10));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ? AND name_key LIKE ? LIMIT ?',
      )
      .all('x', 'y', 1) as { detail: string }[];
    expect(plan[0]!.detail).toMatch(/VIRTUAL TABLE INDEX 0:M/);
  });
});
