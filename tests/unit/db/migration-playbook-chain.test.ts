// Migration NNNN-playbook-chain: template versions people saved travel (queued as of when they were saved, in a store
// that joined), the outbox takes them while keeping its rows and its numbering, and templates gain a language. Found
// by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { OUTBOX_ENTITIES } from '../../../main/db/migrations/0021-playbook-chain';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-playbook-chain')) + 1;

function storeBefore(joined: boolean) {
  const file = path.join(tempDir(), 'store.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: version - 1 });
  if (joined)
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', '0190f0c4-0000-7000-8000-000000000001')").run();
  db.prepare(
    "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'manager', '2026-01-01T00:00:00Z')",
  ).run();
  db.prepare(
    `INSERT INTO playbook_templates (id, kind, title, conditions, text_blue, text_green, text_gold, text_orange, text_unknown, priority, version, updated_at, updated_by)
     VALUES ('mine', 'help', 'Mine', '{"all":[]}', 'a', 'b', 'c', 'd', 'e', 50, 2, '2026-03-01T00:00:00.000Z', 1)`,
  ).run();
  const version_ = db.prepare(
    'INSERT INTO playbook_template_versions (template_id, version, body, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)',
  );
  version_.run('mine', 1, '{}', null, '2026-01-01T00:00:00.000Z'); // the shipped default's: never travels
  version_.run('mine', 2, '{}', 1, '2026-03-01T00:00:00.000Z');
  return db;
}

describe('migration playbook-chain', () => {
  it('is registered after the interactions started to travel', () => {
    expect(version).toBeGreaterThan(MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-interactions')) + 1);
  });

  it('keeps the outbox rows and numbering, and queues the versions people saved as of when they saved them', () => {
    const db = storeBefore(true);
    // Mutation 38 waits; 39-41 left the outbox (an erasure took them). Numbering must go on after 41, or the hub,
    // which has seen 41, would skip what follows.
    db.prepare('DELETE FROM sync_outbox').run();
    db.prepare(
      "INSERT INTO sync_outbox (mutation_id, entity, row_id, kind, at_ms) VALUES (38, 'interaction', 7, 'append', 1)",
    ).run();
    db.prepare("UPDATE sqlite_sequence SET seq = 41 WHERE name = 'sync_outbox'").run();
    migrate(db, db.name, { backup: false, target: version });
    const outbox = db.prepare('SELECT mutation_id, entity, row_id, at_ms FROM sync_outbox ORDER BY mutation_id').all();
    const shared = db.prepare('SELECT row_id, kind, template_id, version, hlc FROM playbook_sync').all();
    expect(shared).toEqual([{ row_id: 1, kind: 'version', template_id: 'mine', version: 2, hlc: null }]);
    expect(outbox).toEqual([
      { mutation_id: 38, entity: 'interaction', row_id: 7, at_ms: 1 },
      { mutation_id: 42, entity: 'template', row_id: 1, at_ms: Date.parse('2026-03-01T00:00:00.000Z') },
    ]);
    // The interactions' triggers still write into the rebuilt outbox, numbered after.
    db.prepare(
      "INSERT INTO interactions (created_at, local_day, kind, outcome, clerk_id, terminal_id) VALUES ('2026-04-01T10:00:00.000Z', '2026-04-01', 'inquiry', 'resolved', 1, 't')",
    ).run();
    expect(db.prepare('SELECT mutation_id, entity FROM sync_outbox WHERE mutation_id > 42').all()).toEqual([
      { mutation_id: 43, entity: 'interaction' },
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sync_outbox'").pluck().get()).toContain(
      OUTBOX_ENTITIES.map((e) => `'${e}'`).join(', '),
    );
    expect(db.prepare('SELECT language, translations FROM playbook_templates').get()).toEqual({
      language: 'en',
      translations: '{}',
    });
    db.close();
  });

  it('queues nothing in a store that has not joined, and still gives the versions their ids', () => {
    const db = storeBefore(false);
    migrate(db, db.name, { backup: false, target: version });
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM playbook_sync').pluck().get()).toBe(1);
    db.close();
  });
});
