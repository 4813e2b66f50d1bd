import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../common/errors';
import type { DB } from '../db/connection';

/** Hours between scheduled backups when the managed config does not say (backupEveryHours). */
export const DEFAULT_BACKUP_EVERY_HOURS = 24;

export interface BackupInfo {
  file: string;
  name: string;
  bytes: number;
  createdAt: string;
}

const NAME = /^counterpart-(\d{8}T\d{6}(?:\d{3})?Z)\.db$/;

const stamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '').replace(/(\d{6})(\d{3})Z$/, '$1$2Z');

/**
 * Online backup with SQLite's backup API: pages are copied in small steps so the counter can keep writing meanwhile.
 * The copy is checked before it counts, then older copies beyond `keep` are removed (newest kept).
 */
export async function backupNow(db: DB, dir: string, opts: { keep: number; now?: Date; nativeBinding?: string }): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const name = `counterpart-${stamp(opts.now ?? new Date())}.db`;
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  await db.backup(partial, { progress: () => 256 });
  const check = verifyDatabaseFile(partial, opts.nativeBinding);
  if (!check.ok) {
    fs.rmSync(partial, { force: true });
    throw new AppError('INTERNAL', `The backup failed its integrity check (${check.message}); the previous backups are kept.`);
  }
  fs.renameSync(partial, file);
  rotate(dir, opts.keep);
  return info(dir, name);
}

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

function rotate(dir: string, keep: number): void {
  for (const old of listBackups(dir).slice(Math.max(1, keep))) fs.rmSync(old.file, { force: true });
}

export interface CheckResult {
  ok: boolean;
  message: string;
}

/** Opens a file read-only and runs quick_check (or the full integrity_check). Never modifies the file. */
export function verifyDatabaseFile(file: string, nativeBinding?: string, full = false): CheckResult {
  if (!fs.existsSync(file)) return { ok: false, message: 'the file does not exist' };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    const first = rows.map((r) => Object.values(r)[0]).filter(Boolean);
    return first.length === 1 && first[0] === 'ok' ? { ok: true, message: 'ok' } : { ok: false, message: first.slice(0, 3).join('; ') };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database file with a backup. The app must have closed its connection. The file being replaced is
 * kept beside it (".before-restore-…") so a restore can itself be undone.
 */
export function restoreBackup(dbPath: string, backupFile: string, opts: { now?: Date; nativeBinding?: string } = {}): { previous: string | null } {
  const check = verifyDatabaseFile(backupFile, opts.nativeBinding, true);
  if (!check.ok) throw new AppError('VALIDATION', `That backup cannot be restored: ${check.message}.`);
  let previous: string | null = null;
  if (fs.existsSync(dbPath)) {
    previous = `${dbPath}.before-restore-${stamp(opts.now ?? new Date())}`;
    fs.renameSync(dbPath, previous);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, previous + suffix);
    }
  }
  fs.copyFileSync(backupFile, `${dbPath}.restoring`);
  fs.renameSync(`${dbPath}.restoring`, dbPath);
  return { previous };
}
