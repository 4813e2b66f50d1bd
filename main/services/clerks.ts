import type { Clerk, Role } from '@common/domain';
import { AppError, words } from '@common/errors';
import { clerksRepo, type ClerkRow } from '../db/clerks.repo';
import type { ServiceContext } from './context';

export const toClerk = (r: ClerkRow): Clerk => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role as Role,
  lockedUntil: r.locked_until,
});

export function listClerks(ctx: ServiceContext): Clerk[] {
  return clerksRepo(ctx.db).active.all().map(toClerk);
}

export function requireClerk(ctx: ServiceContext, id: number): Clerk {
  const r = clerksRepo(ctx.db).byId.get(id);
  if (!r) throw new AppError('NOT_FOUND', words('clerks.notFound', { id }));
  return toClerk(r);
}

/** Adds a clerk; `pinHash` comes from hashPin (a clerk without one cannot sign in until a manager sets a PIN). */
export function addClerk(
  ctx: ServiceContext,
  displayName: string,
  role: Role = 'clerk',
  pinHash: string | null = null,
): Clerk {
  const name = displayName.trim();
  if (!name) throw new AppError('VALIDATION', words('clerks.needsName'));
  const info = clerksRepo(ctx.db).insert.run({
    display_name: name,
    role,
    created_at: ctx.now().toISOString(),
    pin_hash: pinHash,
  });
  return requireClerk(ctx, Number(info.lastInsertRowid));
}

/** An empty store: nobody can sign in until the demo store is loaded or a first clerk is created. */
export function hasNoClerks(ctx: ServiceContext): boolean {
  return clerksRepo(ctx.db).count.get()!.n === 0;
}
