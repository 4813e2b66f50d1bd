// What the header says about the chain's sync, in words a clerk can act on. Pure: the time is shown in the store's
// time zone and locale, like every time on the counter, the words in the store's language: the main process sends
// a refusal as catalogue words (SyncState's `problem`), never as a sentence.
import type { TFunction } from 'i18next';
import { wordWith } from '@common/errors';
import type { Format } from '@common/format';
import type { BootstrapView, SyncState } from '@common/domain';

export interface SyncLabel {
  text: string;
  tone: 'ok' | 'busy' | 'warn' | 'error';
  /** How far a new terminal's first copy of the chain is, for a bar beside the words. */
  progress?: { value: number; max: number } | undefined;
}

/** The header's line while a new terminal copies the chain: how far, and (in the words) that lookups work meanwhile. */
function bootstrapLabel(s: Extract<SyncState, { waiting: number }>, b: BootstrapView, t: TFunction): SyncLabel {
  const progress = b.total === null || b.total === 0 ? undefined : { value: Math.min(b.done, b.total), max: b.total };
  const what = b.phase === 'customers' ? 'Customers' : 'History';
  const counts = b.total === null ? null : { done: b.done, total: b.total };
  if (s.state === 'offline') {
    const paused = counts ? t(`sync.paused${what}`, counts) : t(`sync.paused${what}Starting`);
    const text = s.waiting > 0 ? t('sync.andWaiting', { text: paused, count: s.waiting }) : paused;
    return { text, tone: 'warn', progress };
  }
  return { text: counts ? t(`sync.copy${what}`, counts) : t(`sync.copy${what}Starting`), tone: 'busy', progress };
}

/** The header's line, and whether it is a problem (shown as one); null when the store is not in a chain. */
export function syncLabel(s: SyncState, f: Format, t: TFunction): SyncLabel | null {
  // A refusal needs a person whatever else is going on; short of that, a hub gone back to an earlier copy (the copy
  // of the chain that follows it keeps its bar), then an unfinished copy of the chain is the news.
  if (s.state !== 'off' && s.state !== 'error' && s.hubRestored) {
    const progress = s.bootstrap ? bootstrapLabel(s, s.bootstrap, t).progress : undefined;
    return { text: t('sync.hubRestored'), tone: 'warn', progress };
  }
  if (s.state !== 'off' && s.state !== 'error' && s.bootstrap) return bootstrapLabel(s, s.bootstrap, t);
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
      return { text: t('sync.error', { message: wordWith(t, s.problem) }), tone: 'error' };
  }
}
