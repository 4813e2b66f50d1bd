import { displayName } from '@common/normalize';
import type { CounterQueue, FollowUp } from '@common/reports';
import { AppError, words } from '@common/errors';
import { historyRepo } from '../../db/history.repo';
import { requireClerk } from '../clerks';
import type { ServiceContext } from '../context';
import { effectiveInteractions } from '../history';
import { localDay } from '../time';
import { reportsRepo, type FollowUpRow } from './reports.repo';

function toFollowUps(ctx: ServiceContext, rows: FollowUpRow[]): FollowUp[] {
  const repo = historyRepo(ctx.db);
  const originals = repo.interactionsByIds(rows.map((r) => r.interaction_id));
  const days = new Map(originals.map((o) => [o.id, o.local_day]));
  const effective = effectiveInteractions(ctx, originals);
  const today = localDay(ctx.now(), ctx.config.timeZone);
  return rows.map((r) => {
    const i = effective.get(r.interaction_id)!.interaction;
    return {
      interactionId: r.interaction_id,
      customer:
        r.customer_id === null
          ? null
          : { id: r.customer_id, displayName: displayName(r.first_name ?? '', r.last_name ?? ''), phone: r.phone },
      kind: i.kind,
      outcome: i.outcome,
      notes: i.notes,
      openedAt: r.opened_at,
      loggedOn: days.get(r.interaction_id)!,
      loggedBy: { id: i.clerkId, displayName: i.clerkName },
      dueDate: r.due_date,
      overdue: r.due_date !== null && r.due_date < today,
      assignedClerk:
        r.assigned_clerk_id === null ? null : { id: r.assigned_clerk_id, displayName: r.assigned_name ?? '' },
    };
  });
}

/** Open follow-ups, soonest due first (so overdue ones lead), those without a due date last. */
export function listFollowUps(ctx: ServiceContext, limit = 500): FollowUp[] {
  return toFollowUps(ctx, reportsRepo(ctx.db).openFollowUps.all({ limit }));
}

/** Gives an open follow-up to a clerk (or back to nobody with null). */
export function assignFollowUp(ctx: ServiceContext, interactionId: number, clerkId: number | null): FollowUp {
  const repo = reportsRepo(ctx.db);
  return ctx.db
    .transaction(() => {
      if (clerkId !== null) requireClerk(ctx, clerkId);
      const row = repo.followUpById.get(interactionId);
      if (!row) throw new AppError('NOT_FOUND', words('followUp.none', { id: interactionId }));
      if (row.closed_at !== null) throw new AppError('CONFLICT', words('followUp.done'));
      repo.assign.run(clerkId, interactionId);
      return toFollowUps(ctx, [repo.followUpById.get(interactionId)!])[0]!;
    })
    .immediate();
}

/** Rows the counter's home view lists in each part; more than a morning's work, few enough to read at a glance. */
export const COUNTER_QUEUE_LIMIT = 50;

/**
 * The counter's home view: what is due today or overdue, and what is assigned to this clerk. A promised callback
 * (outcome follow-up: the clerk said "we'll call you") comes before escalations and unresolved issues with a date,
 * because a broken promise is what the customer remembers; within each, the longest overdue first.
 */
export function counterQueue(ctx: ServiceContext, clerkId: number): CounterQueue {
  const repo = reportsRepo(ctx.db);
  const today = localDay(ctx.now(), ctx.config.timeZone);
  const due = toFollowUps(ctx, repo.dueBy.all({ day: today, limit: COUNTER_QUEUE_LIMIT }));
  const promisedFirst = (f: FollowUp) => (f.outcome === 'follow_up' ? 0 : 1);
  return {
    today,
    // Stable: the earliest-due order of the statement holds within each group.
    due: due.sort((a, b) => promisedFirst(a) - promisedFirst(b)),
    mine: toFollowUps(ctx, repo.assignedTo.all({ clerkId, limit: COUNTER_QUEUE_LIMIT })),
  };
}
