// A counter of a store that joined the chain the way `sync join` does it: its own SQLite file (temp-store.ts), a
// one-time code issued on the hub's database, traded over real HTTP.
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { readHubLink, type HubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import { exchange } from '../../main/sync/session';
import type { TestHub } from './hub';
import { tempStore, type TempStore } from './temp-store';

export interface JoinedCounter extends TempStore {
  link: HubLink;
}

let joined = 0;

/**
 * A new counter of `store` with its first manager (Aoife Byrne). Its clock starts at the real time; `liveClock`
 * keeps it running with the real one, as the hub's does, so times the two compare (a lockout) read the same.
 */
export async function joinedCounter(
  hub: TestHub,
  store: string,
  opts: { liveClock?: boolean } = {},
): Promise<JoinedCounter> {
  const s = tempStore(new Date().toISOString());
  if (opts.liveClock) s.ctx.now = () => new Date();
  const { code } = await issueEnrolmentCode(hub.pool, {
    storeName: store,
    terminalName: `till-${++joined}`,
    now: new Date(),
  });
  await joinHub({ dbFile: s.file, db: s.db, hubUrl: hub.url, code });
  const link = readHubLink(s.file);
  if (!link) throw new Error(`the counter did not join ${store}`);
  return { ...s, link };
}

/** Push and pull until caught up, as `counterpart sync now` does. */
export const syncCounter = (c: JoinedCounter) => exchange(c.ctx, c.link);
