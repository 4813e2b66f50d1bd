import { useRef, useState } from 'react';
import { COMMUNICATION_STYLES, type CommunicationStyle } from '../../../../../common/domain';
import { slotToken } from '../../../../../common/slots';
import { STYLE_LABEL } from '../../../lib/labels';

const SLOT_EXAMPLE = 'what went wrong';

interface Props {
  texts: Record<CommunicationStyle, string>;
  variables: string[];
  onChange(texts: Record<CommunicationStyle, string>): void;
}

/** One text per communication style, and the variables that can go in them, inserted where the cursor was. */
export function StyleTexts({ texts, variables, onChange }: Props) {
  const areas = useRef(new Map<CommunicationStyle, HTMLTextAreaElement>());
  const [target, setTarget] = useState<CommunicationStyle>('blue');

  /** Puts a token where the cursor was; then selects `select` of it (a slot's label, to type over) or goes past it. */
  const insert = (token: string, select?: string) => {
    const el = areas.current.get(target);
    const text = texts[target];
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    onChange({ ...texts, [target]: text.slice(0, start) + token + text.slice(end) });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const from = select ? start + token.indexOf(select) : start + token.length;
      el.setSelectionRange(from, select ? from + select.length : from);
    });
  };

  return (
    <fieldset className="pb-card">
      <legend className="pb-card-title">What the clerk says</legend>
      <p className="muted small">
        The clerk sees the text for the customer’s communication style. Put a part that needs a fact in brackets, like{' '}
        <code>{'Welcome back[, {firstName}]!'}</code>, so it is dropped when the fact is not known.
      </p>
      <div className="pb-texts">
        {COMMUNICATION_STYLES.map((s) => (
          <label key={s} className="field">
            <span className={`field-label style-chip style-${s}`}>
              <span className="dot" aria-hidden="true" />
              Text for {STYLE_LABEL[s]}
            </span>
            <textarea
              ref={(el) => {
                if (el) areas.current.set(s, el);
              }}
              rows={2}
              maxLength={600}
              value={texts[s]}
              data-style={s}
              onFocus={() => setTarget(s)}
              onChange={(e) => onChange({ ...texts, [s]: e.target.value })}
            />
          </label>
        ))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: buttons named by their heading; a fieldset would need the heading as its legend */}
      <div className="pb-vars" role="group" aria-labelledby="pb-vars-h">
        <h3 id="pb-vars-h" className="pb-mini-h">
          Variables{' '}
          <span className="legend-hint">
            — insert into the {target === 'unknown' ? 'neutral' : target} text at the cursor
          </span>
        </h3>
        <ul className="pb-var-list">
          {variables.map((v) => (
            <li key={v}>
              <button
                type="button"
                className="pb-var"
                // Keeps the cursor (and the selection) in the text being edited.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(`{${v}}`)}
                aria-label={`Insert {${v}}`}
              >
                {`{${v}}`}
              </button>
            </li>
          ))}
        </ul>
        <p className="pb-slot-help small">
          <button
            type="button"
            className="pb-var pb-slot"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => insert(slotToken(SLOT_EXAMPLE), SLOT_EXAMPLE)}
          >
            Insert a slot
          </button>{' '}
          A blank the clerk fills in before saying it, like <code>{slotToken(SLOT_EXAMPLE)}</code>: type its label over
          the selected words. Copy and Save wait until it is filled or deleted.
        </p>
      </div>
    </fieldset>
  );
}
