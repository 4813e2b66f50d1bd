import {
  amendInteractionSchema,
  logInteractionSchema,
  type AmendInteractionInput,
  type LogInteractionInput,
} from '@common/contract';
import type { Interaction } from '@common/domain';
import { AppError, words } from '@common/errors';
import { followUpDueProblem } from '@common/follow-up-due';
import { customersRepo } from '../db/customers.repo';
import { historyRepo } from '../db/history.repo';
import { interactionsRepo, NO_RECOVERY, type NewInteractionRow, type RecoveryColumns } from '../db/interactions.repo';
import { preparedFor } from '../db/prepared';
import { needsApproval, type Recovery } from '@common/recovery';
import { audit } from './audit';
import { requireClerk } from './clerks';
import type { ServiceContext } from './context';
import { effectiveInteractions, toInteraction } from './history';
import { approvalNeeded, goodwillAuthority } from './recovery';
import { localDay } from './time';

declare const verified: unique symbol;
/** A manager whose PIN was checked for this save (recovery-approval.ts); only that check makes one. */
export type VerifiedApprover = { readonly managerId: number; readonly [verified]: true };

/**
 * Records one interaction at the counter. The write is a single durable transaction (synchronous=FULL): when this
 * returns, the entry is on disk. A repeated requestId returns the entry already logged instead of a second one.
 * A complaint's recovery is checked against the clerk's goodwill authority in the same transaction as the write, so
 * two grants saved at once (here or at another till) cannot both slip under the daily limit; above the authority,
 * only `approver` (a manager whose PIN was just checked) lets it through.
 */
export function logInteraction(
  ctx: ServiceContext,
  clerkId: number,
  input: LogInteractionInput,
  approver: VerifiedApprover | null = null,
): Interaction {
  const d = logInteractionSchema.parse(input);
  const repo = interactionsRepo(ctx.db);
  return ctx.db
    .transaction(() => {
      if (d.requestId) {
        const existing = repo.byRequestId.get(d.requestId);
        if (existing) return getInteraction(ctx, existing.id);
      }
      if (d.customerId !== null && !customersRepo(ctx.db).byId.get(d.customerId)) {
        throw new AppError('NOT_FOUND', words('customers.notFound', { id: d.customerId }));
      }
      assertSettleable(repo, d.customerId, d.resolves);
      if (d.outcome === 'follow_up' && !d.followUpDue) {
        throw new AppError('VALIDATION', words('followUp.needsDate'));
      }
      const now = ctx.now();
      const day = localDay(now, ctx.config.timeZone);
      assertPromisable(d.followUpDue, day);
      const grant = checkGrant(ctx, clerkId, d.kind, d.recovery, day, approver);
      const info = repo.insert.run({
        customer_id: d.customerId,
        created_at: now.toISOString(),
        local_day: day,
        kind: d.kind,
        outcome: d.outcome,
        sentiment: d.sentiment,
        notes: d.notes,
        follow_up_due: d.followUpDue,
        clerk_id: clerkId,
        terminal_id: ctx.config.terminalId,
        suggestion_template_id: d.suggestionTemplateId,
        said: d.said,
        amends_id: null,
        amend_reason: null,
        request_id: d.requestId ?? null,
        ...recoveryColumns(d.recovery, grant.approvedBy),
      });
      const id = Number(info.lastInsertRowid);
      if (d.recovery && d.recovery.remedy !== 'none') {
        // Who granted what, and who approved it; in the entry's transaction, so no grant is on disk unaudited.
        audit(ctx, clerkId, 'goodwill_grant', `interaction:${id}`, {
          remedy: d.recovery.remedy,
          amountMinor: d.recovery.amountMinor,
          currency: ctx.config.currency,
          severity: d.recovery.severity,
          approvedBy: grant.approvedBy,
          withinAuthority: grant.approvedBy === null,
        });
      }
      // In the same transaction: the entry and the issues it settles are on disk together or not at all.
      for (const issue of [...d.resolves].sort((a, b) => a - b)) repo.settle.run(id, issue);
      return getInteraction(ctx, id);
    })
    .immediate();
}

/**
 * Whether the clerk may grant this recovery: its amount within their authority today, or approved by a manager. The
 * approver is recorded whenever one approved (their grant then does not use the clerk's own daily allowance).
 */
function checkGrant(
  ctx: ServiceContext,
  clerkId: number,
  kind: string,
  recovery: Recovery | null,
  day: string,
  approver: VerifiedApprover | null,
): { approvedBy: number | null } {
  if (!recovery) return { approvedBy: null };
  if (kind !== 'complaint') {
    throw new AppError('VALIDATION', words('interactions.recoveryNotComplaint'));
  }
  if (recovery.amountMinor === 0) return { approvedBy: null };
  const approvedBy = approver && approver.managerId !== clerkId ? approver.managerId : null;
  const authority = goodwillAuthority(ctx, requireClerk(ctx, clerkId), day);
  if (approvedBy === null && needsApproval(authority, recovery.amountMinor))
    throw approvalNeeded(ctx, authority, recovery.amountMinor);
  return { approvedBy };
}

