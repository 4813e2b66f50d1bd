import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMUNICATION_STYLES, type CommunicationStyle } from '@common/domain';

/**
 * The communication style as radio buttons, each with its two lines (how to recognise it, how to talk to it) next
 * to it, so the clerk chooses from the description rather than from a colour. "Not known yet" is always there.
 */
export function StyleChoice({ value, onChange }: { value: CommunicationStyle; onChange(s: CommunicationStyle): void }) {
  const name = useId();
  const { t } = useTranslation();
  return (
    <fieldset className="style-choice">
      <legend>{t('customerForm.style')}</legend>
      <div className="style-options">
        {COMMUNICATION_STYLES.map((s) => {
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
                  {t(`styleGuide.${s}.name`)}
                </span>
                <span id={hint} className="style-option-hint">
                  <span>{t('customerForm.recognise', { text: t(`styleGuide.${s}.recognise`) })}</span>
                  <span>{t('customerForm.talk', { text: t(`styleGuide.${s}.approach`) })}</span>
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
