import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { words } from '@common/errors';
import { StoreError } from './store-file';

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies numbered migrations in order, each in its own transaction, recording progress in PRAGMA user_version.
 * A database written by a newer Counterpart is refused rather than guessed at.
 */
export function migrate(db: Database.Database, file: string, opts: { backup: boolean; target?: number }): number {
  const target = opts.target ?? SCHEMA_VERSION;
  const current = assertNotNewer(db);
  if (current >= target) return current;
  if (current > 0 && opts.backup && file !== ':memory:' && fs.existsSync(file)) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = `${file}.pre-v${target}-${Date.now()}.bak`;
    fs.copyFileSync(file, copy);
  }
  for (let v = current + 1; v <= target; v++) {
    const m = MIGRATIONS[v - 1]!;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${v}`);
    })();
  }
  return target;
}

/** Returns the file's schema version, refusing one this app does not know. */
export function assertNotNewer(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError('newer', words('storeFile.newer', { found: current, known: SCHEMA_VERSION }));
  }
  return current;
}
