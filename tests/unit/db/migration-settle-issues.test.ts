// Migration NNNN-settle-issues (issue #14): open issues settled through a link table, what the clerk said, the
// product catalog and the playbook's open-issue flag. Found by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-settle-issues')) + 1;

function storeAt(v: number) {
  const file = path.join(tempDir(), 'settle.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: v });
  return { db, migrateTo: (target: number) => migrate(db, file, { backup: false, target }) };
}

describe('migration settle-issues', () => {
  it('is registered after the previous schema', () => {
    expect(version).toBeGreaterThan(7);
  });

  it('moves each resolves_id into the link table without closing an issue an amendment reopened', () => {
    const { db, migrateTo } = storeAt(version - 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES ('Tony', 'tony', 'tony', '2026-01-01')",
    ).run();
    const log = db.prepare(
      `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id, resolves_id, amends_id, amend_reason)
       VALUES (1, ?, '2026-11-01', ?, ?, 1, 't', ?, ?, ?)`,
    );
    const id = (...a: unknown[]) => Number(log.run(...a).lastInsertRowid);
    const pan = id('2026-11-01T10:00:00Z', 'complaint', 'unresolved', null, null, null);
    const fix = id('2026-11-02T10:00:00Z', 'complaint', 'resolved', pan, null, null);
    const ask = id('2026-11-03T10:00:00Z', 'inquiry', 'unresolved', null, null, null);
    const answer = id('2026-11-04T10:00:00Z', 'inquiry', 'resolved', ask, null, null);
    id('2026-11-05T10:00:00Z', 'inquiry', 'unresolved', null, ask, 'came back, still no answer'); // reopens ask
    const openBefore = db.prepare('SELECT interaction_id, closed_by FROM open_issues ORDER BY interaction_id').all();
    expect(openBefore).toEqual([
      { interaction_id: pan, closed_by: fix },
      { interaction_id: ask, closed_by: null },
    ]);

    migrateTo(version);
    expect(
      db.prepare('SELECT interaction_id, issue_id FROM interaction_resolves ORDER BY interaction_id').all(),
    ).toEqual([
      { interaction_id: fix, issue_id: pan },
      { interaction_id: answer, issue_id: ask },
    ]);
    expect(db.prepare('SELECT interaction_id, closed_by FROM open_issues ORDER BY interaction_id').all()).toEqual(
      openBefore,
    );
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'interactions_resolve'").get()).toEqual({
      n: 0,
    });

    // From now on the link closes the issue; resolves_id no longer does anything.
    const later = id('2026-11-06T10:00:00Z', 'inquiry', 'resolved', null, null, null);
    db.prepare('INSERT INTO interaction_resolves (interaction_id, issue_id) VALUES (?, ?)').run(later, ask);
    expect(db.prepare('SELECT closed_by, closed_at FROM open_issues WHERE interaction_id = ?').get(ask)).toEqual({
      closed_by: later,
      closed_at: '2026-11-06T10:00:00Z',
    });
    db.close();
  });

  it('adds what was said (empty for old entries), the catalog, and leaves old templates to their kind', () => {
    const { db, migrateTo } = storeAt(version - 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id)
       VALUES (NULL, '2026-11-01T10:00:00Z', '2026-11-01', 'inquiry', 'resolved', 1, 't')`,
    ).run();
    db.prepare(
      `INSERT INTO playbook_templates (id, kind, title, conditions, text_blue, text_green, text_gold, text_orange, text_unknown, priority, updated_at)
       VALUES ('hi', 'greeting', 'Hi', '{"all":[]}', 'a', 'b', 'c', 'd', 'e', 30, '2026-01-01')`,
    ).run();
    migrateTo(version);
    expect(db.prepare('SELECT said FROM interactions').all()).toEqual([{ said: '' }]);
    expect(db.prepare('SELECT compatible_with_open_issues AS c FROM playbook_templates').get()).toEqual({ c: null });
    db.prepare("INSERT INTO catalog_items (sku, check_in) VALUES ('KIT-3004', 1)").run();
    expect(() => db.prepare("INSERT INTO catalog_items (sku, check_in) VALUES ('X', 2)").run()).toThrow(/CHECK/);
    db.close();
  });
});
