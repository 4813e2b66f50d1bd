import { useState, type ClipboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTES } from '@common/contract';
import { useFormat } from '../../lib/format';

interface Props {
  value: string;
  notesRef: Ref<HTMLTextAreaElement>;
  onChange(notes: string): void;
}

/**
 * The log entry's notes with a visible count towards the limit. A paste that would go past it is refused whole, with
 * a message: the browser's maxLength alone cuts it silently, and a cut note loses what mattered at its end.
 */
export function NotesField({ value, notesRef, onChange }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [refused, setRefused] = useState<string | null>(null);

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = e.clipboardData.getData('text');
    const el = e.currentTarget;
    const after = value.length - (el.selectionEnd - el.selectionStart) + pasted.length;
    if (after <= MAX_NOTES) return setRefused(null);
    e.preventDefault();
    setRefused(
      t('notes.refused', {
        pasted: fmt.number(pasted.length),
        max: fmt.number(MAX_NOTES),
        left: fmt.number(Math.max(0, MAX_NOTES - value.length)),
      }),
    );
  };

  return (
    <div className="field">
      <label className="field-label" htmlFor="log-notes">
        {t('notes.label')}
      </label>
      <textarea
        id="log-notes"
        ref={notesRef}
        rows={4}
        maxLength={MAX_NOTES}
        value={value}
        placeholder={t('notes.placeholder')}
        aria-describedby="log-notes-count"
        aria-invalid={refused ? true : undefined}
        onPaste={onPaste}
        onChange={(e) => {
          setRefused(null);
          onChange(e.target.value);
        }}
      />
      <span
        id="log-notes-count"
        className={`notes-count small${value.length >= MAX_NOTES ? ' is-full' : ''}`}
        data-testid="notes-count"
      >
        {t('notes.count', { used: fmt.number(value.length), max: fmt.number(MAX_NOTES) })}
      </span>
      {refused && (
        <p className="form-error" role="alert" data-testid="notes-refused">
          {refused}
        </p>
      )}
    </div>
  );
}
