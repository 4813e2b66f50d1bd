// `counterpart backup` and `counterpart restore`: the app's Backups tab from a terminal, on the store every other
// command opens (--db, COUNTERPART_DB, the managed databasePath, ./counterpart.db), audited like the app's.
import path from 'node:path';
import { audit } from '../services/audit';
import { backupNow, restoreBackup } from '../services/backup';
import type { ServiceContext } from '../services/context';
import { command } from './command';
import { actingClerk, backupDir, noMoreArguments, positiveInt, UsageError } from './common';

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

export const backup = command({
  name: 'backup',
  summary: 'an online, verified copy of the store',
  usage: '[--dir DIR] [--keep N] [--clerk ID]',
  help: `DIR defaults to the managed backupDirectory, else backups/ beside the store; --keep defaults to ${DEFAULT_KEEP}.`,
  options: { dir: { type: 'string' }, keep: { type: 'string' }, clerk: { type: 'string' } },
  async run({ values, positionals, io, store }) {
    noMoreArguments(positionals);
    const keep = positiveInt(values.keep, '--keep', 10_000) ?? DEFAULT_KEEP;
    const { ctx, file } = store();
    const clerk = auditClerk(ctx, values.clerk);
    const dir = values.dir ? path.resolve(values.dir) : backupDir(file, io);
    const b = await backupNow(ctx.db, dir, { keep, now: ctx.now() });
    audit(ctx, clerk, 'backup', b.name, { bytes: b.bytes, cli: true });
    return {
      value: b,
      text: `Backed up ${file} to ${b.file} (${Math.round(b.bytes / 1024).toLocaleString('en')} KiB), keeping the newest ${keep}.`,
    };
  },
});

/** Verify the backup, refuse while the store is open anywhere, keep the current file aside, put the backup in place. */
export const restore = command({
  name: 'restore',
  summary: 'put a backup back in place of the store (refused while it is open)',
  usage: 'BACKUP_FILE [--clerk ID]',
  options: { clerk: { type: 'string' } },
  run({ values, positionals, storeFile, store }) {
    const [file, ...extra] = positionals;
    if (!file) throw new UsageError('Name the backup file: counterpart restore BACKUP_FILE.');
    noMoreArguments(extra);
    const target = storeFile();
    const { previous } = restoreBackup(target, path.resolve(file));
    const { ctx } = store();
    audit(ctx, auditClerk(ctx, values.clerk), 'restore', path.basename(file), { cli: true });
    return {
      value: { restored: target, previous },
      text: `Restored ${target} from ${file}.${previous ? ` The replaced file is kept as ${previous}.` : ''}`,
    };
  },
});
