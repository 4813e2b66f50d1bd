import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection';
import { backupNow, restoreBackup } from '../services/backup';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = {
  backup: 'usage: counterpart backup [--db FILE] [--dir DIR] [--keep N] [--json]',
  restore: 'usage: counterpart restore BACKUP_FILE [--db FILE] [--json]',
};

function dbPathFrom(value: string | undefined): string {
  return path.resolve(value ?? process.env.COUNTERPART_DB ?? 'counterpart.db');
}

/** `counterpart backup`: an online, verified copy of the store into DIR (default: ./backups), keeping the newest N. */
export async function runBackup(argv: string[], io: CliIo): Promise<number> {
  let values: { db?: string; dir?: string; keep?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.stderr(`${(err as Error).message}. ${USAGE.backup}`);
    return 2;
  }
  const keep = values.keep === undefined ? 14 : Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) {
    io.stderr(`--keep must be a whole number of at least 1, not "${values.keep}". ${USAGE.backup}`);
    return 2;
  }
  const db = openDatabase(dbPathFrom(values.db));
  try {
    const b = await backupNow(db, path.resolve(values.dir ?? 'backups'), { keep });
    io.stdout(values.json ? JSON.stringify(b) : `Backed up to ${b.file} (${Math.round(b.bytes / 1024)} KiB), keeping the newest ${keep}.`);
    return 0;
  } finally {
    db.close();
  }
}

/** `counterpart restore FILE`: verify the backup, keep the current file aside, put the backup in place. */
export async function runRestore(argv: string[], io: CliIo): Promise<number> {
  let parsed: { values: { db?: string; json?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: true });
  } catch (err) {
    io.stderr(`${(err as Error).message}. ${USAGE.restore}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) {
    io.stderr(`name exactly one backup file. ${USAGE.restore}`);
    return 2;
  }
  const dbPath = dbPathFrom(parsed.values.db);
  try {
    const { previous } = restoreBackup(dbPath, path.resolve(file));
    io.stdout(
      parsed.values.json
        ? JSON.stringify({ restored: dbPath, previous })
        : `Restored ${dbPath} from ${file}.${previous ? ` The replaced file is kept as ${previous}.` : ''} Close and reopen Counterpart on this terminal.`,
    );
    return 0;
  } catch (err) {
    io.stderr((err as Error).message);
    return 1;
  }
}
