import type { SettingView } from '../../../../../common/settings';

const SOURCE_LABEL = { managed: 'Managed config', store: 'Changed in the app', default: 'Default' } as const;

function shown(s: SettingView): string {
  if (s.value === null || s.value === '') return 'Not set';
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
            value={shown(s)}
            aria-describedby={`${whyId} ${descId}`}
            className="setting-readonly"
          />
        )}
        {s.readOnlyReason && (
          <p id={whyId} className="setting-why small">
            {s.locked && <span className="badge badge-locked">Locked</span>} {s.readOnlyReason}
          </p>
        )}
        <p id={descId} className="muted small setting-desc">
          {s.description}
          {s.type === 'number' &&
            s.editable &&
            s.min !== undefined &&
            s.max !== undefined &&
            ` Allowed: ${s.min} to ${s.max}.`}{' '}
          <span className="setting-source">({SOURCE_LABEL[s.source]})</span>
        </p>
      </div>
    </div>
  );
}
