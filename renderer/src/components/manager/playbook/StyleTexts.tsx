import { useRef, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { COMMUNICATION_STYLES, type CommunicationStyle } from '@common/domain';
import { slotToken } from '@common/slots';

interface Props {
  /** The language of `texts`, for spell checking and screen readers. */
  language: string;
  /** What chooses the language, above the texts. */
  picker: ReactNode;
  texts: Record<CommunicationStyle, string>;
  variables: string[];
  onChange(texts: Record<CommunicationStyle, string>): void;
}

/** One text per communication style, and the variables that can go in them, inserted where the cursor was. */
export function StyleTexts({ language, picker, texts, variables, onChange }: Props) {
  const areas = useRef(new Map<CommunicationStyle, HTMLTextAreaElement>());
  const [target, setTarget] = useState<CommunicationStyle>('blue');
  const { t, i18n } = useTranslation();
  // The slot goes into the text being edited, so its example label is in that text's language (English without one).
  const slotExample = i18n.getFixedT(language)('playbook.texts.slotExample');

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
    <fieldset className="pb-card mgr-card">
      <legend className="pb-card-title">{t('playbook.texts.legend')}</legend>
      <p className="muted small">
        <Trans
          i18nKey="playbook.texts.help"
          values={{ example: t('playbook.texts.example') }}
          components={{ code: <code /> }}
        />
      </p>
      {picker}
      <div className="pb-texts">
        {COMMUNICATION_STYLES.map((s) => (
          <label key={s} className="field">
            <span className={`field-label style-chip style-${s}`}>
              <span className="dot" aria-hidden="true" />
              {t('playbook.texts.textFor', { style: t(`label.style.${s}`) })}
            </span>
            <textarea
              ref={(el) => {
                if (el) areas.current.set(s, el);
              }}
              rows={2}
              maxLength={600}
              value={texts[s]}
              data-style={s}
              lang={language}
              onFocus={() => setTarget(s)}
              onChange={(e) => onChange({ ...texts, [s]: e.target.value })}
            />
          </label>
        ))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: buttons named by their heading; a fieldset would need the heading as its legend */}
      <div className="pb-vars" role="group" aria-labelledby="pb-vars-h">
        <h3 id="pb-vars-h" className="pb-mini-h">
          {t('playbook.texts.variables')}{' '}
          <span className="legend-hint">
            {target === 'unknown'
              ? t('playbook.texts.insertIntoNeutral')
              : t('playbook.texts.insertInto', { style: t(`styleGuide.${target}.name`) })}
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
                aria-label={t('playbook.texts.insertVariable', { variable: `{${v}}` })}
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
            onClick={() => insert(slotToken(slotExample), slotExample)}
          >
            {t('playbook.texts.insertSlot')}
          </button>{' '}
          <Trans
            i18nKey="playbook.texts.slotHelp"
            values={{ slot: slotToken(slotExample) }}
            components={{ code: <code /> }}
          />
        </p>
      </div>
    </fieldset>
  );
}
