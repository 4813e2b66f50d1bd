import type { Clerk, Role } from '@common/domain';
import { AppError, words } from '@common/errors';
import { ROLE_RANK } from '@common/permissions';
import { lockDuration, MAX_PIN_ATTEMPTS } from '@common/pin-lockout';
import type { PinAttemptResponse } from '@common/sync/clerks';
import { clerksRepo } from '../db/clerks.repo';
import { storeAttempt, StoreCountSilent } from '../sync/store-lockout';
import { audit } from './audit';
import { addClerk, requireClerk, toClerk } from './clerks';
import type { ServiceContext } from './context';
import { hashPin, verifyPin } from './pin-hash';

export { lockDuration, MAX_PIN_ATTEMPTS };

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** What a PIN is checked for: signing in, changing it, or a manager approving a clerk's grant at the counter. */
type PinCheck = 'sign_in' | 'pin_change' | 'approval';

/** Why an attempt was not even counted: no such clerk, no PIN, a lockout, or every attempt left already in flight. */
function refusal(ctx: ServiceContext, clerkId: number, now: Date): AppError {
  const row = clerksRepo(ctx.db).authById.get(clerkId);
  if (!row) return new AppError('NOT_FOUND', words('clerks.notFound', { id: clerkId }));
  if (!row.pin_hash) return new AppError('FORBIDDEN', words('accounts.noPin', { name: row.display_name }));
  if (row.locked_until && row.locked_until > now.toISOString()) {
    const wait = Date.parse(row.locked_until) - now.getTime();
    return new AppError('FORBIDDEN', words('accounts.locked', { name: row.display_name, count: minutes(wait) }));
  }
  return new AppError('FORBIDDEN', words('accounts.tooManyAtOnce', { name: row.display_name }));
}

/**
 * After a wrong PIN: locks the account once its attempts are spent. Read and write under one write lock, so
 * failures finishing together (here or in another process) lock it once, and not after a right PIN reset the count.
 */
function lockIfSpent(ctx: ServiceContext, clerkId: number): { lockouts: number; until: string } | null {
  const repo = clerksRepo(ctx.db);
  return ctx.db
    .transaction(() => {
      const row = repo.authById.get(clerkId);
      if (!row || row.failed_pins < MAX_PIN_ATTEMPTS) return null;
      const lockouts = row.lockouts + 1;
      const until = new Date(ctx.now().getTime() + lockDuration(lockouts)).toISOString();
      repo.lock.run(lockouts, until, clerkId);
      return { lockouts, until };
    })
    .immediate();
}

/**
 * Checks a clerk's PIN for signing in or for changing it. The attempt is counted before the ~0.1 s hash check, so
 * parallel guesses cannot all read the same count: at most MAX_PIN_ATTEMPTS are ever checked before the account
 * locks for a growing delay. Every wrong PIN is audited. Resolves only for the right PIN.
 */
async function checkPin(ctx: ServiceContext, clerkId: number, pin: string, check: PinCheck): Promise<void> {
  const now = ctx.now();
  const counted = clerksRepo(ctx.db).countAttempt.get(clerkId, now.toISOString(), MAX_PIN_ATTEMPTS);
  if (!counted) throw refusal(ctx, clerkId, now);
  // The store's count across its counters (null offline): refused there, the attempt is not checked here either.
  const store = await storeAttempt(ctx.db, clerkId, 'count').catch((err: unknown) => {
    if (err instanceof StoreCountSilent) throw new AppError('FORBIDDEN', words('accounts.hubSilent'));
    throw err;
  });
  if (store && !store.allowed) {
    keepStoreLock(ctx, clerkId, store);
    // Read the time again: the hub locked after `now`, and a minute's lock must not read as two.
    throw refusal(ctx, clerkId, ctx.now());
  }
  // Online, this counter's count follows the store's, so a right PIN at another counter clears it here too.
  if (store) clerksRepo(ctx.db).setFailed.run(store.failed, clerkId);
  if (await verifyPin(pin, counted.pin_hash)) {
    if (store) await storeAttempt(ctx.db, clerkId, 'right');
    return;
  }
  const wrong = check === 'pin_change' ? 'currentPin' : 'pin';
  const storeLocked = store && (await storeAttempt(ctx.db, clerkId, 'wrong'));
  const locked =
    lockIfSpent(ctx, clerkId) ??
    (storeLocked && !storeLocked.allowed ? keepStoreLock(ctx, clerkId, storeLocked) : null);
  if (locked) {
    audit(ctx, clerkId, 'lockout', null, { ...locked, check });
    throw new AppError(
      'FORBIDDEN',
      words(`accounts.wrongLocked.${wrong}`, { count: minutes(lockDuration(locked.lockouts)) }),
    );
  }
  const failed = store ? store.failed : counted.failed_pins;
  audit(ctx, clerkId, 'sign_in_failed', null, { attempt: failed, check });
  throw new AppError('FORBIDDEN', words(`accounts.wrong.${wrong}`, { count: Math.max(1, MAX_PIN_ATTEMPTS - failed) }));
}

