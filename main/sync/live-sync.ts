// The background sync while the app (or the browser preview) runs on a store that joined a hub, and what the header
// says about it. Started and stopped with the store (backend.ts); nothing here waits on the network in a call the
// counter makes: state() reads what the loops last saw and counts the outbox, a local read.
import type { SyncState, SyncView } from '@common/domain';
import { AppError, words, type ErrorWords } from '@common/errors';
import type { ServiceContext } from '../services/context';
import { mergedRows, survivorRow } from '../services/customer-aliases';
import { bootstrapProgress } from './bootstrap';
import { HubRefused, HubUnreachable } from './hub-client';
import { readHubLink, type HubLink } from './hub-link';
import { hubRestoreView } from './hub-restore';
import { joinFromManagedConfig, type ManagedHub, type ManagedJoin } from './managed-join';
import { onApplied, unsyncedCount } from './replica';
import { Revisions } from './revisions';
import { startBackgroundSync, type SyncLoop } from './session';

export interface LiveSync {
  /** With the customer open at the counter: the last revision of pulled changes that touched them (revisions.ts). */
  state(openCustomerId?: number): SyncView;
  /** Ask for a push now (after a write at the counter) rather than at the pusher's next look. */
  poke(): void;
  /** The store just joined a hub in this process (chain.join): start syncing now, not at the next look for the link. */
  joined(): void;
  stop(): Promise<void>;
}

type Problem = { kind: 'offline' } | { kind: 'error'; words: ErrorWords };

/** A store that has not joined a hub, or a backend asked not to sync. */
export const SYNC_OFF: LiveSync = {
  state: () => ({ state: 'off' }),
  poke: () => undefined,
  joined: () => undefined,
  stop: async () => undefined,
};

/** How often a store that has not joined looks for the link `sync join` writes, so joining needs no restart. */
export const LOOK_FOR_LINK_MS = 5_000;

/**
 * Syncs the store of `dbFile` (opened as `ctx`) while it has joined a hub; until then the state is 'off', and the
 * link file is looked for again when the state is asked (at most every LOOK_FOR_LINK_MS), so a `sync join` made while
 * the app runs starts the sync. A damaged link file is shown as the error it is, and nothing is sent.
 */
export function startLiveSync(
  ctx: ServiceContext,
  dbFile: string,
  log: (message: string, err?: unknown) => void,
  managed: { hub?: ManagedHub | undefined; note: (message: string) => void; retryMs?: number | undefined } = {
    note: () => undefined,
  },
): LiveSync {
  let running: LiveSync | null = null;
  let managedJoin: ManagedJoin | null = null;
  let damaged: ErrorWords | null = null;
  let lookedAt = -Infinity;
  let stopped = false;
  const look = (now = false) => {
    if (running || stopped || (!now && Date.now() - lookedAt < LOOK_FOR_LINK_MS)) return;
    lookedAt = Date.now();
    try {
      const link = readHubLink(dbFile);
      damaged = null;
      if (link) running = follow(ctx, link, log);
    } catch (err) {
      damaged =
        err instanceof AppError && err.words
          ? err.words
          : words('sync.linkUnreadable', { detail: (err as Error).message });
    }
  };
  look();
  // Only a store with no link at all joins the managed config's hub: one that joined (or whose link is damaged) keeps
  // the hub it has, and the keys are left for a terminal still to be set up.
  if (managed.hub && !running && damaged === null) {
    managedJoin = joinFromManagedConfig({
      ctx,
      dbFile,
      hub: managed.hub,
      joined: () => look(true),
      log,
      note: managed.note,
      retryMs: managed.retryMs,
    });
  }
  return {
    state(openCustomerId) {
      look();
      if (running) return running.state(openCustomerId);
      if (damaged !== null) return { state: 'error', waiting: unsyncedCount(ctx.db), problem: damaged };
      return managedJoin?.state() ?? { state: 'off' };
    },
    poke: () => running?.poke(),
    joined: () => look(true),
    async stop() {
      stopped = true;
      managedJoin?.stop();
      await running?.stop();
    },
  };
}

/** The background sync with the hub of `link`, and the state its loops last saw. */
function follow(ctx: ServiceContext, link: HubLink, log: (message: string, err?: unknown) => void): LiveSync {
  let lastSyncAt: string | null = null;
  let stopped = false;
  // Each loop's own last failure: a push refused while pulls go through is still a problem, and the other way round.
  const problems: Partial<Record<SyncLoop, Problem>> = {};
  const report = (err: Error, loop: SyncLoop) => {
    if (stopped) return;
    if (err instanceof HubUnreachable) problems[loop] = { kind: 'offline' };
    else if (err instanceof HubRefused) problems[loop] = { kind: 'error', words: err.words };
    // Anything else (the store busy with another program's write) is retried by the loop; the header keeps its state.
    log(`sync: the ${loop} failed; retrying`, err);
  };
  const succeeded = (loop: SyncLoop, talked: boolean) => {
    delete problems[loop];
    if (talked) lastSyncAt = ctx.now().toISOString();
  };
  const revisions = new Revisions();
  const unlisten = onApplied(ctx.db, (rows) => revisions.touched(rows));
  const background = startBackgroundSync(ctx, link, report, succeeded);

  const header = (): SyncState => {
    const waiting = unsyncedCount(ctx.db);
    // An unfinished first copy of the chain, as far as its last kept page (one row of sync_state, read locally).
    const boot = bootstrapProgress(ctx.db);
    const restore = hubRestoreView(ctx.db);
    const extra = {
      ...(boot ? { bootstrap: boot } : {}),
      ...(restore?.recovering ? { hubRestored: { detectedAt: restore.detectedAt } } : {}),
    };
    const problem = problems.push?.kind === 'error' ? problems.push : (problems.pull ?? problems.push);
    if (problem?.kind === 'error') return { state: 'error', waiting, problem: problem.words, ...extra };
    if (problem) return { state: 'offline', waiting, lastSyncAt, ...extra };
    return lastSyncAt
      ? { state: 'synced', at: lastSyncAt, waiting, ...extra }
      : { state: 'connecting', waiting, ...extra };
  };
  return {
    state(openCustomerId) {
      if (openCustomerId === undefined) return header();
      // One person's records together: a change to an alias shows on its survivor's profile, and the other way round.
      const rows = mergedRows(ctx.db, survivorRow(ctx.db, openCustomerId));
      return { ...header(), openCustomerRevision: revisions.of([openCustomerId, ...rows]) };
    },
    poke: () => background.poke(),
    joined: () => undefined,
    async stop() {
      stopped = true;
      unlisten();
      await background.stop();
    },
  };
}
