// Talking to the hub about data: push the outbox, pull the feed, until caught up (`sync now`), and the same in the
// background while the app runs: it never holds up the counter (reads never wait on the network; each pulled page is
// one short SQLite transaction), retries with backoff when the hub is away, and long-polls so a change made at another
// terminal shows here within a second or two.
import { MAX_PULL_WAIT_MS } from '../../common/sync/changes';
import type { ServiceContext } from '../services/context';
import { callHub, HubRefused } from './hub-client';
import type { HubLink } from './hub-link';
import { bootstrap } from './bootstrap';
import { acknowledge, applyChanges, nextMutations, pullCursor, startOutbox, unsyncedCount } from './replica';

export const PUSH_BATCH = 200;
export const PULL_PAGE = 500;

export interface Exchanged {
  pushed: number;
  pulled: number;
  /** Changes the hub re-stamped because this terminal's clock was too far ahead (hlc.ts). */
  restamped: number;
}

const auth = (link: HubLink) => ({ credential: link.credential });

/** Sends the outbox in batches until it is empty. */
export async function pushAll(
  ctx: ServiceContext,
  link: HubLink,
  onProgress?: (sent: number, left: number) => void,
): Promise<Pick<Exchanged, 'pushed' | 'restamped'>> {
  startOutbox(ctx.db, link.terminal.id);
  let pushed = 0;
  let restamped = 0;
  for (;;) {
    const mutations = nextMutations(ctx.db, PUSH_BATCH);
    if (mutations.length === 0) {
      // Rows that had nothing left to send (an erased customer's edits) leave too.
      if (unsyncedCount(ctx.db) > 0) acknowledge(ctx.db, Number.MAX_SAFE_INTEGER);
      return { pushed, restamped };
    }
    const answer = await callHub(link.hubUrl, 'push', { storeId: link.store.id, mutations }, auth(link));
    acknowledge(ctx.db, Math.max(answer.lastMutationId, mutations.at(-1)!.mutationId));
    pushed += mutations.length;
    restamped += answer.restamped;
    // Each batch the hub acknowledged has left the outbox: a crash from here on resumes with the rest.
    onProgress?.(pushed, unsyncedCount(ctx.db));
  }
}

/** Pulls and applies pages until the hub has nothing more; with waitMs, the first empty answer may wait that long. */
export async function pullAll(ctx: ServiceContext, link: HubLink, waitMs = 0, signal?: AbortSignal): Promise<number> {
  // A terminal that never pulled (or stopped halfway) takes the chain's current state first, in pages (bootstrap.ts).
  let pulled = await bootstrap(ctx, link, { signal });
  for (;;) {
    const wait = pulled === 0 ? waitMs : 0;
    const page = await callHub(
      link.hubUrl,
      'pull',
      { storeId: link.store.id, cursor: pullCursor(ctx.db), limit: PULL_PAGE, waitMs: wait },
      { ...auth(link), timeoutMs: wait + 10_000, signal },
    );
    applyChanges(ctx, page.changes, page.cursor);
    pulled += page.changes.length;
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
  /** Told after each push or pull the hub answered (live-sync.ts keeps the header's "Synced 10:42" from it). */
  succeeded: (loop: SyncLoop) => void = () => undefined,
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
        if (await step()) succeeded(name);
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
      if (unsyncedCount(ctx.db) === 0) return false;
      await pushAll(ctx, link);
      return true;
    },
    1_000,
  );
  // The first pull after a start or a failure answers at once, so whether the hub is there is known at once (a
  // long poll on a quiet chain would leave it open for 25 s); the ones after it wait for the next change.
  let waitMs = 0;
  const puller = loop(
    'pull',
    async () => {
      const wait = waitMs;
      waitMs = 0;
      await pullAll(ctx, link, wait, aborter.signal);
      waitMs = MAX_PULL_WAIT_MS;
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
