import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, words } from '@common/errors';
import type { DB } from '../db/connection';
import { sqliteIssue, StoreError } from '../db/store-file';

/** Hours between scheduled backups when the managed config does not say (backupEveryHours). */
export const DEFAULT_BACKUP_EVERY_HOURS = 24;

export interface BackupInfo {
  file: string;
  name: string;
  bytes: number;
  createdAt: string;
}

const NAME = /^counterpart-(\d{8}T\d{6}(?:\d{3})?Z)\.db$/;

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:.]/g, '')
    .replace(/(\d{6})(\d{3})Z$/, '$1$2Z');

/**
 * Online backup with SQLite's backup API: pages are copied in small steps so the counter can keep writing meanwhile.
 * The copy is turned into a self-contained file (rollback journal, so neither checking nor restoring it leaves
 * -wal/-shm files beside it), checked, and only then named as a backup; older copies beyond `keep` are removed
 * after that, never the one just made.
 */
export async function backupNow(
  db: DB,
  dir: string,
  opts: { keep: number; now?: Date; nativeBinding?: string },
): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const name = `counterpart-${stamp(opts.now ?? new Date())}.db`;
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  try {
    await db.backup(partial, { progress: () => 256 });
    const copy = new Database(partial, { fileMustExist: true, ...native(opts.nativeBinding) });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = verifyDatabaseFile(partial, opts.nativeBinding);
    if (!check.ok) throw new AppError('INTERNAL', words('backups.failedCheck', { detail: check.message }));
    fs.renameSync(partial, file);
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  }
  rotate(dir, opts.keep, name);
  return info(dir, name);
}

const native = (nativeBinding: string | undefined) => (nativeBinding ? { nativeBinding } : {});

function info(dir: string, name: string): BackupInfo {
  const file = path.join(dir, name);
  const st = fs.statSync(file);
  const m = NAME.exec(name)!;
  const s = m[1]!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.length > 16 ? s.slice(15, 18) : '000'}Z`;
  return { file, name, bytes: st.size, createdAt: iso };
}

/** Backups in the directory, newest first. Files that are not Counterpart backups are ignored, never deleted. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((n) => info(dir, n));
}

/** Keeps the newest `keep` by name, and always the one just made (a clock set back would otherwise sort it last). */
function rotate(dir: string, keep: number, made: string): void {
  const others = listBackups(dir).filter((b) => b.name !== made);
  for (const old of others.slice(Math.max(1, keep) - 1)) fs.rmSync(old.file, { force: true });
}

/** The newest backup in `dir` that passes quick_check, or null: what a damaged store is offered. */
export function newestGoodBackup(dir: string | null | undefined, nativeBinding?: string): BackupInfo | null {
  if (!dir) return null;
  return listBackups(dir).find((b) => verifyDatabaseFile(b.file, nativeBinding).ok) ?? null;
}

export interface CheckResult {
  ok: boolean;
  message: string;
}

/**
 * Opens a file read-only and runs quick_check (or the full integrity_check). Never modifies the file; a -wal/-shm
 * pair SQLite creates to read an older WAL-mode backup is removed again.
 */
export function verifyDatabaseFile(file: string, nativeBinding?: string, full = false): CheckResult {
  if (!fs.existsSync(file)) return { ok: false, message: 'the file does not exist' };
  const created = ['-wal', '-shm'].filter((suffix) => !fs.existsSync(file + suffix));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...native(nativeBinding) });
    const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    const first = rows.map((r) => Object.values(r)[0]).filter(Boolean);
    return first.length === 1 && first[0] === 'ok'
      ? { ok: true, message: 'ok' }
      : { ok: false, message: first.slice(0, 3).join('; ') };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  } finally {
    db?.close();
    for (const suffix of created) fs.rmSync(file + suffix, { force: true });
  }
}

/**
 * Replaces the database file with a backup. Refuses while any connection (another process, or this one) has the
 * store open. The file being replaced is kept beside it (".before-restore-…") so a restore can itself be undone.
 */
export function restoreBackup(
  dbPath: string,
  backupFile: string,
  opts: { now?: Date; nativeBinding?: string } = {},
): { previous: string | null } {
  const check = verifyDatabaseFile(backupFile, opts.nativeBinding, true);
  if (!check.ok) throw new AppError('VALIDATION', words('backups.cannotRestore', { detail: check.message }));
  // Copied next to the store first, so the store's path is empty only for the moment between two renames.
  const incoming = `${dbPath}.restoring`;
  fs.copyFileSync(backupFile, incoming);
  let previous: string | null = null;
  try {
    if (fs.existsSync(dbPath)) previous = moveAsideLocked(dbPath, opts);
    fs.renameSync(incoming, dbPath);
  } finally {
    fs.rmSync(incoming, { force: true });
  }
  return { previous };
}

/**
 * A connection in exclusive locking mode takes the write lock without waiting, which fails while anyone holds the
 * shared lock a WAL connection keeps for as long as it is open; it then keeps everyone out while the file is moved.
 */
function moveAsideLocked(dbPath: string, opts: { now?: Date; nativeBinding?: string }): string {
  const previous = `${dbPath}.before-restore-${stamp(opts.now ?? new Date())}`;
  const lock = new Database(dbPath, { fileMustExist: true, ...native(opts.nativeBinding) });
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    try {
      lock.exec('BEGIN EXCLUSIVE');
      lock.exec('COMMIT');
      // Everything committed moves into the file itself, so the copy kept aside is whole on its own.
      if (lock.pragma('journal_mode', { simple: true }) === 'wal') lock.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      if (sqliteIssue(err) === 'busy') {
        throw new StoreError('in-use', words('storeFile.inUse', { file: dbPath }), dbPath);
      }
      // A file SQLite cannot read (damaged, not a database) cannot be in use by anyone either: it is moved aside as it is.
      if (sqliteIssue(err) !== 'damaged') throw err;
    }
    fs.renameSync(dbPath, previous);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, previous + suffix);
    }
  } finally {
    // Closed before the backup is put in place: closing deletes "<path>-wal" by name, which must not be the new one's.
    lock.close();
  }
  return previous;
}
