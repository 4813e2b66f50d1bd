import type { Clerk, Role } from '../../common/domain';
import { AppError } from '../../common/errors';
import { ROLE_RANK } from '../../common/permissions';
import { clerksRepo } from '../db/clerks.repo';
import { audit } from './audit';
import { addClerk, requireClerk, toClerk } from './clerks';
import type { ServiceContext } from './context';
import { hashPin, verifyPin } from './pin-hash';

export const MAX_PIN_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** Each lockout in a row doubles the wait: 1, 2, 4 … minutes, at most an hour. */
export const lockDuration = (lockouts: number) => Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, lockouts - 1), MAX_LOCK_MS);

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** Checks a clerk's PIN. Five wrong PINs in a row lock the account for a growing delay; every attempt is audited. */
export async function signIn(ctx: ServiceContext, clerkId: number, pin: string): Promise<Clerk> {
  const repo = clerksRepo(ctx.db);
  const row = repo.authById.get(clerkId);
  if (!row) throw new AppError('NOT_FOUND', `No active clerk with id ${clerkId}.`);
  const now = ctx.now();
  if (row.locked_until && row.locked_until > now.toISOString()) {
    const wait = Date.parse(row.locked_until) - now.getTime();
    throw new AppError('FORBIDDEN', `Too many wrong PINs: ${row.display_name}'s account is locked for ${minutes(wait)} more minute(s). A manager can reset the PIN.`);
  }
  if (!row.pin_hash) throw new AppError('FORBIDDEN', `${row.display_name} has no PIN yet. Ask a manager to set one.`);
  if (await verifyPin(pin, row.pin_hash)) {
    repo.recordSuccess.run(clerkId);
    audit(ctx, clerkId, 'sign_in');
    return requireClerk(ctx, clerkId);
  }
  const failed = row.failed_pins + 1;
  if (failed >= MAX_PIN_ATTEMPTS) {
    const lockouts = row.lockouts + 1;
    const until = new Date(now.getTime() + lockDuration(lockouts)).toISOString();
    repo.recordFailure.run(0, lockouts, until, clerkId);
    audit(ctx, clerkId, 'lockout', null, { until, lockouts });
    throw new AppError('FORBIDDEN', `Wrong PIN. The account is now locked for ${minutes(lockDuration(lockouts))} minute(s).`);
  }
  repo.recordFailure.run(failed, row.lockouts, row.locked_until, clerkId);
  audit(ctx, clerkId, 'sign_in_failed', null, { attempt: failed });
  throw new AppError('FORBIDDEN', `Wrong PIN. ${MAX_PIN_ATTEMPTS - failed} attempt(s) left before the account locks.`);
}

/** Managers add clerks; only an admin may add another manager or admin. */
export async function createClerk(ctx: ServiceContext, actor: Clerk, displayName: string, role: Role, pin: string): Promise<Clerk> {
  if (ROLE_RANK[role] > ROLE_RANK.clerk && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only an admin can add managers or admins.');
  }
  const clerk = addClerk(ctx, displayName, role, await hashPin(pin));
  audit(ctx, actor.id, 'clerk_created', `clerk:${clerk.id}`, { role });
  return clerk;
}

/** A manager resets a PIN (and lifts a lockout). Nobody resets the PIN of someone above their own role. */
export async function resetPin(ctx: ServiceContext, actor: Clerk, clerkId: number, pin: string): Promise<void> {
  const target = requireClerk(ctx, clerkId);
  if (ROLE_RANK[target.role] > ROLE_RANK[actor.role]) throw new AppError('FORBIDDEN', `Only an admin can reset ${target.displayName}'s PIN.`);
  clerksRepo(ctx.db).setPin.run(await hashPin(pin), clerkId);
  audit(ctx, actor.id, 'pin_reset', `clerk:${clerkId}`);
}

export async function changeOwnPin(ctx: ServiceContext, clerkId: number, currentPin: string, newPin: string): Promise<void> {
  const row = clerksRepo(ctx.db).authById.get(clerkId);
  if (!row?.pin_hash || !(await verifyPin(currentPin, row.pin_hash))) throw new AppError('FORBIDDEN', 'The current PIN is not right.');
  clerksRepo(ctx.db).setPin.run(await hashPin(newPin), clerkId);
  audit(ctx, clerkId, 'pin_changed', `clerk:${clerkId}`);
}

export { toClerk };
