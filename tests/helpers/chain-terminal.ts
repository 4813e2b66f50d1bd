// A terminal of the chain for tests: a store on a real SQLite file, joined to a test hub as a new till of `store`,
// the way `sync join` does it, with the link it keeps beside the store.
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { readHubLink, type HubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import { exchange } from '../../main/sync/session';
import type { TestDatabase } from './pg';
import { tempStore, type TempStore } from './temp-store';

export interface Terminal extends TempStore {
  link: HubLink;
}

let joined = 0;

export async function joinedTerminal(db: TestDatabase, hubUrl: string, store: string): Promise<Terminal> {
  const s = tempStore(new Date().toISOString());
  const { code } = await issueEnrolmentCode(db.pool, {
    storeName: store,
    terminalName: `till-${++joined}`,
    now: new Date(),
  });
  await joinHub({ dbFile: s.file, db: s.db, hubUrl, code });
  const link = readHubLink(s.file);
  if (!link) throw new Error('the join kept no link');
  return { ...s, link };
}

/** Push everything, then pull until caught up. */
export const sync = (t: Terminal) => exchange(t.ctx, t.link);
