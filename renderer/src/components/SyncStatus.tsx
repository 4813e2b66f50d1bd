import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../common/domain';
import { call } from '../api/client';
import { useFormat } from '../lib/format';
import { syncLabel } from '../lib/sync-label';

/** How often the header asks: a local read in the main process, never a network call. */
export const SYNC_STATE_POLL_MS = 2_000;

/** The chain's sync in the header: "Synced 10:42", "Offline — 12 changes waiting" or what to do about an error. */
export function SyncStatus() {
  const fmt = useFormat();
  const { t } = useTranslation();
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      call('sync.state', {}).then(
        (s) => live && setState(s),
        () => undefined, // signed out or the store closed: the screen that follows says so
      );
    void ask();
    const timer = setInterval(() => void ask(), SYNC_STATE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const label = state && syncLabel(state, fmt, t);
  if (!label) return null;
  return (
    // Not a live region: "Synced 10:42" turning into "Synced 10:43" is not news to announce every minute.
    <p className={`sync-status sync-${label.tone}`} data-testid="sync-status" title={label.text}>
      {label.text}
    </p>
  );
}
