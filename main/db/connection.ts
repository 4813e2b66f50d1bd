import fs from 'node:fs';
import Database from 'better-sqlite3';
import { words } from '@common/errors';
import { assertNotNewer, migrate } from './migrate';
import {
  assertWritable,
  checkStoreFile,
  CORE_TABLES,
  damagedStore,
  notAStore,
  QUICK_CHECK_MAX_BYTES,
  StoreError,
} from './store-file';

export type DB = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron and Node builds can coexist). */
  nativeBinding?: string;
  /** Back up an existing file before migrating it (default true). */
  backupBeforeMigrate?: boolean;
  readonly?: boolean;
  /**
   * Create the store when nothing is at the path (default false: a missing store is an error). Only what creates
   * stores sets it: `counterpart seed`, the app's first run and the preview's demo start.
   */
  create?: boolean;
}

/**
 * The binding each connection was opened with, when not better-sqlite3's own: a thread that opens the same store needs
 * the same build (`npm start` runs Electron with an Electron build of it; sync/bootstrap-thread.ts).
 */
const bindings = new WeakMap<DB, string>();

/** The better_sqlite3.node `db` was opened with through openDatabase; undefined for the package's own. */
export function nativeBindingOf(db: DB): string | undefined {
  return bindings.get(db);
}

/** How long opening waits for another process's write lock (migrations, the damage check); the app shortens it after. */
export const OPEN_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a Counterpart database and brings its schema up to date. Nothing is written to a file that is not a
 * Counterpart store (empty, foreign, damaged, from a newer app): those are refused with a StoreError first.
 * WAL lets the manager screen read while the counter writes; synchronous=FULL makes a committed interaction durable.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DB {
  const write = !options.readonly;
  if (options.create && file !== ':memory:' && !fs.existsSync(file)) createStoreFile(file, options);
  // A restore swaps the file at this path while holding an exclusive lock on the old one: a connection that opened
  // the old file just before gets its first read only after the swap, so the inode is compared once it has read.
  for (let attempt = 0; ; attempt++) {
    const before = file === ':memory:' ? null : checkStoreFile(file, { write });
    const db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
      assertIsStore(db, file); // before anything writes to the file: a foreign or newer database stays as it was
      if (before && inodeOf(file) !== before.ino) {
        db.close();
        if (attempt < 2) continue;
        throw new StoreError('in-use', words('storeFile.replacedWhileOpening', { file }), file);
      }
      if (before && before.size <= QUICK_CHECK_MAX_BYTES) assertUndamaged(db, file);
      if (write) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        // What a delete or an update frees is overwritten with zeros, so an erased customer or a note blanked by
        // retention does not stay readable in the file (see services/store-scrub.ts for what this does not cover).
        db.pragma('secure_delete = ON');
      }
      db.pragma('foreign_keys = ON');
      if (write) migrate(db, file, { backup: options.backupBeforeMigrate ?? true });
      if (options.nativeBinding) bindings.set(db, options.nativeBinding);
      return db;
    } catch (err) {
      if (db.open) db.close();
      throw err;
    }
  }
}

function inodeOf(file: string): number | null {
  try {
    return fs.statSync(file).ino;
  } catch {
    return null; // moved away mid-restore: the next attempt finds the new file, or none
  }
}

/** A Counterpart store: a schema version this app knows and the tables every version has. */
function assertIsStore(db: DB, file: string): void {
  if (file === ':memory:') return;
  const version = assertNotNewer(db);
  const found = db
    .prepare(
      `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (${CORE_TABLES.map(() => '?').join(', ')})`,
    )
    .pluck()
    .get(...CORE_TABLES) as number;
  if (version === 0 || found !== CORE_TABLES.length) {
    throw notAStore(file, version === 0 && found === 0 ? 'noData' : 'otherProgram');
  }
}

function assertUndamaged(db: DB, file: string): void {
  const rows = db.pragma('quick_check') as Record<string, string>[];
  const problems = rows.map((r) => Object.values(r)[0]).filter((v) => v && v !== 'ok');
  if (problems.length) throw damagedStore(file, 'check', { detail: problems.slice(0, 2).join('; ') });
}

/**
 * A new store is built beside its final path and linked into place only once its schema is complete, so a crash
 * during creation never leaves a half-made file that the next start would have to refuse; and an existing file
 * (created by someone else meanwhile) is never overwritten.
 */
function createStoreFile(file: string, options: OpenOptions): void {
  assertWritable(file);
  const temp = `${file}.creating-${process.pid}`;
  fs.rmSync(temp, { force: true });
  try {
    const db = new Database(temp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      db.pragma('synchronous = FULL');
      migrate(db, temp, { backup: false });
    } finally {
      db.close();
    }
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return; // someone else created it first: open theirs
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
      if (!fs.existsSync(file)) fs.renameSync(temp, file); // file systems without hard links
    }
  } finally {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
  }
}
