// `counterpart backup` and `counterpart restore`: the app's Backups tab from a terminal, on the store every other
// command opens (--db, COUNTERPART_DB, the managed databasePath, ./counterpart.db), audited like the app's.
import path from 'node:path';
import { openDatabase } from '../db/connection';
import { audit } from '../services/audit';
import { backupNow, restoreBackup } from '../services/backup';
import type { ServiceContext } from '../services/context';
import { loadManagedConfig } from '../config/managed-config';
import { actingClerk, backupDir, COMMON_OPTIONS, dbPath, EXIT, json, openStore, parse, positiveInt, terminalContext, UsageError, type Io } from './common';

export const BACKUP_USAGE = 'counterpart backup [--dir DIR] [--keep N] [--clerk ID] [--db FILE] [--json]';
export const RESTORE_USAGE = 'counterpart restore BACKUP_FILE [--clerk ID] [--db FILE] [--json]';

const DEFAULT_KEEP = 14;

/** Who the audit entry names: --clerk, else the first admin or manager, else nobody (a store not set up yet). */
function auditClerk(ctx: ServiceContext, flag: string | undefined): number | null {
  try {
    return actingClerk(ctx, flag).id;
  } catch (err) {
    if (flag !== undefined) throw err;
    return null;
  }
}

/** An online, verified copy of the store into DIR (default: the managed backupDirectory, else backups/ beside the store). */
export async function runBackup(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, dir: { type: 'string' }, keep: { type: 'string' }, clerk: { type: 'string' } });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const keep = positiveInt(values.keep, '--keep', 10_000) ?? DEFAULT_KEEP;
  const store = openStore(values.db, io, { mustExist: true });
  try {
    const clerk = auditClerk(store.ctx, values.clerk);
    const dir = values.dir ? path.resolve(values.dir) : backupDir(store.file, io);
    const b = await backupNow(store.ctx.db, dir, { keep, now: store.ctx.now() });
    audit(store.ctx, clerk, 'backup', b.name, { bytes: b.bytes, cli: true });
    if (values.json) json(io, b);
    else io.stdout.write(`Backed up ${store.file} to ${b.file} (${Math.round(b.bytes / 1024).toLocaleString('en')} KiB), keeping the newest ${keep}.\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** Verify the backup, refuse while the store is open anywhere, keep the current file aside, put the backup in place. */
export function runRestore(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, clerk: { type: 'string' } });
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('Name the backup file: counterpart restore BACKUP_FILE.');
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const target = dbPath(values.db, io);
  const { previous } = restoreBackup(target, path.resolve(file));
  const db = openDatabase(target);
  try {
    const ctx = terminalContext(db, loadManagedConfig(process.platform, io.env).values, target);
    audit(ctx, auditClerk(ctx, values.clerk), 'restore', path.basename(file), { cli: true });
  } finally {
    db.close();
  }
  if (values.json) json(io, { restored: target, previous });
  else io.stdout.write(`Restored ${target} from ${file}.${previous ? ` The replaced file is kept as ${previous}.` : ''}\n`);
  return EXIT.ok;
}
