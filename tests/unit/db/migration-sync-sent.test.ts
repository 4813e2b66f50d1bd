// Migration NNNN-sync-sent: the journal of acknowledged changes, and what replica.ts does with it: an acknowledged
// outbox row moves there with its stamp, is put back in the outbox with that stamp when the hub went back to an earlier
// copy, and leaves after SENT_KEPT_DAYS. Found by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { acknowledge, resendKept, SENT_KEPT_DAYS } from '../../../main/sync/replica';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync-sent')) + 1;
const syncVersion = MIGRATIONS.findIndex((m) => m.name.endsWith('-sync')) + 1;

function storeWithOutbox() {
  const file = path.join(tempDir(), 'store.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: version });
  const add = db.prepare(
    "INSERT INTO sync_outbox (entity, row_id, kind, fields, at_ms, hlc) VALUES ('customer', ?, 'upsert', '[\"phone\"]', 1, ?)",
  );
  add.run(1, 'stamp-1');
  add.run(2, 'stamp-2');
  add.run(3, null);
  return db;
}
const outbox = (db: Database.Database) =>
  db.prepare('SELECT mutation_id, row_id, hlc FROM sync_outbox ORDER BY mutation_id').all();

describe('migration sync-sent', () => {
  it('comes after the outbox it keeps rows of', () => {
    expect(version).toBeGreaterThan(syncVersion);
  });

  it('keeps acknowledged rows with their stamps and puts them back in order under new mutation ids', () => {
    const db = storeWithOutbox();
    acknowledge(db, 2, Date.UTC(2026, 11, 1));
    expect(outbox(db)).toEqual([{ mutation_id: 3, row_id: 3, hlc: null }]);
    expect(resendKept(db)).toBe(2);
    expect(outbox(db)).toEqual([
      { mutation_id: 3, row_id: 3, hlc: null },
      { mutation_id: 4, row_id: 1, hlc: 'stamp-1' },
      { mutation_id: 5, row_id: 2, hlc: 'stamp-2' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM sync_sent').get()).toEqual({ n: 0 });
  });

  it('forgets what it kept longer than SENT_KEPT_DAYS', () => {
    const db = storeWithOutbox();
    const day = 86_400_000;
    const then = Date.UTC(2026, 10, 1);
    acknowledge(db, 1, then);
    acknowledge(db, 2, then + SENT_KEPT_DAYS * day);
    expect(db.prepare('SELECT mutation_id FROM sync_sent ORDER BY mutation_id').all()).toEqual([
      { mutation_id: 1 },
      { mutation_id: 2 },
    ]);
    acknowledge(db, 3, then + SENT_KEPT_DAYS * day + 1);
    expect(db.prepare('SELECT mutation_id FROM sync_sent ORDER BY mutation_id').all()).toEqual([
      { mutation_id: 2 },
      { mutation_id: 3 },
    ]);
  });
});
