import type { KeyboardEvent, RefObject } from 'react';
import type { Suggestion } from '../../../../common/domain';
import type { UsedSuggestion } from '../../state/log-draft';
import { FormError } from '../FormError';
import { SayBox } from './SayBox';

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
        <h3 id="sugg-h">Suggestions</h3>
        {list.length > 0 && (
          <span className="muted small">
            <kbd>Alt+1</kbd>…<kbd>Alt+{list.length}</kbd> to use
          </span>
        )}
      </div>
      <FormError message={error} />
      {loading && !suggestions && <p className="muted small">Finding suggestions…</p>}
      {!loading && !error && list.length === 0 && (
        <p className="empty-note">No suggestions for this customer right now — say it your way and log it below.</p>
      )}
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
                  aria-label={`Use suggestion ${i + 1}: ${s.title}`}
                >
                  Use <kbd>Alt+{i + 1}</kbd>
                </button>
              </div>
              <p className="sugg-text">{s.text}</p>
              {s.reasons.length > 0 && (
                <p className="sugg-why">
                  <span className="why">why:</span> {s.reasons.map((r) => r.fact).join('; ')}
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
