// The engine runs on every customer lookup: however long a customer's history gets, it reads only the newest part.
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../main/db/connection';
import { playbookRepo } from '../../../main/db/playbook.repo';
import { suggestFor } from '../../../main/services/suggestions';
import { customer, dayIn, logAt, store, type Store } from './fixtures';

/** Bulk history the way years of counter use leave it: inserted in one transaction, triggers and all. */
function heavyCustomer(s: Store, interactions: number, purchases: number): number {
  const c = customer(s, { style: 'blue', tags: ['coffee'], birthday: '1980-11-25' }, 4000);
  const ins = s.db.prepare(
    `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, follow_up_due, clerk_id,
       terminal_id, suggestion_template_id, amends_id, amend_reason)
     VALUES (?, ?, ?, ?, ?, ?, 'notes', ?, ?, 'counter-1', ?, ?, ?)`,
  );
  const buy = s.db.prepare(
    'INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, ?, ?, ?)',
  );
  const item = s.db.prepare(
    "INSERT INTO purchase_items (purchase_id, sku, description, quantity, unit_price_cents) VALUES (?, 'SKU', ?, 1, ?)",
  );
  const kinds = ['inquiry', 'purchase', 'return', 'complaint', 'pickup', 'other'];
  s.db.transaction(() => {
    for (let i = interactions; i >= 1; i--) {
      const at = new Date(Date.parse(s.now) - i * 3 * 3_600_000 - 86_400_000).toISOString();
      const open = i % 997 === 0;
      const info = ins.run(
        c,
        at,
        at.slice(0, 10),
        kinds[i % 6],
        open ? 'unresolved' : 'resolved',
        (i % 5) + 1,
        null,
        s.clerkId,
        i % 3 === 0 ? 'greeting-regular' : null,
        null,
        null,
      );
      if (i % 50 === 0) {
        ins.run(
          c,
          at,
          at.slice(0, 10),
          kinds[i % 6],
          'resolved',
          5,
          null,
          s.clerkId,
          null,
          Number(info.lastInsertRowid),
          'typo',
        );
      }
    }
    for (let i = purchases; i >= 1; i--) {
      const at = new Date(Date.parse(s.now) - i * 86_400_000).toISOString();
      const p = buy.run(c, at, at.slice(0, 10), `HEAVY-${c}-${i}`, 5000);
      item.run(Number(p.lastInsertRowid), `Item ${i}`, 2500);
      item.run(Number(p.lastInsertRowid), `Other ${i}`, 2500);
    }
  })();
  logAt(s, 2, { customerId: c, kind: 'inquiry', outcome: 'follow_up', followUpDue: dayIn(s, 0) });
  return c;
}

function otherCustomers(db: DB, n: number): void {
  db.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
     INSERT INTO customers (first_name, last_name, name_key, last_key, created_at)
     SELECT 'First' || i, 'Last' || i, 'first' || i || ' last' || i, 'last' || i || ' first' || i, '2024-01-01T00:00:00Z' FROM k`,
  ).run(n);
}

const plan = (db: DB, sql: string, ...params: unknown[]) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail)
    .join('\n');

describe('suggestion engine on long histories', () => {
  // Its speed is measured by `npm run bench` (suggestions for a 10,000-interaction regular among a million
  // customers); here the same heavy history must give the right answer, and the plans below keep it index-bound.
  it('answers for a customer with 10,000 interactions among many customers from the newest history', () => {
    const s = store();
    otherCustomers(s.db, 50_000);
    const c = heavyCustomer(s, 10_000, 2_000);
    const first = suggestFor(s.ctx, { customerId: c, clerkId: s.clerkId });
    expect(first[0]!.templateId).toBe('follow-up-due-today');
    expect(suggestFor(s.ctx, { customerId: c, clerkId: s.clerkId })).toEqual(first);
    expect(suggestFor(s.ctx, { customerId: null, clerkId: s.clerkId }).length).toBeGreaterThanOrEqual(3);
  });

  it('reads history through indexes only: no table scans, no sorting of a whole history', () => {
    const s = store();
    const c = customer(s);
    // The engine's own statements, as prepared, not copies of their text.
    const repo = playbookRepo(s.db);
    const queries: [string, ...unknown[]][] = [
      [repo.recentInteractions.source, c, 20],
      [repo.latestPurchase.source, c],
    ];
    expect(plan(s.db, repo.recentInteractions.source, c, 20)).toMatch(
      /USING INDEX interactions_customer_time \(customer_id=\?\)/,
    );
    expect(plan(s.db, repo.latestPurchase.source, c)).toMatch(/USING INDEX purchases_customer_time \(customer_id=\?\)/);
    for (const [sql, ...params] of queries) {
      const p = plan(s.db, sql, ...params);
      expect(p, sql).not.toMatch(/SCAN (i|p|interactions|purchases|purchase_items|open_issues)\b(?! USING)/);
      expect(p, sql).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
    // Amendments of the 20 recent originals and open issues are sorted after the lookup: a handful of rows,
    // never a whole history.
    expect(plan(s.db, 'SELECT * FROM interactions WHERE amends_id IN (?, ?) ORDER BY id', 1, 2)).toMatch(
      /SEARCH interactions USING INDEX interactions_amends/,
    );
    expect(
      plan(
        s.db,
        'SELECT interaction_id FROM open_issues WHERE customer_id = ? AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 50',
        c,
      ),
    ).toMatch(/SEARCH open_issues USING INDEX open_issues_customer/);
  });
});
