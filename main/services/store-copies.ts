// Copies of the store file kept beside it, each made to undo one step:
//   <store>.before-restore-<stamp>   the file a restore replaced (backup.ts), with its -wal and -shm
//   <store>.unusable-<stamp>         a file that would not open, set aside to start afresh (store-lifecycle.ts)
//   <store>.pre-v<N>-<ms>.bak        the file as it was before a schema upgrade to version N (db/migrate.ts)
// Each holds every customer as they were then, erased ones included, so they do not stay for ever: the scheduled
// jobs delete them once they are storeCopyDays old (a store setting, default 30 days).
//
// A copy's age is read from its name, not from the file: a rename keeps the modification time of the last write,
// so a store set aside today after a month without writes would look a month old.
import fs from 'node:fs';
import path from 'node:path';
import type { ErasureHolder } from '@common/domain';

export const DEFAULT_STORE_COPY_DAYS = 30;
const DAY_MS = 86_400_000;

export type StoreCopyKind = Exclude<ErasureHolder['kind'], 'backup'>;

export interface StoreCopy {
  kind: StoreCopyKind;
  /** The copy's file name (beside the store). */
  name: string;
  /** The copy and its -wal/-shm companions, as they exist. */
  files: string[];
  createdAt: string;
  bytes: number;
}

/** "20261123T100000000Z" (the stamp of backups and restores, milliseconds optional) as an ISO instant. */
const stampTime = (stamp: string) =>
  stamp.replace(
    /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/,
    (_, y, mo, d, h, mi, s, ms = '000') => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`,
  );

function parse(base: string, name: string): { kind: StoreCopyKind; createdAt: string } | null {
  if (!name.startsWith(`${base}.`)) return null;
  const rest = name.slice(base.length + 1);
  let m = /^(before-restore|unusable)-(\d{8}T\d{6}(?:\d{3})?Z)$/.exec(rest);
  if (m) return { kind: m[1] as StoreCopyKind, createdAt: stampTime(m[2]!) };
  m = /^pre-v\d+-(\d{10,16})\.bak$/.exec(rest);
  if (m) return { kind: 'pre-migration', createdAt: new Date(Number(m[1])).toISOString() };
  return null;
}

/** The copies of the store at dbPath, oldest first. Other files in the folder are never listed (nor deleted). */
export function listStoreCopies(dbPath: string): StoreCopy[] {
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath);
  if (!fs.existsSync(dir)) return [];
  const names = new Set(fs.readdirSync(dir));
  const copies: StoreCopy[] = [];
  for (const name of names) {
    const found = parse(base, name);
    if (!found) continue;
    const files = [name, `${name}-wal`, `${name}-shm`].filter((n) => names.has(n)).map((n) => path.join(dir, n));
    copies.push({ ...found, name, files, bytes: files.reduce((sum, f) => sum + fs.statSync(f).size, 0) });
  }
  return copies.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

/** When a copy made at createdAt is deleted, with copies kept `days` days. */
export const copyDeletedBy = (createdAt: string, days: number) =>
  new Date(Date.parse(createdAt) + days * DAY_MS).toISOString();

/** Deletes the copies that are `days` days old or older; returns them. */
export function pruneStoreCopies(dbPath: string, days: number, now: Date): StoreCopy[] {
  const due = listStoreCopies(dbPath).filter((c) => copyDeletedBy(c.createdAt, days) <= now.toISOString());
  for (const copy of due) for (const f of copy.files) fs.rmSync(f, { force: true });
  return due;
}
