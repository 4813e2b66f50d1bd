// A store that has joined a test hub as one of its terminals: a real SQLite file with its hub link, for the chain's
// sync tests. Each gets the next terminal name, so the stores of one test file never share one.
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { readHubLink, type HubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import type { TestHub } from './hub';
import type { TestDatabase } from './pg';
import type { TempStore } from './temp-store';

export interface JoinedStore extends TempStore {
  link: HubLink;
}

let joined = 0;

/** Enrols `s` at `hub` as a terminal of the store named `store`. */
export async function joinTestHub(db: TestDatabase, hub: TestHub, s: TempStore, store: string): Promise<JoinedStore> {
  const { code } = await issueEnrolmentCode(db.pool, {
    storeName: store,
    terminalName: `till-${++joined}`,
    now: new Date(),
  });
  await joinHub({ dbFile: s.file, db: s.db, hubUrl: hub.url, code });
  const link = readHubLink(s.file);
  if (!link) throw new Error(`${s.file} joined the hub but holds no hub link`);
  return { ...s, link };
}
