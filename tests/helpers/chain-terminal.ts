// The chain tests' opening and their terminals, one way for every chain test file: this file's PostgreSQL database
// (pg.ts), hub processes on it (hub.ts), and store files joined to a hub as `counterpart sync join` joins one: a real
// SQLite file, a one-time code issued on the hub's database and traded over real HTTP, and the link it keeps.
import type { DB } from '../../main/db/connection';
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import type { StoreConfig } from '../../main/services/context';
import { readHubLink, type HubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import { exchange } from '../../main/sync/session';
import { beforeAll } from 'vitest';
import { startTestHub, type TestHub } from './hub';
import { useTestDatabase, type TestDatabase } from './pg';
import { tempStore, type TempStore } from './temp-store';

export interface JoinedTerminal extends TempStore {
  link: HubLink;
  /** Its terminal name at the hub. */
  name: string;
}

let joined = 0;
/**
 * Joins the store in `file` (opened as `db`) to the hub at `hubUrl` (a hub process, or a relay in front of one) as a
 * terminal of `store`, named `name`: by default till-1, till-2, … across the test file, so no two of a store share one.
 */
export async function joinStore(
  db: TestDatabase,
  hubUrl: string,
  s: { file: string; db: DB },
  store: string,
  name = `till-${++joined}`,
): Promise<{ link: HubLink; name: string }> {
  const { code } = await issueEnrolmentCode(db.pool, { storeName: store, terminalName: name, now: new Date() });
  await joinHub({ dbFile: s.file, db: s.db, hubUrl, code });
  const link = readHubLink(s.file);
  if (!link) throw new Error(`${name} joined ${store} but keeps no link to the hub`);
  return { link, name };
}

export interface TerminalOptions {
  /** A store that already holds data, joined as it is; by default a new one (temp-store.ts) whose clock starts now. */
  from?: TempStore;
  /** The new store's settings (its name, say), when it is not `from`. */
  config?: Partial<StoreConfig>;
  /**
   * Keeps the terminal's clock running with the real one, as the hub's does, so times the two compare (a lockout)
   * read the same; by default it stands still where it started, moved only by setNow.
   */
  liveClock?: boolean;
  /** Which of the chain's hub processes it talks to (an index into `hubs`); the first by default. */
  via?: number;
}

export interface Chain {
  /** This file's database, which every hub process of the chain shares. */
  db: TestDatabase;
  /** The first hub process; there from beforeAll. */
  readonly hub: TestHub;
  readonly hubs: readonly TestHub[];
  /** A terminal of `store` (Galway by default) with its first manager, Aoife Byrne, joined to the hub. */
  terminal(store?: string, opts?: TerminalOptions): Promise<JoinedTerminal>;
}

/**
 * Call at the top of a chain test file: its database, `hubs` hub processes on it (one by default, each with its own
 * pool, as separate processes have) started in beforeAll, and terminals joined to them.
 */
export function useChain(opts: { hubs?: number } = {}): Chain {
  const db = useTestDatabase();
  const hubs: TestHub[] = [];
  beforeAll(async () => {
    for (let i = 0; i < (opts.hubs ?? 1); i++) hubs.push(await startTestHub(db));
  });
  return {
    db,
    get hub() {
      if (!hubs[0]) throw new Error('useChain(): the hub runs only inside tests and hooks.');
      return hubs[0];
    },
    hubs,
    async terminal(store = 'Galway', t: TerminalOptions = {}) {
      const s = t.from ?? tempStore(new Date().toISOString(), t.config);
      if (t.liveClock) s.ctx.now = () => new Date();
      const hub = hubs[t.via ?? 0];
      if (!hub) throw new Error(`useChain(): no hub process ${t.via ?? 0} (started ${hubs.length})`);
      return { ...s, ...(await joinStore(db, hub.url, s, store)) };
    },
  };
}

/** Push everything, then pull until caught up, as `counterpart sync now` does. */
export const sync = (t: JoinedTerminal) => exchange(t.ctx, t.link);
