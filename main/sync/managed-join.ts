// A terminal IT set up with the managed config's hub.url and hub.enrolmentCode joins the chain by itself at start,
// through the same joinHub as Settings and `sync join`. Joining never holds up the counter: it runs beside it, and
// until it succeeds the store works unjoined. An unreachable hub is asked again later; a refused code is not, since
// the hub would refuse it again: the header says so in a sentence an admin can act on.
import type { SyncState } from '@common/domain';
import { AppError, wordError, words, type ErrorWords } from '@common/errors';
import type { ServiceContext } from '../services/context';
import { audit } from '../services/audit';
import { HubRefused, HubUnreachable } from './hub-client';
import { joinHub } from './join';
import { unsyncedCount } from './replica';

export interface ManagedHub {
  url: string;
  enrolmentCode: string;
}

/** How soon an unreachable hub is asked again at first; each further miss doubles it, up to JOIN_RETRY_MAX_MS. */
export const JOIN_RETRY_MS = 30_000;
export const JOIN_RETRY_MAX_MS = 15 * 60_000;

type Attempt = { kind: 'joining' } | { kind: 'away' } | { kind: 'refused'; words: ErrorWords } | { kind: 'joined' };

export interface ManagedJoin {
  /** What the header shows until the store has joined; null once it has (the live sync speaks for it then). */
  state(): SyncState | null;
  stop(): void;
}

/** A failure worth asking again: the hub out of reach, or answering as a server in trouble (a proxy's 502). */
const passing = (err: unknown) => err instanceof HubUnreachable || (err instanceof HubRefused && err.status >= 500);

export function joinFromManagedConfig(input: {
  ctx: ServiceContext;
  dbFile: string;
  hub: ManagedHub;
  /** The store has joined: start syncing now. */
  joined: () => void;
  log: (message: string, err?: unknown) => void;
  note: (message: string) => void;
  retryMs?: number;
}): ManagedJoin {
  const { ctx, hub } = input;
  let attempt: Attempt = { kind: 'joining' };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let delay = input.retryMs ?? JOIN_RETRY_MS;

  const tryOnce = async () => {
    timer = null;
    try {
      const link = await joinHub({ dbFile: input.dbFile, db: ctx.db, hubUrl: hub.url, code: hub.enrolmentCode });
      if (stopped) return;
      attempt = { kind: 'joined' };
      audit(ctx, null, 'chain_join', link.hubUrl, {
        store: link.store.name,
        terminal: link.terminal.name,
        from: 'managed config',
      });
      // One structured line, names and ids only: the code is spent now, but it never goes into a log.
      input.note(JSON.stringify({ event: 'chain_join', from: 'managed config', hub: link.hubUrl, ...ids(link) }));
      input.joined();
    } catch (err) {
      if (stopped) return;
      if (passing(err)) {
        attempt = { kind: 'away' };
        input.log(`sync: joining the hub named in the managed config failed; asking again in ${delay / 1000} s`, err);
        timer = setTimeout(() => void tryOnce(), delay);
        timer.unref();
        delay = Math.min(delay * 2, JOIN_RETRY_MAX_MS);
        return;
      }
      attempt = { kind: 'refused', words: refusal(err, hub.url) };
      input.log(`sync: ${wordError(attempt.words, 'en')}`);
    }
  };
  void tryOnce();

  return {
    state() {
      const waiting = unsyncedCount(ctx.db);
      switch (attempt.kind) {
        case 'joined':
          return null;
        case 'joining':
          return { state: 'connecting', waiting };
        case 'away':
          return { state: 'offline', waiting, lastSyncAt: null };
        case 'refused':
          return { state: 'error', waiting, problem: attempt.words };
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

const ids = (link: { store: { id: string; name: string }; terminal: { id: string; name: string } }) => ({
  store: link.store.name,
  storeId: link.store.id,
  terminal: link.terminal.name,
  terminalId: link.terminal.id,
});

/** The sentence for the header and the log: what was refused, in the hub's words, and what the admin can do. */
function refusal(err: unknown, hubUrl: string): ErrorWords {
  if (err instanceof HubRefused && err.code === 'UNAUTHENTICATED') {
    // The hub's words end with "ask for a new one (counterpart hub enroll)".
    return words('sync.managed.codeRefused', { hub: hubUrl, detail: err.message });
  }
  // Our own refusals (a bad address, a store already joined) are words; anything else is only known in English.
  const reason =
    err instanceof HubRefused || (err instanceof AppError && err.words)
      ? (err.words as ErrorWords)
      : err instanceof Error
        ? err.message
        : String(err);
  return words('sync.managed.failed', { hub: hubUrl, reason });
}
