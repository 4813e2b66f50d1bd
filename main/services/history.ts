import type {
  Interaction,
  InteractionKind,
  InteractionOutcome,
  OpenIssue,
  PurchaseItem,
  TimelineEntry,
  TimelinePage,
} from '@common/domain';
import { AppError, words } from '@common/errors';
import type { InteractionRecovery, Remedy, RootCause, Severity } from '@common/recovery';
import { mergedRows, survivorRow } from './customer-aliases';
import { historyRepo, type InteractionRow } from '../db/history.repo';
import type { ServiceContext } from './context';
import { addDays, localDay } from './time';

export function toInteraction(r: InteractionRow): Interaction {
  return {
    id: r.id,
    customerId: r.customer_id,
    createdAt: r.created_at,
    kind: r.kind as InteractionKind,
    outcome: r.outcome as InteractionOutcome,
    sentiment: r.sentiment,
    notes: r.notes,
    followUpDue: r.follow_up_due,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    terminalId: r.terminal_id,
    place: r.place,
    suggestionTemplateId: r.suggestion_template_id,
    said: r.said,
    resolves: JSON.parse(r.resolves) as number[],
    recovery: recoveryOf(r),
    amendsId: r.amends_id,
    amendReason: r.amend_reason,
  };
}

/** The row's recovery columns as one value; the schema keeps them all set or all null. */
function recoveryOf(r: InteractionRow): InteractionRecovery | null {
  if (r.recovery_severity === null || r.recovery_remedy === null || r.recovery_root_cause === null) return null;
  return {
    severity: r.recovery_severity as Severity,
    whatWentWrong: r.recovery_what ?? '',
    remedy: r.recovery_remedy as Remedy,
    amountMinor: r.recovery_amount_minor ?? 0,
    rootCause: r.recovery_root_cause as RootCause,
    approvedById: r.goodwill_approved_by,
  };
}

/**
 * Originals as they stand after their latest amendment. The id, time, clerk and terminal stay those of the
 * original; what an amendment may correct (kind, outcome, sentiment, notes, follow-up date) comes from the latest.
 */
export function effectiveInteractions(
  ctx: ServiceContext,
  originals: InteractionRow[],
): Map<number, { interaction: Interaction; amendments: number }> {
  const repo = historyRepo(ctx.db);
  const latest = new Map<number, { row: InteractionRow; count: number }>();
  for (const a of repo.amendmentsOf(originals.map((o) => o.id))) {
    const prev = latest.get(a.amends_id!);
    latest.set(a.amends_id!, { row: a, count: (prev?.count ?? 0) + 1 });
  }
  const out = new Map<number, { interaction: Interaction; amendments: number }>();
  for (const o of originals) {
    const base = toInteraction(o);
    const am = latest.get(o.id);
    const interaction = am
      ? {
          ...base,
          kind: am.row.kind as InteractionKind,
          outcome: am.row.outcome as InteractionOutcome,
          sentiment: am.row.sentiment,
          notes: am.row.notes,
          followUpDue: am.row.follow_up_due,
          amendReason: am.row.amend_reason,
        }
      : base;
    out.set(o.id, { interaction, amendments: am?.count ?? 0 });
  }
  return out;
}

const FIRST_CURSOR = { at: '\u{10FFFF}', type: 'purchase', id: 0 };

function parseCursor(cursor: string | null): { at: string; type: string; id: number } {
  if (!cursor) return FIRST_CURSOR;
  const m = /^(.+)\|(purchase|interaction)\|(\d+)$/.exec(cursor);
  if (!m) throw new AppError('VALIDATION', words('history.badPosition'));
  return { at: m[1]!, type: m[2]!, id: Number(m[3]) };
}

/** Purchases and interactions of one customer, newest first, one page at a time. */
export function timeline(ctx: ServiceContext, customerId: number, cursor: string | null, limit: number): TimelinePage {
  const repo = historyRepo(ctx.db);
  const c = parseCursor(cursor);
  // A survivor's history is its own and its aliases' (customer-aliases.ts): each record's page, merged in order.
  const records = mergedRows(ctx.db, survivorRow(ctx.db, customerId));
  const rows =
    records.length === 1
      ? repo.timelinePage.all({ customer: records[0]!, at: c.at, type: c.type, id: c.id, limit: limit + 1 })
      : records
          .flatMap((customer) =>
            repo.timelinePage.all({ customer, at: c.at, type: c.type, id: c.id, limit: limit + 1 }),
          )
          .sort((a, b) =>
            a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.type !== b.type ? (a.type < b.type ? 1 : -1) : b.id - a.id,
          )
          .slice(0, limit + 1);
  const page = rows.slice(0, limit);
  const purchases = new Map(
    repo.purchasesByIds(page.filter((r) => r.type === 'purchase').map((r) => r.id)).map((p) => [p.id, p]),
  );
  const interactionIds = page.filter((r) => r.type === 'interaction').map((r) => r.id);
  const effective = effectiveInteractions(ctx, repo.interactionsByIds(interactionIds));
  const open = new Set(repo.openIssueIds(interactionIds).map((r) => r.interaction_id));
  const entries: TimelineEntry[] = [];
  for (const r of page) {
    if (r.type === 'purchase') {
      const p = purchases.get(r.id)!;
      entries.push({
        type: 'purchase',
        id: p.id,
        at: p.purchased_at,
        receiptNo: p.receipt_no,
        totalCents: p.total_cents,
        items: JSON.parse(p.items) as PurchaseItem[],
        returnWindowEndsOn: addDays(
          localDay(new Date(p.purchased_at), ctx.config.timeZone),
          ctx.config.returnWindowDays,
        ),
      });
    } else {
      const e = effective.get(r.id)!;
      entries.push({
        type: 'interaction',
        id: r.id,
        at: r.at,
        interaction: e.interaction,
        amendmentCount: e.amendments,
        open: open.has(r.id),
      });
    }
  }
  const last = page[page.length - 1];
  return { entries, nextCursor: rows.length > limit && last ? `${last.at}|${last.type}|${last.id}` : null };
}

/** What is still owed to the customer, most recent first, with the notes as they stand after amendments. */
export function openIssuesFor(ctx: ServiceContext, customerId: number): OpenIssue[] {
  const repo = historyRepo(ctx.db);
  const records = mergedRows(ctx.db, survivorRow(ctx.db, customerId));
  const rows =
    records.length === 1
      ? repo.openIssues.all(records[0]!)
      : records
          .flatMap((r) => repo.openIssues.all(r))
          .sort((a, b) => (a.opened_at < b.opened_at ? 1 : a.opened_at > b.opened_at ? -1 : 0));
  const effective = effectiveInteractions(ctx, repo.interactionsByIds(rows.map((r) => r.interaction_id)));
  const today = localDay(ctx.now(), ctx.config.timeZone);
  return rows.map((r) => {
    const i = effective.get(r.interaction_id)!.interaction;
    return {
      interactionId: r.interaction_id,
      kind: i.kind,
      outcome: i.outcome,
      openedAt: r.opened_at,
      dueDate: r.due_date,
      overdue: r.due_date !== null && r.due_date < today,
      notes: i.notes,
    };
  });
}
