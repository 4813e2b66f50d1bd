// What the header says about the chain's sync, in words a clerk can act on. Pure: the time is shown in the store's
// time zone, like every time on the counter.
import type { SyncState } from '../../../common/domain';

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

/** "10:42" in the store's time zone. */
export function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-IE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The header's line, and whether it is a problem (shown as one); null when the store is not in a chain. */
export function syncLabel(s: SyncState, timeZone: string): { text: string; tone: 'ok' | 'busy' | 'warn' | 'error' } | null {
  switch (s.state) {
    case 'off':
      return null;
    case 'connecting':
      return { text: s.waiting > 0 ? `Connecting to the hub — ${changes(s.waiting)} waiting` : 'Connecting to the hub…', tone: 'busy' };
    case 'synced':
      return s.waiting > 0
        ? { text: `Sending ${changes(s.waiting)}…`, tone: 'busy' }
        : { text: `Synced ${clockTime(s.at, timeZone)}`, tone: 'ok' };
    case 'offline':
      return { text: `Offline — ${s.waiting > 0 ? `${changes(s.waiting)} waiting` : 'nothing waiting'}`, tone: 'warn' };
    case 'error':
      return { text: `Not syncing: ${s.message}`, tone: 'error' };
  }
}
