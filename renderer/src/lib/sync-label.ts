// What the header says about the chain's sync, in words a clerk can act on. Pure: the time is shown in the store's
// time zone and locale, like every time on the counter, the words in the store's language.
import type { TFunction } from 'i18next';
import type { Format } from '../../../common/format';
import type { SyncState } from '../../../common/domain';

/** The header's line, and whether it is a problem (shown as one); null when the store is not in a chain. */
export function syncLabel(
  s: SyncState,
  f: Format,
  t: TFunction,
): { text: string; tone: 'ok' | 'busy' | 'warn' | 'error' } | null {
  switch (s.state) {
    case 'off':
      return null;
    case 'connecting':
      return {
        text: s.waiting > 0 ? t('sync.connectingWaiting', { count: s.waiting }) : t('sync.connecting'),
        tone: 'busy',
      };
    case 'synced':
      return s.waiting > 0
        ? { text: t('sync.sending', { count: s.waiting }), tone: 'busy' }
        : { text: t('sync.synced', { time: f.time(s.at) }), tone: 'ok' };
    case 'offline':
      return { text: s.waiting > 0 ? t('sync.offlineWaiting', { count: s.waiting }) : t('sync.offline'), tone: 'warn' };
    case 'error':
      return { text: t('sync.error', { message: s.message }), tone: 'error' };
  }
}
