import { contract, METHOD_NAMES, type MethodName } from '../../common/contract';
import { AppError, type Envelope, type WireError } from '../../common/errors';
import { allows } from '../../common/permissions';
import { clerksRepo } from '../db/clerks.repo';
import type { ServiceContext } from '../services/context';
import type { HandlerMap } from './handlers';
import type { Session } from './session';
import type { Role } from '../../common/domain';

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

function validationMessage(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function toWireError(err: unknown, log: Logger, method: string): WireError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err && typeof err === 'object' && 'issues' in err && Array.isArray((err as { issues: unknown }).issues)) {
    return { code: 'VALIDATION', message: validationMessage((err as { issues: { path: PropertyKey[]; message: string }[] }).issues) };
  }
  if (err && typeof err === 'object' && (err as { code?: string }).code === 'SQLITE_BUSY') {
    return { code: 'CONFLICT', message: 'The store is busy; try again in a moment.' };
  }
  log(`${method} failed`, err);
  return { code: 'INTERNAL', message: 'Something went wrong on this terminal. It has been logged; try again.' };
}

/**
 * The single entry point for every transport (Electron IPC and the loopback preview server): looks the method up
 * in the contract, validates the input with its zod schema, runs the handler, and turns any failure into a
 * { code, message } envelope. SQL and stack traces never leave this function.
 */
export function createDispatcher(handlers: HandlerMap, ctx: ServiceContext, log: Logger): Dispatch {
  return async (method, rawInput, session) => {
    if (!Object.hasOwn(contract, method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method ${method}.` } };
    }
    const name = method as MethodName;
    const denied = checkAccess(ctx, session, contract[name].access);
    if (denied) return { ok: false, error: denied };
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'VALIDATION', message: validationMessage(parsed.error.issues) } };
    }
    try {
      const handler = handlers[name] as (c: ServiceContext, s: Session, i: unknown) => unknown;
      const value = await handler(ctx, session, parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      return { ok: false, error: toWireError(err, log, name) };
    }
  };
}

/**
 * Role check for every call, in the main process. Also locks an idle terminal: a session unused for longer than the
 * configured minutes is signed out before the call is considered.
 */
function checkAccess(ctx: ServiceContext, session: Session, needed: (typeof contract)[MethodName]['access']): WireError | null {
  const now = ctx.now().getTime();
  if (session.clerkId !== null && now - session.lastActivityAt > ctx.config.idleLockMinutes * 60_000) session.clerkId = null;
  if (needed === 'public') return null;
  const clerk = session.clerkId === null ? undefined : clerksRepo(ctx.db).byId.get(session.clerkId);
  if (!clerk) {
    session.clerkId = null;
    return { code: 'FORBIDDEN', message: 'Sign in with your PIN first (the terminal locks itself when idle).' };
  }
  if (!allows(clerk.role as Role, needed)) {
    return { code: 'FORBIDDEN', message: `This needs a ${needed}; ${clerk.display_name} is signed in as ${clerk.role}.` };
  }
  session.lastActivityAt = now;
  return null;
}
