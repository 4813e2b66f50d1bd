import { isCalendarDay } from '@common/calendar-day';
import type { InteractionKind, InteractionOutcome } from '@common/domain';
import { INTERACTION_KINDS, INTERACTION_OUTCOMES } from '@common/domain';
import { emptyRecovery, parseRecovery, recoveryBlank, type RecoveryDraft } from '../lib/recovery-draft';

export interface UsedSuggestion {
  templateId: string;
  title: string;
  /** The open issue the suggestion is about: using it ties the entry to that issue. */
  issueId: number | null;
}

/** Everything the clerk has typed for one log entry; saved as JSON so it survives a crash or restart. */
export interface LogDraft {
  kind: InteractionKind;
  /** The clerk picked the kind (the form starts on Inquiry): only then does the kind propose an issue to settle. */
  kindChosen: boolean;
  outcome: InteractionOutcome;
  sentiment: number | null;
  notes: string;
  followUpDue: string;
  say: string;
  used: UsedSuggestion | null;
  /** Open issues the clerk chose to settle with this entry; null: not chosen, the form proposes (lib/settles.ts). */
  settles: number[] | null;
  /** A complaint's recovery steps (what went wrong, severity, remedy, amount, root cause). */
  recovery: RecoveryDraft;
  /** Kept with the draft: a save retried after a crash carries the same id and is not logged twice. */
  requestId: string;
}

export const draftKeyFor = (customerId: number | null): string => `log:${customerId ?? 'walk-in'}`;

export function newRequestId(): string {
  return crypto.randomUUID();
}

export function emptyDraft(): LogDraft {
  return {
    kind: 'inquiry',
    kindChosen: false,
    outcome: 'resolved',
    sentiment: null,
    notes: '',
    followUpDue: '',
    say: '',
    used: null,
    settles: null,
    recovery: emptyRecovery(),
    requestId: newRequestId(),
  };
}

/** Whether the clerk has put anything in the form worth keeping. */
export function isBlank(d: LogDraft): boolean {
  const e = emptyDraft();
  return (
    d.kind === e.kind &&
    !d.kindChosen &&
    d.outcome === e.outcome &&
    d.sentiment === null &&
    !d.notes.trim() &&
    !d.followUpDue &&
    !d.say.trim() &&
    d.used === null &&
    d.settles === null &&
    recoveryBlank(d.recovery)
  );
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** Reads a stored draft defensively: an old or damaged body yields whatever fields are still valid. */
export function parseDraft(body: string): LogDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const base = emptyDraft();
  const used = r.used as Record<string, unknown> | null | undefined;
  return {
    kind: (INTERACTION_KINDS as readonly unknown[]).includes(r.kind) ? (r.kind as InteractionKind) : base.kind,
    kindChosen: r.kindChosen === true,
    outcome: (INTERACTION_OUTCOMES as readonly unknown[]).includes(r.outcome)
      ? (r.outcome as InteractionOutcome)
      : base.outcome,
    sentiment: typeof r.sentiment === 'number' && r.sentiment >= 1 && r.sentiment <= 5 ? r.sentiment : null,
    notes: str(r.notes),
    followUpDue: isCalendarDay(str(r.followUpDue)) ? str(r.followUpDue) : '',
    say: str(r.say),
    used:
      used && typeof used === 'object' && typeof used.templateId === 'string'
        ? {
            templateId: used.templateId,
            title: str(used.title, used.templateId),
            issueId: typeof used.issueId === 'number' ? used.issueId : null,
          }
        : null,
    settles:
      Array.isArray(r.settles) && r.settles.every((id) => Number.isInteger(id) && id > 0)
        ? (r.settles as number[])
        : null,
    recovery: parseRecovery(r.recovery),
    requestId: str(r.requestId).length >= 8 ? str(r.requestId) : base.requestId,
  };
}
