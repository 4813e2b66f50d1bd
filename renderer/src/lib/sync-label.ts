// What the header says about the chain's sync, in words a clerk can act on. Pure: the time is shown in the store's
// time zone, like every time on the counter.
import type { BootstrapView, SyncState } from '../../../common/domain';

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`);
const count = (n: number) => new Intl.NumberFormat('en-IE').format(n);

/** The header's line while a new terminal copies the chain: how far, and (in the words) that lookups work meanwhile. */
function bootstrapLabel(s: Extract<SyncState, { waiting: number }>, b: BootstrapView): SyncLabel {
  const progress = b.total === null || b.total === 0 ? undefined : { value: Math.min(b.done, b.total), max: b.total };
  const customers = b.phase === 'customers';
  const sofar = b.total === null ? '' : `${count(b.done)} of ${count(b.total)} ${customers ? 'customers' : 'entries'}`;
  if (s.state === 'offline') {
    const what = customers ? 'Offline — copy of the chain paused' : 'Offline — customers ready; history paused';
    const waiting = s.waiting > 0 ? `; ${changes(s.waiting)} waiting` : '';
    return { text: `${what}${sofar && ` at ${sofar}`}${waiting}`, tone: 'warn', progress };
  }
  const what = customers ? 'Copying the chain' : 'Customers ready; copying history';
  return { text: sofar ? `${what}: ${sofar}` : `${what}…`, tone: 'busy', progress };
}

export interface SyncLabel {
  text: string;
  tone: 'ok' | 'busy' | 'warn' | 'error';
  /** How far a new terminal's first copy of the chain is, for a bar beside the words. */
  progress?: { value: number; max: number } | undefined;
}

/** "10:42" in the store's time zone. */
export function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-IE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/** The header's line, and whether it is a problem (shown as one); null when the store is not in a chain. */
export function syncLabel(s: SyncState, timeZone: string): SyncLabel | null {
  // A refusal needs a person whatever else is going on; short of that, an unfinished copy of the chain is the news.
  if (s.state !== 'off' && s.state !== 'error' && s.bootstrap) return bootstrapLabel(s, s.bootstrap);
  switch (s.state) {
    case 'off':
      return null;
    case 'connecting':
      return {
        text: s.waiting > 0 ? `Connecting to the hub — ${changes(s.waiting)} waiting` : 'Connecting to the hub…',
        tone: 'busy',
      };
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
