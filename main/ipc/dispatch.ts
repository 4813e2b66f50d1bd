import { contract, METHOD_NAMES, type MethodName } from '@common/contract';
import { AppError, refusedInput, words, type Envelope, type InputIssue, type WireError } from '@common/errors';
import { allows } from '@common/permissions';
import { clerksRepo } from '../db/clerks.repo';
import { describeSqliteError, sqliteIssue } from '../db/store-file';
import { asCounterCall, SLICE_WAIT_MS } from '../db/write-turns';
import { toClerk } from '../services/clerks';
import { zodWords } from '../services/zod-words';
import type { ServiceContext } from '../services/context';
import type { Call, HandlerMap } from './handlers';
import type { Session } from './session';
import type { Clerk } from '@common/domain';

export type Logger = (message: string, err?: unknown) => void;

export type Dispatch = (method: string, rawInput: unknown, session: Session) => Promise<Envelope<unknown>>;

/** Fails unless every contract method has exactly one handler and no handler lacks a contract entry. */
export function checkHandlers(handlers: Partial<Record<string, unknown>>): HandlerMap {
  const missing = METHOD_NAMES.filter((m) => typeof handlers[m] !== 'function');
  const extra = Object.keys(handlers).filter((m) => !(m in contract));
  if (missing.length || extra.length) {
    throw new Error(
      `IPC handlers do not match the contract.${missing.length ? ` Missing: ${missing.join(', ')}.` : ''}${extra.length ? ` Not in contract: ${extra.join(', ')}.` : ''}`,
    );
  }
  return handlers as HandlerMap;
}

/**
 * Any failure as the { code, message } the renderer shows, worded in `locale` (the store's): an AppError by its
 * catalogue key, a SQLite failure about the store by its issue, anything else as an internal error (logged).
 */
export function toWireError(err: unknown, log: Logger, method: string, locale: string): WireError {
  if (err instanceof AppError) return err.toWire(locale);
  if (err && typeof err === 'object' && 'issues' in err && Array.isArray((err as { issues: unknown }).issues)) {
    return refusedInput((err as { issues: InputIssue[] }).issues, locale);
  }
  // A full disk, another writer, a damaged or read-only file: the clerk gets what happened and what to do; the log
  // gets the SQLite error.
  const store = describeSqliteError(err);
  if (store) {
    log(`${method} failed: ${store.issue}`, err);
    return store.toWire(locale);
  }
  log(`${method} failed`, err);
  return new AppError('INTERNAL', words('dispatch.internal')).toWire(locale);
}

/**
 * The single entry point for every transport (Electron IPC and the loopback preview server): looks the method up
 * in the contract, resolves the signed-in clerk and checks their role, validates the input with its zod schema, runs
 * the handler with that clerk, and turns any failure into a { code, message } envelope. SQL and stack traces never
 * leave this function.
 */
export function createDispatcher(
  handlers: HandlerMap,
  ctx: ServiceContext,
  log: Logger,
  store: StoreHooks = {},
): Dispatch {
  const waitMs = store.busyWaitMs ?? BUSY_WAIT_MS;
  return async (method, rawInput, session) => {
    // Read per call: an admin may change the store's locale in the Settings tab, and the next answer follows it.
    const locale = ctx.config.locale;
    if (!Object.hasOwn(contract, method)) {
      return {
        ok: false,
        error: new AppError('NOT_FOUND', words('dispatch.unknownMethod', { method })).toWire(locale),
      };
    }
    const name = method as MethodName;
    const access = checkAccess(ctx, session, contract[name].access);
    if ('error' in access) return { ok: false, error: access.error.toWire(locale) };
    // Zod's own wording in the store's language; a schema's refusal in catalogue words (common/errors.ts) is too.
    const parsed = contract[name].input.safeParse(rawInput ?? {}, zodWords(locale));
    if (!parsed.success) {
      return { ok: false, error: refusedInput(parsed.error.issues, locale) };
    }
    try {
      const handler = handlers[name] as (c: ServiceContext, call: Call, i: unknown) => unknown;
      const call: Call = { session, clerk: access.clerk };
      const value = await asCounterCall(ctx.db, () =>
        retryWhileBusy(ctx.db, () => handler(ctx, call, parsed.data), waitMs),
      );
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      if (sqliteIssue(err) === 'damaged') store.onDamaged?.(err);
      return { ok: false, error: toWireError(err, log, name, locale) };
    }
  };
}

/** What the store lifecycle wants to hear from the dispatcher, and how long a call may wait for another writer. */
export interface StoreHooks {
  /** A statement met a damaged page: the store must stop taking writes. */
  onDamaged?: (err: unknown) => void;
  busyWaitMs?: number;
}

/**
 * How long a call keeps trying while another process holds the store's write lock. The connection itself waits only
 * briefly (waitBetweenCalls): better-sqlite3 is synchronous, so waiting inside SQLite freezes every other call, reads
 * included, for as long. Beyond that the call steps back to the event loop between attempts.
 */
export const BUSY_WAIT_MS = 10_000;

/**
 * Makes the store's connection wait inside SQLite no longer than a copy's slice (db/write-turns.ts): a longer hold by
 * another writer (a command line import) is waited out between attempts, where other calls can run.
 */
export function waitBetweenCalls(db: ServiceContext['db']): void {
  db.pragma(`busy_timeout = ${SLICE_WAIT_MS}`);
}
const BUSY_PAUSE_MAX_MS = 200;

/**
 * Runs a handler again after SQLITE_BUSY, but only while nothing of it was committed (SQLite's change counter is
 * unchanged and no transaction is open): running it again then cannot write anything twice.
 */
async function retryWhileBusy<T>(db: ServiceContext['db'], run: () => T | Promise<T>, waitMs: number): Promise<T> {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, BUSY_PAUSE_MAX_MS)) {
    const before = changes.get();
    try {
      return await run();
    } catch (err) {
      const retry =
        sqliteIssue(err) === 'busy' && !db.inTransaction && changes.get() === before && Date.now() + pause < deadline;
      if (!retry) throw err;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * Who is calling, and whether they may: the one place the signed-in clerk is read, once per call, then handed to the
 * handler. Also locks an idle terminal: a session unused for longer than the configured minutes is signed out before
 * the call is considered, and one whose clerk is no longer active is signed out too. A public method runs for anyone
 * and gets the clerk signed in, if any; every other method needs a clerk whose role allows it.
 */
function checkAccess(
  ctx: ServiceContext,
  session: Session,
  needed: (typeof contract)[MethodName]['access'],
): { clerk: Clerk | null } | { error: AppError } {
  const now = ctx.now().getTime();
  if (session.clerkId !== null && now - session.lastActivityAt > ctx.config.idleLockMinutes * 60_000)
    session.clerkId = null;
  const row = session.clerkId === null ? undefined : clerksRepo(ctx.db).byId.get(session.clerkId);
  const clerk = row ? toClerk(row) : null;
  if (!clerk) session.clerkId = null;
  if (needed === 'public') return { clerk };
  if (!clerk) return { error: new AppError('FORBIDDEN', words('dispatch.signInFirst')) };
  if (!allows(clerk.role, needed)) {
    return {
      error: new AppError(
        'FORBIDDEN',
        words(`dispatch.needsRole.${needed}`, { name: clerk.displayName, role: clerk.role }),
      ),
    };
  }
  session.lastActivityAt = now;
  return { clerk };
}
