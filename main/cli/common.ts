// Shared plumbing of the counter commands (seed, search, show, suggest, log): argument errors, opening the store
// with the terminal's settings, the signed-in clerk, and plain-text tables.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Clerk } from '../../common/domain';
import { AppError } from '../../common/errors';
import { DEFAULT_BACKUP_KEEP } from '../backend';
import { ConfigError, loadManagedConfig, type ManagedConfig } from '../config/managed-config';
import { openDatabase, type DB } from '../db/connection';
import { describeSqliteError, type StoreError } from '../db/store-file';
import { newestGoodBackup } from '../services/backup';
import { requireClerk } from '../services/clerks';
import { createContext, type ServiceContext } from '../services/context';
import { initStoreSettings } from '../services/store-settings';
import { localDay } from '../services/time';

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done, 1 failed (unknown customer, store not ready…), 2 bad arguments. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in how the command was called: exit 2, one line. */
export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** parseArgs with its multi-line complaints cut to one line. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '.'));
  }
}

export function positiveInt(text: string | undefined, what: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${what} must be a whole number from 1 to ${max.toLocaleString('en')}, not "${text}".`);
  }
  return Number(text);
}

export function customerIdArg(positionals: string[], command: string): number {
  if (positionals.length === 0) throw new UsageError(`Give the customer id: counterpart ${command} ID.`);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  const text = positionals[0]!;
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new UsageError(`"${text}" is not a customer id (a positive whole number).`);
  return Number(text);
}

/** The database: --db, else COUNTERPART_DB, else the managed config's databasePath, else ./counterpart.db. */
export function dbPath(flag: string | undefined, io: Io): string {
  const managed = loadManagedConfig(process.platform, io.env).values;
  return path.resolve(flag ?? (io.env.COUNTERPART_DB || undefined) ?? managed?.databasePath ?? 'counterpart.db');
}

export interface Store {
  file: string;
  ctx: ServiceContext;
  close(): void;
}

/** The store each invocation opened, so a failure can name it and offer its backups. */
const opened = new WeakMap<Io, string>();

/**
 * Opens the store with the terminal's managed settings (time zone and country code change what lookups mean). Only
 * `seed` passes mustExist false, which creates a missing store: every other command refuses one rather than leave
 * an empty file behind.
 */
export function openStore(flag: string | undefined, io: Io, opts: { mustExist: boolean }): Store {
  const file = dbPath(flag, io);
  opened.set(io, file);
  const db = openDatabase(file, { create: !opts.mustExist });
  return { file, ctx: terminalContext(db, loadManagedConfig(process.platform, io.env).values, file), close: () => db.close() };
}

/** Where backups of this store go: the managed backupDirectory, else "backups" beside the store (as the app's). */
export function backupDir(file: string, io: Pick<Io, 'env'>): string {
  const managed = loadManagedConfig(process.platform, io.env).values?.backupDirectory;
  return managed ? path.resolve(managed) : path.join(path.dirname(file), 'backups');
}

/** One sentence for a store that cannot be used; a damaged one also names the newest good backup and how to restore it. */
export function storeFailure(err: StoreError, io: Pick<Io, 'env'>, file = err.file): string {
  if (err.issue === 'missing') return `No database at ${file}: pass --db FILE, or create a demo store with "counterpart seed".`;
  if (err.issue !== 'damaged' || !file) return err.message;
  const dir = backupDir(file, io);
  const good = newestGoodBackup(dir);
  return good
    ? `${err.message.replace(/\.$/, '')}; the newest backup that passes its check is ${good.file}: counterpart restore ${good.file} --db ${file}`
    : `${err.message.replace(/\.$/, '')}; no backup in ${dir} passes its check.`;
}

/**
 * The same settings the app would run with on this terminal: what IT fixed in the managed file, else what the store
 * saved in the app (time zone, country code, policies), else the defaults.
 */
export function terminalContext(db: DB, managed: ManagedConfig | null, file: string, now?: () => Date): ServiceContext {
  const ctx = createContext(db, {}, now);
  initStoreSettings(ctx, { managed, databasePath: file, backupDirectory: managed?.backupDirectory ?? null, backupKeep: managed?.backupKeep ?? DEFAULT_BACKUP_KEEP });
  return ctx;
}

/** Who the command acts as: --clerk, else the first admin or manager, as the app's session would be signed in. */
export function actingClerk(ctx: ServiceContext, flag: string | undefined): Clerk {
  if (flag !== undefined) return requireClerk(ctx, positiveInt(flag, '--clerk')!);
  const row = ctx.db
    .prepare<[], { id: number }>("SELECT id FROM clerks WHERE active = 1 AND role IN ('admin', 'manager') ORDER BY id LIMIT 1")
    .get();
  if (!row) throw new AppError('NOT_FOUND', 'This store has no admin or manager yet; pass --clerk ID or set the store up first.');
  return requireClerk(ctx, row.id);
}

/** One line for the terminal: what went wrong, never a stack trace. */
export function failure(err: unknown, io: Io): number {
  if (err instanceof UsageError) {
    io.stderr.write(`${err.message} (see --help)\n`);
    return EXIT.usage;
  }
  const zodIssues = (err as { issues?: { path: PropertyKey[]; message: string }[] })?.issues;
  if (Array.isArray(zodIssues)) {
    const first = zodIssues[0];
    io.stderr.write(`${first ? `${first.path.map(String).join('.') || 'input'}: ${first.message}` : 'Invalid input'}\n`);
    return EXIT.usage;
  }
  const store = describeSqliteError(err, opened.get(io) ?? null);
  if (store) {
    io.stderr.write(`${storeFailure(store, io, store.file ?? opened.get(io))}\n`);
    return EXIT.failed;
  }
  if (err instanceof AppError) {
    io.stderr.write(`${err.message}\n`);
    return err.code === 'VALIDATION' ? EXIT.usage : EXIT.failed;
  }
  if (err instanceof ConfigError) {
    io.stderr.write(`${err.message}\n`);
    return EXIT.failed;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`Unexpected error: ${message.split('\n')[0]}\n`);
  return EXIT.failed;
}

/** Left-aligned columns; long cells are cut with an ellipsis so one row stays one line. */
export function table(header: string[], rows: (string | number | null)[][], maxWidth = 40): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v).replace(/\s+/g, ' ');
    const chars = [...s];
    return chars.length > maxWidth ? `${chars.slice(0, maxWidth - 1).join('')}…` : s;
  };
  const cells = [header, ...rows.map((r) => r.map(cell))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[]) => r.map((v, c) => v + ' '.repeat(widths[c]! - [...v].length)).join('  ').trimEnd();
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n') + '\n';
}

export const money = (cents: number) => `€${(cents / 100).toLocaleString('en-IE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** The store-local day of a timestamp, as the app shows it. */
export const localDate = (ctx: ServiceContext, iso: string | null) => (iso ? localDay(new Date(iso), ctx.config.timeZone) : '');
export const json = (io: Io, value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
