// Migration 0003-playbook: the playbook tables and the statistics triggers, checked at the SQL level.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name === '0003-playbook') + 1;

function dbAt(v: number): Database.Database {
  const file = path.join(tempDir(), 'm.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: v });
  return db;
}

describe('migration 0003-playbook', () => {
  it('is registered and creates the playbook tables and triggers', () => {
    expect(version).toBeGreaterThan(1);
    const db = dbAt(version);
    const names = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
      .all()
      .map((r) => r.name);
    for (const n of [
      'playbook_templates',
      'playbook_template_versions',
      'playbook_stats',
      'playbook_uses',
      'interactions_playbook_use',
      'interactions_playbook_amend',
    ]) {
      expect(names).toContain(n);
    }
    db.close();
  });

  it('keeps existing data and counts uses from raw inserts, success = resolved with sentiment >= 4', () => {
    const db = dbAt(version - 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO customers (first_name, name_key, last_key, style, created_at) VALUES ('Bo', 'bo', 'bo', 'gold', '2026-01-01')",
    ).run();
    migrate(db, ':memory:', { backup: false, target: version });
    const log = db.prepare(
      `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, clerk_id, terminal_id,
         suggestion_template_id, amends_id, amend_reason) VALUES (1, '2026-11-01T10:00:00Z', '2026-11-01', 'inquiry', ?, ?, 1, 't', ?, ?, ?)`,
    );
    const stats = () =>
      db.prepare('SELECT template_id, store_id, style, shown, used, successes FROM playbook_stats').all();
    log.run('resolved', 4, 'x', null, null);
    log.run('resolved', 3, 'x', null, null);
    log.run('resolved', 5, null, null, null);
    expect(stats()).toEqual([{ template_id: 'x', store_id: '', style: 'gold', shown: 0, used: 2, successes: 1 }]);
    db.prepare("INSERT INTO settings (key, value) VALUES ('playbook.store_id', 'galway')").run();
    log.run('unresolved', 5, 'x', null, null);
    expect(stats()).toContainEqual({
      template_id: 'x',
      store_id: 'galway',
      style: 'gold',
      shown: 0,
      used: 1,
      successes: 0,
    });
    log.run('resolved', 5, null, 4, 'fixed'); // amends the last use: now a success, still one use
    log.run('resolved', 2, null, 2, 'unhappy after all'); // amends the second use: still not a success
    expect(stats()).toContainEqual({
      template_id: 'x',
      store_id: 'galway',
      style: 'gold',
      shown: 0,
      used: 1,
      successes: 1,
    });
    expect(stats()).toContainEqual({ template_id: 'x', store_id: '', style: 'gold', shown: 0, used: 2, successes: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    db.close();
  });
});
