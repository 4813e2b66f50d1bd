import { useRef, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { adjacentSlot, findSlots } from '@common/slots';
import { useFormat } from '../../lib/format';
import { FormError } from '../FormError';

interface Props {
  say: string;
  sayRef: RefObject<HTMLTextAreaElement | null>;
  onSay(text: string): void;
  onCopy(): void;
  /** Why Copy or Save was just refused (an unfilled slot), shown under the box until the text changes. */
  problem: string | null;
}

/** Selects the first slot (after Use, or when Copy or Save is refused), so typing replaces it. */
export function selectFirstSlot(el: HTMLTextAreaElement | null): boolean {
  const first = el ? findSlots(el.value)[0] : undefined;
  if (!el || !first) return false;
  el.focus();
  el.setSelectionRange(first.start, first.end);
  return true;
}

/**
 * The editable "What I'll say" text. Slots ({slot:what went wrong}) are highlighted by a copy of the text drawn behind
 * the transparent textarea (a textarea cannot colour part of its text), Tab and Shift+Tab select the next or previous
 * slot, and past the last one Tab leaves the box as usual. The slots still to fill are listed in words for everyone.
 */
export function SayBox({ say, sayRef, onSay, onCopy, problem }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const marks = useRef<HTMLDivElement>(null);
  const slots = findSlots(say);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
    const el = e.currentTarget;
    const next = adjacentSlot(el.value, el.selectionStart, el.selectionEnd, e.shiftKey);
    if (!next) return;
    e.preventDefault();
    el.setSelectionRange(next.start, next.end);
  };

  let at = 0;
  const pieces = slots.flatMap((s, i) => {
    const before = say.slice(at, s.start);
    at = s.end;
    // biome-ignore lint/suspicious/noArrayIndexKey: the blanks in text order, rebuilt on every keystroke
    return [before, <mark key={i}>{say.slice(s.start, s.end)}</mark>];
  });
  pieces.push(say.slice(at));

  return (
    <div className="say">
      <label className="field" htmlFor="say-text">
        <span className="field-label">{t('say.label')}</span>
      </label>
      <div className="say-box">
        <div className="say-marks" ref={marks} aria-hidden="true" data-testid="say-marks">
          {pieces}
          {/* A trailing newline needs something after it to take up its line, as in the textarea. */}
          {'\u200b'}
        </div>
        <textarea
          id="say-text"
          ref={sayRef}
          rows={3}
          value={say}
          maxLength={4000}
          placeholder={t('say.placeholder')}
          aria-describedby={slots.length ? 'say-slots' : undefined}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => onSay(e.target.value)}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            if (marks.current) marks.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {slots.length > 0 && (
        <p id="say-slots" className="say-slots small" data-testid="say-slots">
          {t('say.toFill', { slots: fmt.list(slots.map((s) => t('timeline.quoted', { text: s.label }))) })} —{' '}
          <kbd>Tab</kbd> {t('say.slotsHelp')}
        </p>
      )}
      <FormError message={problem} />
      <div className="say-actions">
        <button type="button" className="btn btn-small btn-quiet" onClick={onCopy} disabled={!say.trim()}>
          {t('say.copy')}
        </button>
      </div>
    </div>
  );
}
