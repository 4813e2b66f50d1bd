// Migration NNNN-sync-interactions: interactions queue themselves for the hub once the store has joined, and a store
// that joined before the migration queues the ones it holds. Found by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-interactions')) + 1;
const syncVersion = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync')) + 1;

function storeWithEntry(joined: boolean) {
  const file = path.join(tempDir(), 'store.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: version - 1 });
  if (joined)
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', '0190f0c4-0000-7000-8000-000000000001')").run();
  db.prepare(
    "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
  ).run();
  const log = db.prepare(
    `INSERT INTO interactions (created_at, local_day, kind, outcome, clerk_id, terminal_id) VALUES (?, '2026-11-01', 'inquiry', 'resolved', 1, 't')`,
  );
  log.run('2026-11-01T10:00:00.000Z');
  return {
    db,
    log,
    outbox: () =>
      db.prepare("SELECT row_id, kind, at_ms FROM sync_outbox WHERE entity = 'interaction' ORDER BY mutation_id").all(),
  };
}

describe('migration sync-interactions', () => {
  it('is registered after the sync migration', () => {
    expect(version).toBeGreaterThan(syncVersion);
  });

  it('queues the interactions of a store that joined a hub, once, and every one logged after', () => {
    const { db, log, outbox } = storeWithEntry(true);
    expect(outbox()).toEqual([]);
    migrate(db, db.name, { backup: false, target: version });
    expect(outbox()).toEqual([{ row_id: 1, kind: 'append', at_ms: Date.parse('2026-11-01T10:00:00.000Z') }]);
    log.run('2026-11-02T10:00:00.000Z');
    expect(outbox()).toHaveLength(2);
  });

  it('queues nothing in a store that has not joined', () => {
    const { db, log, outbox } = storeWithEntry(false);
    migrate(db, db.name, { backup: false, target: version });
    log.run('2026-11-02T10:00:00.000Z');
    expect(outbox()).toEqual([]);
  });
});
