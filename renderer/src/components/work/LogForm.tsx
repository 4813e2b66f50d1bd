import type { FormEvent, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERACTION_KINDS, INTERACTION_OUTCOMES, type OpenIssue } from '@common/domain';
import type { DraftSaveState } from '../../hooks/useLogDraft';
import { useFormat } from '../../lib/format';
import { SETTLING_OUTCOMES, settlesFor, toggled } from '../../lib/settles';
import type { LogDraft } from '../../state/log-draft';
import { oneYearAfter } from '@common/follow-up-due';
import { NotesField } from './NotesField';
import { RadioGroup } from './RadioGroup';
import { FormError } from '../FormError';

const SENTIMENT_VALUES = [1, 2, 3, 4, 5] as const;

/** Digits choose the sentiment directly; 0 clears it. */
const sentimentKey = (key: string): string | undefined => (key === '0' ? '' : /^[1-5]$/.test(key) ? key : undefined);

const SAVE_STATE_KEY = { pending: 'log.draftSaving', saved: 'log.draftSaved', failed: 'log.draftFailed' } as const;

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
  subject: string;
  openIssues: OpenIssue[];
  /** The recovery steps (RecoveryFields), shown while the kind is Complaint. */
  recovery?: ReactNode;
}

export function LogForm(p: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const d = p.draft;
  const kinds = INTERACTION_KINDS.map((k) => ({ value: k, label: t(`label.kind.${k}`) }));
  const outcomes = INTERACTION_OUTCOMES.map((o) => ({ value: o, label: t(`label.outcome.${o}`) }));
  const sentiments = [
    { value: '', label: '—', title: t('log.sentimentNone') },
    ...SENTIMENT_VALUES.map((n) => ({ value: String(n), label: fmt.number(n), title: t(`label.sentiment.${n}`) })),
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSave();
  };
  return (
    <section className="card log" aria-labelledby="log-h">
      <div className="panel-head">
        <h3 id="log-h">{t('log.title')}</h3>
        <span className="muted small">{p.subject}</span>
      </div>
      {p.restored && (
        <p className="note" data-testid="draft-restored">
          {t('log.restored', { when: fmt.dateTime(p.restored) })}
        </p>
      )}
      <form className="log-form" onSubmit={submit} noValidate aria-busy={p.saving}>
        <RadioGroup
          name="log-kind"
          legend={t('log.kind')}
          options={kinds}
          value={d.kind}
          onChange={(kind) => p.update({ kind, kindChosen: true })}
          className="kinds"
        />
        <RadioGroup
          name="log-outcome"
          legend={t('log.outcome')}
          options={outcomes}
          value={d.outcome}
          onChange={(outcome) => p.update({ outcome })}
          className="outcomes"
        />
        {d.outcome === 'follow_up' && (
          <label className="field field-inline">
            <span className="field-label">
              {t('log.followUpBy')} <span className="req">{t('log.required')}</span>
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
            onChange={(settles) => p.update({ settles })}
          />
        )}
        {d.kind === 'complaint' && p.recovery}
        <RadioGroup
          name="log-sentiment"
          legend={t('log.sentiment')}
          hint={t('log.sentimentHint')}
          options={sentiments}
          keyFor={sentimentKey}
          value={d.sentiment === null ? '' : String(d.sentiment)}
          onChange={(v) => p.update({ sentiment: v ? Number(v) : null })}
          className="sentiments"
        />
        <NotesField value={d.notes} notesRef={p.notesRef} onChange={(notes) => p.update({ notes })} />
        <div className="used-line">
          <span className="field-label" id="used-label">
            {t('log.suggestionUsed')}
          </span>
          <output aria-labelledby="used-label" className={d.used ? 'used' : 'muted'} data-testid="suggestion-used">
            {d.used ? d.used.title : t('log.none')}
          </output>
          {d.used && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => p.update({ used: null })}>
              {t('log.clear')}
              <span className="sr-only"> {t('log.suggestionUsed')}</span>
            </button>
          )}
        </div>
        <FormError message={p.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={p.saving}>
            {p.saving ? t('log.saving') : t('log.save')} <kbd>Ctrl+Enter</kbd>
          </button>
          <span className="draft-state muted small" data-testid="draft-state">
            {p.saveState === 'idle' ? '' : t(SAVE_STATE_KEY[p.saveState])}
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
function SettlesGroup(p: { issues: OpenIssue[]; selected: number[]; onChange(settles: number[]): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <fieldset className="settles" data-testid="settles">
      <legend>
        {t('log.settles')} <span className="legend-hint">{t('log.settlesHint')}</span>
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
                <strong>{t(`label.kind.${i.kind}`)}</strong> {t('log.settlesFrom', { day: fmt.day(i.openedAt) })} ·{' '}
                {t(`label.outcome.${i.outcome}`)}
                {i.notes && <span className="settles-notes"> — {shortened(i.notes)}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
