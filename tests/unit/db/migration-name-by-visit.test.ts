import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { customersRepo } from '../../../main/db/customers.repo';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const VERSION = MIGRATIONS.findIndex((m) => m.name === '0025-name-by-visit') + 1;
const HIGH = '\u{10FFFF}';

describe('0025-name-by-visit', () => {
  it("indexes a store's namesakes by visit, keeps the index in step with each visit, and a lookup sorts nothing", () => {
    const file = path.join(tempDir(), 'name-visit.db');
    const db = new Database(file);
    migrate(db, file, { backup: false, target: VERSION - 1 });
    const add = db.prepare<[string, string | null]>(
      `INSERT INTO customers (first_name, last_name, name_key, last_key, created_at, last_visit_at)
       VALUES ('', '', ?, '', '2020-01-01T00:00:00Z', ?)`,
    );
    const id = (key: string, visit: string | null) => Number(add.run(key, visit).lastInsertRowid);
    const never = id('mary obrien', null);
    const old = id('mary obrien', '2021-03-01T10:00:00Z');
    const recent = id('mary obrien', '2026-11-20T10:00:00Z');
    const maria = id('maria byrne', '2026-01-01T10:00:00Z');
    migrate(db, file, { backup: false, target: VERSION });

    // The lookup's own statement: names in order, each name's namesakes most recent visitor first, never-seen last.
    const { namePrefix } = customersRepo(db).hits;
    const listed = (q: string) => namePrefix.all(q, q + HIGH, 10).map((r) => r.id);
    expect(listed('mar')).toEqual([maria, recent, old, never]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${namePrefix.source}`)
      .all('mar', `mar${HIGH}`, 10)
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/USING INDEX customers_name_visit \(name_key>\? AND name_key<\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);

    // A visit (the purchase trigger moves last_visit_at) moves the customer's entry in the index.
    db.prepare(
      `INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents)
       VALUES (?, '2026-11-22T09:00:00Z', '2026-11-22', 'R-1', 500)`,
    ).run(never);
    expect(listed('mary obrien')).toEqual([never, recent, old]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
