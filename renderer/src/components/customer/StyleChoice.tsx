import { useId } from 'react';
import { COMMUNICATION_STYLES, type CommunicationStyle } from '../../../../common/domain';
import { STYLE_GUIDE } from '../../../../common/styles';

/**
 * The communication style as radio buttons, each with its two lines (how to recognise it, how to talk to it) next
 * to it, so the clerk chooses from the description rather than from a colour. "Not known yet" is always there.
 */
export function StyleChoice({ value, onChange }: { value: CommunicationStyle; onChange(s: CommunicationStyle): void }) {
  const name = useId();
  return (
    <fieldset className="style-choice">
      <legend>Communication style</legend>
      <div className="style-options">
        {COMMUNICATION_STYLES.map((s) => {
          const g = STYLE_GUIDE[s];
          const hint = `${name}-${s}`;
          return (
            <label key={s} className={`style-option style-${s}${value === s ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name={name}
                value={s}
                checked={value === s}
                onChange={() => onChange(s)}
                aria-labelledby={`${hint}-name`}
                aria-describedby={hint}
              />
              <span className="style-option-text">
                <span className="style-option-name" id={`${hint}-name`}>
                  <span className="dot" aria-hidden="true" />
                  {g.name}
                </span>
                <span id={hint} className="style-option-hint">
                  <span>Recognise: {g.recognise}</span>
                  <span>Talk: {g.approach}</span>
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
