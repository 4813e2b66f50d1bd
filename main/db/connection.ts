import Database from 'better-sqlite3';
import { assertNotNewer, migrate } from './migrate';

export type DB = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron and Node builds can coexist). */
  nativeBinding?: string;
  /** Back up an existing file before migrating it (default true). */
  backupBeforeMigrate?: boolean;
  readonly?: boolean;
}

/**
 * Opens (creating if needed) a Counterpart database and brings its schema up to date.
 * WAL lets the manager screen read while the counter writes; synchronous=FULL makes a committed interaction durable.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DB {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    assertNotNewer(db); // before anything writes to the file: a newer app's database stays byte-for-byte as it was
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // What a delete or an update frees is overwritten with zeros, so an erased customer or a note blanked by
      // retention does not stay readable in the file (see services/store-scrub.ts for what this does not cover).
      db.pragma('secure_delete = ON');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db, file, { backup: options.backupBeforeMigrate ?? true });
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
