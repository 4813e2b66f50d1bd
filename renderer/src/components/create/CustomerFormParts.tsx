// Pieces the customer forms share (quick-create and the profile's edit form), so both read and behave the same.
import { useTranslation } from 'react-i18next';

/** Marketing consent, worded the same wherever it is asked. */
export function ConsentCheck({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useTranslation();
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{t('customerForm.consent')}</span>
    </label>
  );
}

/** Save (Ctrl+Enter) and cancel (Esc): the keys formKeys handles, shown on the buttons. */
export function SaveOrCancel({
  label,
  busyLabel,
  busy,
  onCancel,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : label} <kbd>Ctrl+Enter</kbd>
      </button>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        {t('common.cancel')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}
