import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingGroup, SettingKey, SettingView } from '@common/settings';
import { call, errorMessage } from '../../../api/client';
import { useFeedback } from '../../../state/feedback';
import { SettingField } from './SettingField';
import { FormError } from '../../FormError';

const asText = (s: SettingView) => (s.value === null ? '' : String(s.value));

/** One area of the settings with its own Save, so a mistake in one area never holds back another. */
export function SettingsGroup({
  group,
  settings,
  onSaved,
}: {
  group: SettingGroup;
  settings: SettingView[];
  onSaved(all: SettingView[]): void;
}) {
  const { announce } = useFeedback();
  const { t } = useTranslation();
  const editable = settings.filter((s) => s.editable);
  const [draft, setDraft] = useState<Partial<Record<SettingKey, string>>>(() =>
    Object.fromEntries(editable.map((s) => [s.key, asText(s)])),
  );
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = t(`settings.group.${group}`);
  const headingId = `settings-${group}-h`;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const values: Partial<Record<SettingKey, string>> = {};
    for (const s of editable) {
      const v = draft[s.key] ?? '';
      if (v !== asText(s)) values[s.key] = v;
    }
    setError(null);
    if (Object.keys(values).length === 0) return setStatus(t('settings.nothing'));
    setBusy(true);
    setStatus(null);
    try {
      const all = await call('settings.set', { values });
      setDraft(Object.fromEntries(all.filter((s) => s.group === group && s.editable).map((s) => [s.key, asText(s)])));
      onSaved(all);
      setStatus(t('settings.saved', { group: label }));
      announce(t('settings.savedAnnounce', { group: label }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card review-section settings-group" aria-labelledby={headingId} data-group={group}>
      <h3 id={headingId}>{label}</h3>
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="settings-list">
          {settings.map((s) => (
            <SettingField
              key={s.key}
              setting={s}
              draft={draft[s.key] ?? asText(s)}
              onChange={(v) => setDraft((d) => ({ ...d, [s.key]: v }))}
            />
          ))}
        </div>
        <FormError message={error} />
        {editable.length > 0 && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t(`settings.save.${group}`)}
            </button>
            {status && (
              <span className="muted" role="status">
                {status}
              </span>
            )}
          </div>
        )}
      </form>
    </section>
  );
}
