// A terminal as the hub sees it, driven by hand over real HTTP: its credential, its clock and its numbering of
// mutations, for tests of the hub's side of the sync.
import { HUB_API } from '@common/sync/api';
import type { Change, Mutation, PullResponse } from '@common/sync/changes';
import { HybridClock } from '@common/sync/hlc';
import { enrolTerminal, post, type EnrolledTerminal, type TestHub } from './hub';

export interface Till extends EnrolledTerminal {
  hubUrl: string;
  clock: HybridClock;
  next: number;
}

export async function till(
  hub: TestHub,
  store: string,
  name: string,
  wallClock: () => number = Date.now,
): Promise<Till> {
  const t = await enrolTerminal(hub, store, name);
  return { ...t, hubUrl: hub.url, clock: new HybridClock(t.terminal.id, wallClock), next: 1 };
}

export type Body = Omit<Mutation, 'mutationId' | 'hlc'> & { hlc?: string };
export const upsert = (id: string, fields: Record<string, unknown>): Body =>
  ({ entity: 'customer', kind: 'upsert', id, fields }) as Body;
export const erase = (id: string): Body => ({ entity: 'customer', kind: 'erase', id });
export const interaction = (customerId: string, fields: Record<string, unknown>, id: string): Body =>
  ({ entity: 'interaction', kind: 'append', id, customerId, fields }) as Body;

/** Numbers and stamps the mutations as the terminal's outbox would, and pushes them. */
export async function push(t: Till, ...bodies: Body[]): Promise<{ lastMutationId: number; restamped: number }> {
  const mutations = bodies.map((b) => ({ ...b, hlc: b.hlc ?? t.clock.tick(), mutationId: t.next++ }) as Mutation);
  const answer = await post(
    t.hubUrl,
    HUB_API.push.path,
    { storeId: t.store.id, mutations },
    { credential: t.credential },
  );
  if (answer.status !== 200) throw new Error(`push: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * Everything in the feed after `cursor`, page after page, read over raw HTTP as the hub answers it (nothing applied
 * anywhere; a terminal's own pull is main/sync/session.ts's pullAll).
 */
export async function pullRaw(t: Till, cursor: string | null = null): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  for (;;) {
    const answer = await post(
      t.hubUrl,
      HUB_API.pull.path,
      { storeId: t.store.id, cursor, limit: 1000 },
      { credential: t.credential },
    );
    if (answer.status !== 200) throw new Error(`pull: ${answer.status} ${JSON.stringify(answer.body)}`);
    const page = answer.body as PullResponse;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return { changes, cursor };
  }
}
