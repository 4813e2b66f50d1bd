import type { InteractionKind, InteractionOutcome } from '@common/domain';
import { displayName, nameKey } from '@common/normalize';
import type { DayEntry, DayFilters, StoreSelection } from '@common/reports';
import type { ServiceContext } from '../context';
import { localClock } from './local-time';
import { storeParams } from './store-scope';
import { decodeEntry, reportsRepo, type EntryFilterParams, type EntryRow } from './reports.repo';

export function toDayEntry(r: EntryRow, timeZone: string): DayEntry {
  return {
    id: r.id,
    day: r.local_day,
    localTime: localClock(r.created_at, timeZone),
    createdAt: r.created_at,
    clerk: { id: r.clerk_id, displayName: r.clerk_name },
    customer:
      r.customer_id === null
        ? null
        : { id: r.customer_id, displayName: displayName(r.first_name ?? '', r.last_name ?? '') },
    kind: r.kind as InteractionKind,
    outcome: r.outcome as InteractionOutcome,
    sentiment: r.sentiment,
    notes: r.notes,
    followUpDue: r.follow_up_due,
    followUp: r.issue_state,
    suggestionTemplateId: r.suggestion_template_id,
    said: r.said,
    amendmentCount: r.corrections,
    lastAmendReason: r.last_reason,
    flagged: r.flagged === 1,
    reviewNote: r.review_note,
    reviewedBy: r.reviewer_id === null ? null : { id: r.reviewer_id, displayName: r.reviewer_name ?? '' },
    reviewedAt: r.reviewed_at,
  };
}

const ANY: EntryFilterParams = {
  clerk: null,
  kind: null,
  outcome: null,
  smin: null,
  smax: null,
  followup: null,
  flagged: null,
};
const bit = (b: boolean | undefined): 0 | 1 | null => (b === undefined ? null : b ? 1 : 0);

/**
 * Search words for the notes (and what the clerk said): folded like customer names (case, accents and punctuation ignored), so "cafe" finds
 * "Café" and "re-order" finds "reorder". A day is bounded (thousands of rows), so a scan beats keeping an index.
 */
export function textMatcher(text: string | undefined): ((notes: string) => boolean) | null {
  const words = nameKey(text ?? '')
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return null;
  return (notes) => {
    const folded = nameKey(notes);
    return words.every((w) => folded.includes(w));
  };
}

/** Entries logged from `from` to `to` (store-local days, inclusive), oldest first, amendments applied. */
export function entriesBetween(
  ctx: ServiceContext,
  from: string,
  to: string,
  filters: DayFilters = {},
  store: StoreSelection = 'this',
): DayEntry[] {
  const rows = reportsRepo(ctx.db).entriesInRange.all({
    ...ANY,
    ...storeParams(ctx, store),
    from,
    to,
    clerk: filters.clerkId ?? null,
    kind: filters.kind ?? null,
    outcome: filters.outcome ?? null,
    smin: filters.sentimentMin ?? null,
    smax: filters.sentimentMax ?? null,
    followup: bit(filters.hasFollowUp),
    flagged: bit(filters.flagged),
  });
  const match = textMatcher(filters.text);
  const tz = ctx.config.timeZone;
  const out: DayEntry[] = [];
  for (const t of rows) {
    const r = decodeEntry(t);
    if (!match || match(r.notes) || match(r.said)) out.push(toDayEntry(r, tz));
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
}

/** One original entry as the day view shows it, or undefined when there is no such original. */
export function entryById(ctx: ServiceContext, id: number): DayEntry | undefined {
  const t = reportsRepo(ctx.db).entryById.get({ id });
  return t && toDayEntry(decodeEntry(t), ctx.config.timeZone);
}
