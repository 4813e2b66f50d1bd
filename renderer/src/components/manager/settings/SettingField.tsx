import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Format } from '@common/format';
import { languageOf } from '@common/i18n';
import { DEFAULT_CLERK_GOODWILL, REMEDY_RULE_VOCABULARY } from '@common/recovery';
import { type SettingView, withUnit } from '@common/settings';
import { useFormat } from '../../../lib/format';

function shown(f: Format, t: TFunction, s: SettingView): string {
  if (s.value === null || s.value === '') return t('settings.notSet');
  return typeof s.value === 'number' ? withUnit(f, t, s.value, s.unit) : s.value;
}

/** Why the setting cannot be changed here, in words. */
function readOnlyText(t: TFunction, s: SettingView): string | null {
  if (s.readOnly === 'managed') return t('settings.readOnly.managed');
  if (s.readOnly === 'configFile') return t('settings.readOnly.configFile', { key: s.key });
  if (s.readOnly === 'role' && s.editRole) return t(`settings.readOnly.${s.editRole}`);
  return null;
}

/** What the help texts name: the store's currency, the remedy rule's example and the clerk limits' defaults. */
function helpValues(f: Format, t: TFunction, s: SettingView) {
  const goodwill =
    s.key === 'goodwillClerkPerDay' ? DEFAULT_CLERK_GOODWILL.perDay : DEFAULT_CLERK_GOODWILL.perInteraction;
  // The example in the words the store's language writes a rule with (the parser reads every language's).
  const example = REMEDY_RULE_VOCABULARY[languageOf(f.locale)].example;
  return { currency: f.currencySymbol, example, default: withUnit(f, t, goodwill, 'currency') };
}

/** One setting: an input when the signed-in clerk may change it, otherwise the value with why it is fixed. */
export function SettingField({
  setting: s,
  draft,
  onChange,
}: {
  setting: SettingView;
  draft: string;
  onChange(v: string): void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = `setting-${s.key}`;
  const why = readOnlyText(t, s);
  const descId = `${id}-desc`;
  const whyId = `${id}-why`;
  return (
    <div className={`setting-row${s.locked ? ' is-locked' : ''}`} data-setting={s.key}>
      <label className="field-label" htmlFor={id}>
        {t(`settings.field.${s.key}.label`)}
      </label>
      <div className="setting-body">
        {s.editable ? (
          <span className="setting-input">
            <input
              id={id}
              type="text"
              inputMode={s.type === 'number' ? 'numeric' : undefined}
              value={draft}
              maxLength={s.type === 'text' ? (s.max ?? 500) : String(s.max ?? 999_999).length}
              aria-describedby={descId}
              onChange={(e) => onChange(e.target.value)}
            />
            {s.unit && (
              <span className="muted">
                {s.unit === 'currency' ? fmt.currencySymbol : t(`settings.unitName.${s.unit}`)}
              </span>
            )}
          </span>
        ) : (
          <input
            id={id}
            type="text"
            readOnly
            value={shown(fmt, t, s)}
            aria-describedby={`${whyId} ${descId}`}
            className="setting-readonly"
          />
        )}
        {why && (
          <p id={whyId} className="setting-why small">
            {s.locked && <span className="badge badge-locked">{t('settings.locked')}</span>} {why}
          </p>
        )}
        <p id={descId} className="muted small setting-desc">
          {t(`settings.field.${s.key}.description`, helpValues(fmt, t, s))}
          {s.type === 'number' &&
            s.editable &&
            s.min !== undefined &&
            s.max !== undefined &&
            t('settings.allowed', { min: fmt.number(s.min), max: withUnit(fmt, t, s.max, s.unit) })}{' '}
          <span className="setting-source">({t(`settings.source.${s.source}`)})</span>
        </p>
      </div>
    </div>
  );
}
