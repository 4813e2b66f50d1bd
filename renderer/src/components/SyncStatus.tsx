import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { syncLabel } from '../lib/sync-label';
import { useSyncState } from '../state/sync';

/** The chain's sync in the header: "Synced 10:42", "Offline — 12 changes waiting" or what to do about an error. */
export function SyncStatus() {
  const fmt = useFormat();
  const { t } = useTranslation();
  const state = useSyncState();
  const label = state && syncLabel(state, fmt, t);
  if (!label) return null;
  return (
    // Not a live region: "Synced 10:42" turning into "Synced 10:43" is not news to announce every minute.
    <p className={`sync-status sync-${label.tone}`} data-testid="sync-status" title={label.text}>
      {label.progress && (
        // The words say the same ("1,000 of 2,500 customers"): the bar is for the eye only.
        <progress className="sync-progress" value={label.progress.value} max={label.progress.max} aria-hidden="true" />
      )}
      {label.text}
    </p>
  );
}
