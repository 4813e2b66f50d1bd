// Shared pieces of every `counterpart` command: the exit codes, argument errors, where the store is and opening it
// with the terminal's settings, the acting clerk, the one-sentence failure, and plain-text tables. The plumbing that
// runs a command with them is command.ts.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { calendarDayProblem } from '@common/calendar-day';
import type { Clerk } from '@common/domain';
import { createFormat } from '@common/format';
import { AppError, wordError } from '@common/errors';
import { HUB_ERROR_CODES } from '@common/sync/protocol';
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

/** Exit codes: 0 done, 1 failed (unknown customer, store not ready…), 2 bad arguments, 3 done but rows were refused. */
export const EXIT = { ok: 0, failed: 1, usage: 2, rowsRefused: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the command was called: exit 2, one line. */
export class UsageError extends Error {}

/** What every command takes; commands that work on a store take --db too (STORE_OPTIONS). */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];
export const STORE_OPTIONS = { db: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

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

/** A date flag, held to the contract's calendar-day rule (2026-02-30 is refused as the app refuses it). */
export function dayArg(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined;
  const problem = calendarDayProblem(text);
  if (problem) throw new UsageError(`${flag}: ${wordError(problem, 'en')}.`);
  return text;
}

/** Refuses arguments beyond those a command takes: "Unexpected argument "x"." */
export function noMoreArguments(extra: readonly string[]): void {
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
}

export function customerIdArg(positionals: string[], command: string): number {
  if (positionals.length === 0) throw new UsageError(`Give the customer id: counterpart ${command} ID.`);
  noMoreArguments(positionals.slice(1));
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

/**
 * Opens the store at `file` with the terminal's managed settings (time zone and country code change what lookups
 * mean). Only `seed` passes create, which makes a missing store: every other command refuses one rather than leave
 * an empty file behind.
 */
export function openStoreAt(file: string, io: Pick<Io, 'env'>, opts: { create: boolean }): Store {
  const db = openDatabase(file, { create: opts.create });
  return {
    file,
    ctx: terminalContext(db, loadManagedConfig(process.platform, io.env).values, file),
    close: () => db.close(),
  };
}

/** Where backups of this store go: the managed backupDirectory, else "backups" beside the store (as the app's). */
export function backupDir(file: string, io: Pick<Io, 'env'>): string {
  const managed = loadManagedConfig(process.platform, io.env).values?.backupDirectory;
  return managed ? path.resolve(managed) : path.join(path.dirname(file), 'backups');
}

/** One sentence for a store that cannot be used; a damaged one also names the newest good backup and how to restore it. */
export function storeFailure(err: StoreError, io: Pick<Io, 'env'>, file = err.file): string {
  if (err.issue === 'missing')
    return `No database at ${file}: pass --db FILE, or create a demo store with "counterpart seed".`;
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
  initStoreSettings(ctx, {
    managed,
    databasePath: file,
    backupDirectory: managed?.backupDirectory ?? null,
    backupKeep: managed?.backupKeep ?? DEFAULT_BACKUP_KEEP,
  });
  return ctx;
}

/** Who the command acts as: --clerk, else the first admin or manager, as the app's session would be signed in. */
export function actingClerk(ctx: ServiceContext, flag: string | undefined): Clerk {
  if (flag !== undefined) return requireClerk(ctx, positiveInt(flag, '--clerk')!);
  const row = ctx.db
    .prepare<[], { id: number }>(
      "SELECT id FROM clerks WHERE active = 1 AND role IN ('admin', 'manager') ORDER BY id LIMIT 1",
    )
    .get();
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      'This store has no admin or manager yet; pass --clerk ID or set the store up first.',
    );
  return requireClerk(ctx, row.id);
}

/** What a failed command says: one sentence, a stable code (the contract's, or the hub's), and the exit code. */
export interface Problem {
  code: string;
  message: string;
  exit: ExitCode;
}

const WIRE_CODES: ReadonlySet<string> = new Set(HUB_ERROR_CODES);

/**
 * The one translation of anything a command throws into a Problem. `file` is the store the command resolved, so a
 * SQLite failure names it and a damaged store gets its newest good backup. Never a stack trace.
 */
export function problemOf(err: unknown, io: Pick<Io, 'env'>, file: string | null = null): Problem {
  if (err instanceof UsageError) return { code: 'VALIDATION', message: err.message, exit: EXIT.usage };
  const zodIssues = (err as { issues?: { path: PropertyKey[]; message: string }[] })?.issues;
  if (Array.isArray(zodIssues)) {
    const first = zodIssues[0];
    return {
      code: 'VALIDATION',
      message: first ? `${first.path.map(String).join('.') || 'input'}: ${first.message}` : 'Invalid input',
      exit: EXIT.usage,
    };
  }
  const store = describeSqliteError(err, file);
  if (store)
    return { code: store.code, message: storeFailure(store, io, store.file ?? file ?? undefined), exit: EXIT.failed };
  if (err instanceof ConfigError) return { code: 'CONFLICT', message: err.message, exit: EXIT.failed };
  const code = (err as { code?: unknown })?.code;
  if (err instanceof Error && typeof code === 'string' && WIRE_CODES.has(code)) {
    return { code, message: err.message, exit: code === 'VALIDATION' ? EXIT.usage : EXIT.failed };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message.split('\n')[0]}`, exit: EXIT.failed };
}

/**
 * The problem as the terminal shows it: one line on stderr (a mistake in the arguments points at --help), or with
 * --json `{ code, message }` on stdout, where a script reads the result. Returns the exit code.
 */
export function failure(err: unknown, io: Io, opts: { file?: string | null; json?: boolean } = {}): ExitCode {
  const p = problemOf(err, io, opts.file ?? null);
  if (opts.json) io.stdout.write(`${JSON.stringify({ code: p.code, message: p.message })}\n`);
  else io.stderr.write(`${p.message}${err instanceof UsageError ? ' (see --help)' : ''}\n`);
  return p.exit;
}

/** A failure with a stable code that is not the store's or the contract's own error (the hub out of reach…). */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
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
  const line = (r: string[]) =>
    r
      .map((v, c) => v + ' '.repeat(widths[c]! - [...v].length))
      .join('  ')
      .trimEnd();
  return `${[line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n')}\n`;
}

/** An amount in the store's currency, written as the store writes it. */
export const money = (ctx: ServiceContext, minor: number) => createFormat(ctx.config).money(minor);
/** The store-local day of a timestamp, as the app shows it. */
export const localDate = (ctx: ServiceContext, iso: string | null) =>
  iso ? localDay(new Date(iso), ctx.config.timeZone) : '';
