import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from '@common/domain';
import type { UsedSuggestion } from '../../state/log-draft';
import { FormError } from '../FormError';
import { SayBox } from './SayBox';
import { wordText } from '@common/words';

export const MAX_SUGGESTIONS = 5;

interface Props {
  suggestions: Suggestion[] | null;
  loading: boolean;
  error: string | null;
  used: UsedSuggestion | null;
  say: string;
  sayRef: RefObject<HTMLTextAreaElement | null>;
  /** Why Copy or Save was refused: a slot still to fill. */
  sayProblem: string | null;
  onUse(index: number): void;
  onSay(text: string): void;
  onCopy(): void;
}

export function SuggestionsPanel({
  suggestions,
  loading,
  error,
  used,
  say,
  sayRef,
  sayProblem,
  onUse,
  onSay,
  onCopy,
}: Props) {
  const { t } = useTranslation();
  const list = (suggestions ?? []).slice(0, MAX_SUGGESTIONS);

  // Plain 1…5 work while focus is in the panel (but not while editing the text).
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target instanceof HTMLTextAreaElement) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= list.length) {
      e.preventDefault();
      onUse(n - 1);
    }
  };

  return (
    <section className="card suggestions" aria-labelledby="sugg-h" onKeyDown={onKeyDown}>
      <div className="panel-head">
        <h3 id="sugg-h">{t('suggestions.title')}</h3>
        {list.length > 0 && (
          <span className="muted small">
            <kbd>Alt+1</kbd>…<kbd>Alt+{list.length}</kbd> {t('suggestions.toUse')}
          </span>
        )}
      </div>
      <FormError message={error} />
      {loading && !suggestions && <p className="muted small">{t('suggestions.finding')}</p>}
      {!loading && !error && list.length === 0 && <p className="empty-note">{t('suggestions.none')}</p>}
      {list.length > 0 && (
        <ol className="sugg-list">
          {list.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the contract does not make templateId unique in a list; the list is replaced whole per customer
            <li key={s.templateId + i} className={`sugg${used?.templateId === s.templateId ? ' is-used' : ''}`}>
              <div className="sugg-head">
                <span className="sugg-num" aria-hidden="true">
                  {i + 1}
                </span>
                <h4 className="sugg-title">{s.title}</h4>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => onUse(i)}
                  aria-label={t('suggestions.useWhich', { n: i + 1, title: s.title })}
                >
                  {t('suggestions.use')} <kbd>Alt+{i + 1}</kbd>
                </button>
              </div>
              <p className="sugg-text" lang={s.language}>
                {s.text}
              </p>
              {s.reasons.length > 0 && (
                <p className="sugg-why">
                  <span className="why">{t('suggestions.why')}</span>{' '}
                  {s.reasons.map((r) => wordText(t, r.fact)).join('; ')}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <SayBox say={say} sayRef={sayRef} onSay={onSay} onCopy={onCopy} problem={sayProblem} />
    </section>
  );
}
