import type { FormEvent, ReactNode, Ref } from 'react';
import { INTERACTION_KINDS, INTERACTION_OUTCOMES, type OpenIssue } from '../../../../common/domain';
import type { DraftSaveState } from '../../hooks/useLogDraft';
import { formatDateTime, formatDay } from '../../lib/format';
import { KIND_LABEL, OUTCOME_LABEL, SENTIMENT_LABEL } from '../../lib/labels';
import { SETTLING_OUTCOMES, settlesFor, toggled } from '../../lib/settles';
import type { LogDraft } from '../../state/log-draft';
import { oneYearAfter } from '../../../../common/follow-up-due';
import { NotesField } from './NotesField';
import { RadioGroup } from './RadioGroup';
import { FormError } from '../FormError';

const KINDS = INTERACTION_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }));
const OUTCOMES = INTERACTION_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] }));
const SENTIMENTS = [
  { value: '', label: '—', title: 'Not noted' },
  ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n), title: SENTIMENT_LABEL[n] })),
];

/** Digits choose the sentiment directly; 0 clears it. */
const sentimentKey = (key: string): string | undefined => (key === '0' ? '' : /^[1-5]$/.test(key) ? key : undefined);

const SAVE_STATE_TEXT: Record<DraftSaveState, string> = {
  idle: '',
  pending: 'Saving draft…',
  saved: 'Draft saved',
  failed: 'Draft not saved — keep this screen open',
};

interface Props {
  draft: LogDraft;
  update(change: Partial<LogDraft>): void;
  onSave(): void;
  saving: boolean;
  error: string | null;
  /** What the last save logged, until the form changes: the visible confirmation. */
  savedNote: string | null;
  restored: string | null;
  saveState: DraftSaveState;
  notesRef: Ref<HTMLTextAreaElement>;
  dueRef: Ref<HTMLInputElement>;
  today: string;
  timeZone: string;
  subject: string;
  openIssues: OpenIssue[];
  /** The recovery steps (RecoveryFields), shown while the kind is Complaint. */
  recovery?: ReactNode;
}

export function LogForm(p: Props) {
  const d = p.draft;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSave();
  };
  return (
    <section className="card log" aria-labelledby="log-h">
      <div className="panel-head">
        <h3 id="log-h">Log this conversation</h3>
        <span className="muted small">{p.subject}</span>
      </div>
      {p.restored && (
        <p className="note" data-testid="draft-restored">
          Unsaved draft from {formatDateTime(p.restored, p.timeZone)} restored.
        </p>
      )}
      <form className="log-form" onSubmit={submit} noValidate aria-busy={p.saving}>
        <RadioGroup
          name="log-kind"
          legend="Kind"
          options={KINDS}
          value={d.kind}
          onChange={(kind) => p.update({ kind, kindChosen: true })}
          className="kinds"
        />
        <RadioGroup
          name="log-outcome"
          legend="Outcome"
          options={OUTCOMES}
          value={d.outcome}
          onChange={(outcome) => p.update({ outcome })}
          className="outcomes"
        />
        {d.outcome === 'follow_up' && (
          <label className="field field-inline">
            <span className="field-label">
              Follow-up by <span className="req">(required)</span>
            </span>
            <input
              ref={p.dueRef}
              type="date"
              required
              min={p.today}
              max={oneYearAfter(p.today)}
              value={d.followUpDue}
              onChange={(e) => p.update({ followUpDue: e.target.value })}
            />
          </label>
        )}
        {SETTLING_OUTCOMES.includes(d.outcome) && p.openIssues.length > 0 && (
          <SettlesGroup
            issues={p.openIssues}
            selected={settlesFor(d, p.openIssues)}
            timeZone={p.timeZone}
            onChange={(settles) => p.update({ settles })}
          />
        )}
        {d.kind === 'complaint' && p.recovery}
        <RadioGroup
          name="log-sentiment"
          legend="Sentiment"
          hint="(1 very unhappy … 5 delighted, optional; type 1–5, 0 clears)"
          options={SENTIMENTS}
          keyFor={sentimentKey}
          value={d.sentiment === null ? '' : String(d.sentiment)}
          onChange={(v) => p.update({ sentiment: v ? Number(v) : null })}
          className="sentiments"
        />
        <NotesField value={d.notes} notesRef={p.notesRef} onChange={(notes) => p.update({ notes })} />
        <div className="used-line">
          <span className="field-label" id="used-label">
            Suggestion used
          </span>
          <output aria-labelledby="used-label" className={d.used ? 'used' : 'muted'} data-testid="suggestion-used">
            {d.used ? d.used.title : 'None'}
          </output>
          {d.used && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => p.update({ used: null })}>
              Clear<span className="sr-only"> suggestion used</span>
            </button>
          )}
        </div>
        <FormError message={p.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={p.saving}>
            {p.saving ? 'Saving…' : 'Save interaction'} <kbd>Ctrl+Enter</kbd>
          </button>
          <span className="draft-state muted small" data-testid="draft-state">
            {SAVE_STATE_TEXT[p.saveState]}
          </span>
          <span className="saved-note small" role="status" data-testid="saved-note">
            {p.savedNote}
          </span>
        </div>
      </form>
    </section>
  );
}

/** Enough of a note to tell issues apart; the profile above shows it whole. */
const shortened = (notes: string, max = 60) => (notes.length > max ? `${notes.slice(0, max).trimEnd()}…` : notes);

/** Which open issues this entry settles: any number of them, or none (the entry is about something else). */
function SettlesGroup(p: {
  issues: OpenIssue[];
  selected: number[];
  timeZone: string;
  onChange(settles: number[]): void;
}) {
  return (
    <fieldset className="settles" data-testid="settles">
      <legend>
        Settles <span className="legend-hint">(tick what this closes; none is fine)</span>
      </legend>
      <ul className="settles-list">
        {p.issues.map((i) => (
          <li key={i.interactionId}>
            <label className="check">
              <input
                type="checkbox"
                checked={p.selected.includes(i.interactionId)}
                onChange={(e) => p.onChange(toggled(p.selected, i.interactionId, e.target.checked))}
              />
              <span>
                <strong>{KIND_LABEL[i.kind]}</strong> from {formatDay(i.openedAt, p.timeZone)} ·{' '}
                {OUTCOME_LABEL[i.outcome]}
                {i.notes && <span className="settles-notes"> — {shortened(i.notes)}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
