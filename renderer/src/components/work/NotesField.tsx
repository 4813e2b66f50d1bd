import { useState, type ClipboardEvent, type Ref } from 'react';
import { MAX_NOTES } from '../../../../common/contract';

interface Props {
  value: string;
  notesRef: Ref<HTMLTextAreaElement>;
  onChange(notes: string): void;
}

const count = new Intl.NumberFormat('en-IE');

/**
 * The log entry's notes with a visible count towards the limit. A paste that would go past it is refused whole, with
 * a message: the browser's maxLength alone cuts it silently, and a cut note loses what mattered at its end.
 */
export function NotesField({ value, notesRef, onChange }: Props) {
  const [refused, setRefused] = useState<string | null>(null);

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = e.clipboardData.getData('text');
    const el = e.currentTarget;
    const after = value.length - (el.selectionEnd - el.selectionStart) + pasted.length;
    if (after <= MAX_NOTES) return setRefused(null);
    e.preventDefault();
    setRefused(
      `Not pasted: that text is ${count.format(pasted.length)} characters and the notes hold ${count.format(MAX_NOTES)} ` +
        `(${count.format(Math.max(0, MAX_NOTES - value.length))} left). Shorten it first; nothing was cut.`,
    );
  };

  return (
    <div className="field">
      <label className="field-label" htmlFor="log-notes">
        Notes
      </label>
      <textarea
        id="log-notes"
        ref={notesRef}
        rows={4}
        maxLength={MAX_NOTES}
        value={value}
        placeholder="What was asked, what was agreed"
        aria-describedby="log-notes-count"
        aria-invalid={refused ? true : undefined}
        onPaste={onPaste}
        onChange={(e) => {
          setRefused(null);
          onChange(e.target.value);
        }}
      />
      <span id="log-notes-count" className={`notes-count small${value.length >= MAX_NOTES ? ' is-full' : ''}`} data-testid="notes-count">
        {count.format(value.length)} / {count.format(MAX_NOTES)} characters
      </span>
      {refused && (
        <p className="form-error" role="alert" data-testid="notes-refused">
          {refused}
        </p>
      )}
    </div>
  );
}
