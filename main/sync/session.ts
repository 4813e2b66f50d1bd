// Talking to the hub about data: push the outbox, pull the feed, until caught up (`sync now`), and the same in the
// background while the app runs: it never holds up the counter (reads never wait on the network; each pulled page is
// applied in transactions of a few milliseconds, giving the thread back between them), retries with backoff when the
// hub is away, and long-polls so a change made at another terminal shows here within a second or two.
import { MAX_PULL_WAIT_MS, MAX_PUSH_BYTES, type Mutation } from '@common/sync/changes';
import { words } from '@common/errors';
import type { ServiceContext } from '../services/context';
import { callHub, HubRefused } from './hub-client';
import type { HubLink } from './hub-link';
import { bootstrap } from './bootstrap';
import { clerkOutboxCount, clerksMoved, exchangeClerks } from './clerks-sync';
import { heldByHub, lostAcknowledged, noteHeld, recoverFromHubRestore } from './hub-restore';
import {
  acknowledge,
  applyChangesInSlices,
  nextMutations,
  pullCursor,
  rememberStore,
  startOutbox,
  unsyncedCount,
} from './replica';

export const PUSH_BATCH = 200;
export const PULL_PAGE = 500;

export interface Exchanged {
  pushed: number;
  pulled: number;
  /** Changes the hub re-stamped because this terminal's clock was too far ahead (hlc.ts). */
  restamped: number;
}

const auth = (link: HubLink) => ({ credential: link.credential });

/** The first of `mutations` that fit in one push body (at least one): a batch of long receipts is cut short. */
export function withinPushBytes(mutations: Mutation[], maxBytes = MAX_PUSH_BYTES): Mutation[] {
  let bytes = 0;
  for (let i = 0; i < mutations.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(mutations[i]));
    if (bytes > maxBytes && i > 0) return mutations.slice(0, i);
  }
  return mutations;
}

/** Sends the outbox in batches until it is empty. */
export async function pushAll(
  ctx: ServiceContext,
  link: HubLink,
  onProgress?: (sent: number, left: number) => void,
): Promise<Pick<Exchanged, 'pushed' | 'restamped'>> {
  startOutbox(ctx.db, link.terminal.id);
  if (clerkOutboxCount(ctx.db) > 0) await exchangeClerks(ctx, link);
  let pushed = 0;
  let restamped = 0;
  for (;;) {
    const mutations = withinPushBytes(nextMutations(ctx.db, PUSH_BATCH));
    if (mutations.length === 0) {
      // Rows that had nothing left to send (an erased customer's edits) leave too.
      if (unsyncedCount(ctx.db) > 0) acknowledge(ctx.db, Number.MAX_SAFE_INTEGER);
      return { pushed, restamped };
    }
    const known = heldByHub(ctx.db, link);
    const answer = await callHub(link.hubUrl, 'push', { storeId: link.store.id, mutations }, auth(link));
    acknowledge(ctx.db, Math.max(answer.lastMutationId, mutations.at(-1)!.mutationId));
    // The hub held fewer of this terminal's changes than it had acknowledged: its database went back (hub-restore.ts).
    if (lostAcknowledged(answer.held, known)) recoverFromHubRestore(ctx, link, 'acknowledged');
    noteHeld(ctx.db, link, answer.lastMutationId);
    pushed += mutations.length;
    restamped += answer.restamped;
    // Each batch the hub acknowledged has left the outbox: a crash from here on resumes with the rest.
    onProgress?.(pushed, unsyncedCount(ctx.db));
  }
}

export interface PullOptions {
  /** When nothing follows the cursor, the first answer may wait this long for a change (a long poll). */
  waitMs?: number;
  signal?: AbortSignal;
  /**
   * 'always' (the default) takes the store's clerk accounts before the feed: a one-off sync, a start, a reconnect.
   * 'whenMoved' takes them only when a pull answer says they moved on (its clerksTag), as the long-poll rounds of
   * a running terminal do: an idle round costs the hub one request, not two.
   */
  clerks?: 'always' | 'whenMoved';
}

/** The page after the cursor, or the sign that the hub's database went back to an earlier copy (hub-restore.ts). */
async function pullPage(ctx: ServiceContext, link: HubLink, wait: number, signal?: AbortSignal) {
  const known = heldByHub(ctx.db, link);
  try {
    const page = await callHub(
      link.hubUrl,
      'pull',
      { storeId: link.store.id, cursor: pullCursor(ctx.db), limit: PULL_PAGE, waitMs: wait },
      { ...auth(link), timeoutMs: wait + 10_000, signal },
    );
    return lostAcknowledged(page.held, known) ? ('acknowledged' as const) : page;
  } catch (err) {
    // The pull's only refusal of its kind: the hub does not hold the change the cursor was read at (main/hub/feed.ts).
    if (err instanceof HubRefused && err.code === 'CONFLICT') return 'feed' as const;
    throw err;
  }
}

