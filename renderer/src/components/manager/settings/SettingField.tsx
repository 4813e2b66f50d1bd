import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SettingView } from '../../../../../common/settings';

function shown(t: TFunction, s: SettingView): string {
  if (s.value === null || s.value === '') return t('settings.notSet');
  return s.unit ? `${String(s.value)} ${s.unit}` : String(s.value);
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
  const id = `setting-${s.key}`;
  const descId = `${id}-desc`;
  const whyId = `${id}-why`;
  return (
    <div className={`setting-row${s.locked ? ' is-locked' : ''}`} data-setting={s.key}>
      <label className="field-label" htmlFor={id}>
        {s.label}
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
            {s.unit && <span className="muted">{s.unit}</span>}
          </span>
        ) : (
          <input
            id={id}
            type="text"
            readOnly
            value={shown(t, s)}
            aria-describedby={`${whyId} ${descId}`}
            className="setting-readonly"
          />
        )}
        {s.readOnlyReason && (
          <p id={whyId} className="setting-why small">
            {s.locked && <span className="badge badge-locked">{t('settings.locked')}</span>} {s.readOnlyReason}
          </p>
        )}
        <p id={descId} className="muted small setting-desc">
          {s.description}
          {s.type === 'number' &&
            s.editable &&
            s.min !== undefined &&
            s.max !== undefined &&
            t('settings.allowed', { min: s.min, max: s.max })}{' '}
          <span className="setting-source">({t(`settings.source.${s.source}`)})</span>
        </p>
      </div>
    </div>
  );
}
