// Who looked: every opening of a profile is recorded (clerk, terminal, time) and shown to managers on the profile.
//
// An opening is one INSERT, committed without waiting for the disk (synchronous=NORMAL for that one commit), so the
// profile stays as quick to open as before: an fsync per opening took 0.1 ms to 20 ms more (measured on a busy
// machine). In WAL mode that commit survives the app crashing; only a power cut or an OS crash before the next durable
// write (an interaction, an edit) or checkpoint can lose the last openings. The same clerk opening the same profile on the same
// terminal again within REPEAT_WINDOW_MS is not recorded again: the counter reloads a profile after an edit or a
// logged interaction, and a clerk flicking back to the customer in front of them is still the same look. After the
// window it counts as a new opening. The rows hold the customer's id and no personal data, so erasure keeps them as
// an audit of access; the retention job (retentionDays) deletes them once they are older than the retention period.
import type { Clerk, CustomerProfile, ProfileViews } from '@common/domain';
import { allows } from '@common/permissions';
import type { DB } from '../db/connection';
import { profileAuditRepo } from '../db/profile-audit.repo';
import type { ServiceContext } from './context';
import { getProfile, requireCustomer } from './customers';

export const REPEAT_WINDOW_MS = 60_000;
/** How many of the newest openings the profile lists; the count covers all that are kept. */
export const RECENT_VIEWS = 8;

/** Runs one autocommit write without the fsync of synchronous=FULL, then puts the connection's setting back. */
function withoutFsync(db: DB, write: () => void): void {
  if (db.inTransaction) {
    write(); // the enclosing transaction's commit decides
    return;
  }
  const before = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    write();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}

/** Records that `clerkId` (null: the command line) opened the customer's profile on this terminal. */
export function recordView(ctx: ServiceContext, clerkId: number | null, customerId: number): void {
  const now = ctx.now();
  const add = profileAuditRepo(ctx.db).addView;
  withoutFsync(ctx.db, () =>
    add.run({
      customer: customerId,
      clerk: clerkId,
      terminal: ctx.config.terminalId,
      at: now.toISOString(),
      since: new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString(),
    }),
  );
}

export function viewsOf(ctx: ServiceContext, customerId: number): ProfileViews {
  const repo = profileAuditRepo(ctx.db);
  return {
    total: repo.countViews.get(customerId)!.n,
    recent: repo.recentViews.all(customerId, RECENT_VIEWS).map((v) => ({
      at: v.viewed_at,
      clerkId: v.clerk_id,
      clerkName: v.clerk_name,
      terminalId: v.terminal_id,
    })),
  };
}

/** The profile as `viewer` may see it: managers and admins also see who opened it. */
export function profileFor(ctx: ServiceContext, viewer: Clerk | null, customerId: number): CustomerProfile {
  const profile = getProfile(ctx, customerId);
  return viewer && allows(viewer.role, 'manager') ? { ...profile, views: viewsOf(ctx, customerId) } : profile;
}

/** Opening a profile: at the counter (customers.get) or with `counterpart show` (viewer null). */
export function openProfile(ctx: ServiceContext, viewer: Clerk | null, customerId: number): CustomerProfile {
  requireCustomer(ctx, customerId); // NOT_FOUND before anything is written
  recordView(ctx, viewer?.id ?? null, customerId);
  return profileFor(ctx, viewer, customerId);
}

/** Retention: deletes the openings older than `days`; returns how many. */
export function forgetOldViews(ctx: ServiceContext, days: number): number {
  const cutoff = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  return profileAuditRepo(ctx.db).deleteViewsBefore.run(cutoff).changes;
}