/** Pulls and applies pages until the hub has nothing more. */
export async function pullAll(
  ctx: ServiceContext,
  link: HubLink,
  opts: PullOptions = {},
  recovered = false,
): Promise<number> {
  const { signal } = opts;
  rememberStore(ctx.db, link.store.id);
  // A terminal that never pulled (or stopped halfway) takes the chain's current state first, in pages (bootstrap.ts).
  let pulled = await bootstrap(ctx, link, { signal });
  // The store's clerk accounts (clerks-sync.ts), at most once a pull: a clerk made at another counter can sign in
  // here. Once asked, a tag that moved meanwhile is the next round's to take up.
  let clerksTaken = opts.clerks !== 'whenMoved';
  if (clerksTaken) await exchangeClerks(ctx, link, { signal });
  for (;;) {
    const page = await pullPage(ctx, link, pulled === 0 ? (opts.waitMs ?? 0) : 0, signal);
    if (typeof page === 'string') {
      // Once per call: a hub that refuses even the cursor of a fresh copy is not one that went back, and is reported.
      if (recovered) throw new HubRefused('CONFLICT', words('sync.ownCopyRefused'), 409);
      recoverFromHubRestore(ctx, link, page);
      return pulled + (await pullAll(ctx, link, { signal }, true));
    }
    await applyChangesInSlices(ctx, page.changes, page.cursor);
    pulled += page.changes.length;
    if (!clerksTaken && clerksMoved(ctx.db, page.clerksTag)) {
      await exchangeClerks(ctx, link, { signal });
      clerksTaken = true;
    }
    if (!page.more) return pulled;
  }
}

/** One full exchange: push everything, then pull until caught up. */
export async function exchange(ctx: ServiceContext, link: HubLink): Promise<Exchanged> {
  const { pushed, restamped } = await pushAll(ctx, link);
  const pulled = await pullAll(ctx, link);
  return { pushed, pulled, restamped };
}

export interface BackgroundSync {
  /** Ask for a push soon (after a change at the counter); the loop also looks by itself every second. */
  poke(): void;
  stop(): Promise<void>;
}

export type SyncLoop = 'push' | 'pull';

export const BACKOFF_MS = { first: 500, max: 30_000 };

/**
 * Keeps this terminal in step while it runs: a pusher that sends the outbox whenever it holds something, and a puller
 * that long-polls the hub. Each retries with doubling backoff (capped) after a failure; a refusal that will not
 * change by itself (revoked, another store) stops the loop and is reported.
 */
export function startBackgroundSync(
  ctx: ServiceContext,
  link: HubLink,
  report: (err: Error, loop: SyncLoop) => void = () => undefined,
  /**
   * Told after each round of a loop that did not fail, and whether the hub answered in it (live-sync.ts keeps the
   * header's "Synced 10:42" from it). A pusher with nothing to send has not failed either: its outbox may have been
   * emptied by the other loop (the clerk accounts go out with a pull), and its last failure is over.
   */
  succeeded: (loop: SyncLoop, talked: boolean) => void = () => undefined,
): BackgroundSync {
  let stopped = false;
  const aborter = new AbortController();
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });
  const fatal = (err: unknown) =>
    err instanceof HubRefused &&
    (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN' || err.code === 'UNSUPPORTED_VERSION');

  /** `step` answers whether it talked to the hub (the pusher has nothing to say while the outbox is empty). */
  async function loop(name: SyncLoop, step: () => Promise<boolean>, idleMs: number) {
    let backoff = BACKOFF_MS.first;
    while (!stopped) {
      try {
        succeeded(name, await step());
        backoff = BACKOFF_MS.first;
        if (idleMs > 0) await sleep(idleMs);
      } catch (err) {
        report(err as Error, name);
        if (fatal(err)) {
          stopped = true;
          return;
        }
        await sleep(backoff);
        backoff = Math.min(backoff * 2, BACKOFF_MS.max);
      }
    }
  }

  const pusher = loop(
    'push',
    async () => {
      if (unsyncedCount(ctx.db) === 0 && clerkOutboxCount(ctx.db) === 0) return false;
      await pushAll(ctx, link);
      return true;
    },
    1_000,
  );
  // The first pull after a start or a failure answers at once, so whether the hub is there is known at once (a
  // long poll on a quiet chain would leave it open for 25 s), and takes the store's clerk accounts whatever the tag
  // says; the ones after it wait for the next change and ask for the accounts only when they moved on.
  let reconnecting = true;
  const puller = loop(
    'pull',
    async () => {
      const first = reconnecting;
      reconnecting = true; // until this round has gone through
      await pullAll(ctx, link, {
        waitMs: first ? 0 : MAX_PULL_WAIT_MS,
        signal: aborter.signal,
        clerks: first ? 'always' : 'whenMoved',
      });
      reconnecting = false;
      return true;
    },
    0,
  );
  return {
    poke: () => {
      for (const w of [...wakers]) w();
    },
    async stop() {
      stopped = true;
      aborter.abort();
      for (const w of [...wakers]) w();
      await Promise.allSettled([pusher, puller]);
    },
  };
}