function recoveryColumns(r: Recovery | null, approvedBy: number | null): RecoveryColumns {
  if (!r) return NO_RECOVERY;
  return {
    recovery_severity: r.severity,
    recovery_what: r.whatWentWrong,
    recovery_remedy: r.remedy,
    recovery_amount_minor: r.amountMinor,
    recovery_root_cause: r.rootCause,
    goodwill_approved_by: approvedBy,
  };
}

/**
 * Each issue to settle must be an open issue of this customer. Another customer's (or a walk-in's) is a mistake in
 * the request; one closed meanwhile (another terminal settled it) is a conflict the clerk resolves by reloading.
 */
function assertSettleable(
  repo: ReturnType<typeof interactionsRepo>,
  customerId: number | null,
  issues: readonly number[],
): void {
  for (const id of issues) {
    const issue = repo.issueById.get(id);
    if (!issue || customerId === null || issue.customer_id !== customerId) {
      throw new AppError('VALIDATION', words('interactions.notThisCustomersIssue', { id }));
    }
    if (issue.closed_at !== null) {
      throw new AppError('CONFLICT', words('interactions.issueSettled', { id }));
    }
  }
}

/** A follow-up date is promised from today to a year ahead (common/follow-up-due.ts); none at all is fine here. */
function assertPromisable(due: string | null, today: string): void {
  const problem = due === null ? null : followUpDueProblem(due, today);
  if (problem) throw new AppError('VALIDATION', problem);
}

/** A manager's judgement carried by an amendment row; only review rows set it (see migration 0004-review). */
export interface ReviewMark {
  flagged: boolean;
  note: string | null;
}

const insertReview = preparedFor((db: ServiceContext['db']) =>
  db.prepare<NewInteractionRow & { flagged: number; review_note: string | null }>(
    `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, follow_up_due,
       clerk_id, terminal_id, suggestion_template_id, said, amends_id, amend_reason, request_id, flagged, review_note)
     VALUES (@customer_id, @created_at, @local_day, @kind, @outcome, @sentiment, @notes, @follow_up_due,
       @clerk_id, @terminal_id, @suggestion_template_id, @said, @amends_id, @amend_reason, @request_id, @flagged, @review_note)`,
  ),
);

/**
 * Corrects an entry by appending an amendment; the original row is never touched. With `review`, the amendment is a
 * manager's review: fields not given in `input` carry the entry's current values forward, so it changes nothing else.
 */
export function amendInteraction(
  ctx: ServiceContext,
  clerkId: number,
  input: AmendInteractionInput,
  review?: ReviewMark,
): Interaction {
  const d = amendInteractionSchema.parse(input);
  const repo = interactionsRepo(ctx.db);
  return ctx.db
    .transaction(() => {
      const original = repo.originalById.get(d.interactionId);
      if (!original) throw new AppError('NOT_FOUND', words('interactions.notFound', { id: d.interactionId }));
      const current = getInteraction(ctx, original.id);
      const now = ctx.now();
      const outcome = d.outcome ?? current.outcome;
      const followUpDue = d.followUpDue !== undefined ? d.followUpDue : current.followUpDue;
      if (outcome === 'follow_up' && !followUpDue) throw new AppError('VALIDATION', words('followUp.needsDate'));
      // Only a date the amendment sets is checked: one carried forward was promised on its own day.
      if (d.followUpDue !== undefined) assertPromisable(d.followUpDue, localDay(now, ctx.config.timeZone));
      const row: NewInteractionRow = {
        customer_id: original.customer_id,
        created_at: now.toISOString(),
        local_day: localDay(now, ctx.config.timeZone),
        kind: d.kind ?? current.kind,
        outcome,
        sentiment: d.sentiment !== undefined ? d.sentiment : current.sentiment,
        notes: d.notes ?? current.notes,
        follow_up_due: followUpDue,
        clerk_id: clerkId,
        terminal_id: ctx.config.terminalId,
        suggestion_template_id: null,
        said: '',
        amends_id: original.id,
        amend_reason: d.reason,
        request_id: null,
        ...NO_RECOVERY,
      };
      if (review) insertReview(ctx.db).run({ ...row, flagged: review.flagged ? 1 : 0, review_note: review.note });
      else repo.insert.run(row);
      return getInteraction(ctx, original.id);
    })
    .immediate();
}

/** An original interaction as it stands now (amendments applied). */
export function getInteraction(ctx: ServiceContext, id: number): Interaction {
  const [row] = historyRepo(ctx.db).interactionsByIds([id]);
  if (!row) throw new AppError('NOT_FOUND', words('interactions.notFound', { id }));
  if (row.amends_id !== null) return getInteraction(ctx, row.amends_id);
  return effectiveInteractions(ctx, [row]).get(id)?.interaction ?? toInteraction(row);
}