/** The store's lockout, kept here too, so it still holds when this counter goes offline. */
function keepStoreLock(
  ctx: ServiceContext,
  clerkId: number,
  store: PinAttemptResponse,
): { lockouts: number; until: string } | null {
  if (!store.lockedUntil || store.lockedUntil <= ctx.now().toISOString()) return null;
  const lock = { lockouts: store.lockouts, until: store.lockedUntil };
  const row = clerksRepo(ctx.db).authById.get(clerkId);
  if (row && (!row.locked_until || row.locked_until < lock.until))
    clerksRepo(ctx.db).lock.run(lock.lockouts, lock.until, clerkId);
  return lock;
}

/** Signs a clerk in with their PIN; a right PIN clears the count of wrong ones and the lockout escalation. */
export async function signIn(ctx: ServiceContext, clerkId: number, pin: string): Promise<Clerk> {
  await checkPin(ctx, clerkId, pin, 'sign_in');
  clerksRepo(ctx.db).recordSuccess.run(clerkId);
  audit(ctx, clerkId, 'sign_in');
  return requireClerk(ctx, clerkId);
}

/**
 * A manager approves something above a clerk's authority by typing their PIN at the clerk's counter. Checked like a
 * sign-in (the same attempt count, lockout and audit of wrong PINs), but it signs nobody in: the clerk stays signed in.
 * Someone who is not a manager is refused before any attempt is counted.
 */
export async function confirmManagerPin(ctx: ServiceContext, managerId: number, pin: string): Promise<Clerk> {
  const manager = requireClerk(ctx, managerId);
  if (ROLE_RANK[manager.role] < ROLE_RANK.manager) {
    throw new AppError('FORBIDDEN', words('accounts.notManager', { name: manager.displayName }));
  }
  await checkPin(ctx, managerId, pin, 'approval');
  clerksRepo(ctx.db).recordSuccess.run(managerId);
  return manager;
}

/** Managers add clerks; only an admin may add another manager or admin. */
export async function createClerk(
  ctx: ServiceContext,
  actor: Clerk,
  displayName: string,
  role: Role,
  pin: string,
): Promise<Clerk> {
  if (ROLE_RANK[role] > ROLE_RANK.clerk && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', words('accounts.adminAddsManagers'));
  }
  const clerk = addClerk(ctx, displayName, role, await hashPin(pin));
  audit(ctx, actor.id, 'clerk_created', `clerk:${clerk.id}`, { role });
  return clerk;
}

/** A manager resets a PIN (and lifts a lockout). Nobody resets the PIN of someone above their own role. */
export async function resetPin(ctx: ServiceContext, actor: Clerk, clerkId: number, pin: string): Promise<void> {
  const target = requireClerk(ctx, clerkId);
  if (ROLE_RANK[target.role] > ROLE_RANK[actor.role])
    throw new AppError('FORBIDDEN', words('accounts.adminResetsPin', { name: target.displayName }));
  clerksRepo(ctx.db).setPin.run(await hashPin(pin), clerkId);
  audit(ctx, actor.id, 'pin_reset', `clerk:${clerkId}`);
}

/** The current PIN is checked like a sign-in: the same count of attempts, lockout and audit. */
export async function changeOwnPin(
  ctx: ServiceContext,
  clerkId: number,
  currentPin: string,
  newPin: string,
): Promise<void> {
  await checkPin(ctx, clerkId, currentPin, 'pin_change');
  clerksRepo(ctx.db).setPin.run(await hashPin(newPin), clerkId);
  audit(ctx, clerkId, 'pin_changed', `clerk:${clerkId}`);
}

export { toClerk };
