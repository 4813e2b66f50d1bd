import type { InteractionOutcome, OpenIssue } from '@common/domain';
import type { LogDraft } from '../state/log-draft';

/** Outcomes after which the form asks which open issues the entry settles (a visit that resolves or follows up). */
export const SETTLING_OUTCOMES: readonly InteractionOutcome[] = ['resolved', 'follow_up'];

/**
 * The open issues this entry will settle. What the clerk ticked wins; until they tick anything the form proposes the
 * issue of the suggestion they used, else, once they picked the entry's kind, the one open issue of that kind (a
 * complaint settles the complaint), else none: a guess between several, or from the form's starting kind, would
 * close the wrong one.
 */
export function settlesFor(
  d: Pick<LogDraft, 'outcome' | 'kind' | 'kindChosen' | 'used' | 'settles'>,
  issues: readonly OpenIssue[],
): number[] {
  if (!SETTLING_OUTCOMES.includes(d.outcome) || issues.length === 0) return [];
  const open = new Set(issues.map((i) => i.interactionId));
  if (d.settles !== null) return d.settles.filter((id) => open.has(id));
  if (d.used?.issueId != null && open.has(d.used.issueId)) return [d.used.issueId];
  if (!d.kindChosen) return [];
  const same = issues.filter((i) => i.kind === d.kind);
  return same.length === 1 ? [same[0]!.interactionId] : [];
}

/** The selection after the clerk ticks or unticks one issue. */
export function toggled(current: readonly number[], id: number, on: boolean): number[] {
  return on ? [...new Set([...current, id])] : current.filter((x) => x !== id);
}
