// A terminal's store joined to a test hub as `counterpart sync join` joins one: a real SQLite file, enrolled with a
// one-time code over real HTTP, and the link it keeps to the hub.
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { readHubLink, type HubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import { exchange } from '../../main/sync/session';
import type { TestHub } from './hub';
import type { TestDatabase } from './pg';
import { tempStore, type TempStore } from './temp-store';

export interface JoinedTerminal extends TempStore {
  link: HubLink;
  name: string;
}

let joined = 0;
/**
 * A terminal ("till-N", numbered across the test file) of `store`, joined to the hub: a new one, or `s`, a store that
 * already holds data.
 */
export async function joinedTerminal(
  db: TestDatabase,
  hub: TestHub,
  store: string,
  s = tempStore(new Date().toISOString()),
): Promise<JoinedTerminal> {
  const name = `till-${++joined}`;
  const { code } = await issueEnrolmentCode(db.pool, { storeName: store, terminalName: name, now: new Date() });
  await joinHub({ dbFile: s.file, db: s.db, hubUrl: hub.url, code });
  const link = readHubLink(s.file);
  if (!link) throw new Error(`${name} joined but keeps no link to the hub`);
  return { ...s, name, link };
}

/** Push everything, then pull until caught up. */
export const sync = (t: JoinedTerminal) => exchange(t.ctx, t.link);
