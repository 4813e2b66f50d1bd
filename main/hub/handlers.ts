// What the hub does for each declared route (common/sync/api.ts). The server has already checked the protocol
// version, the credential (for terminal routes), the body against the route's schema and the store.
import { HUB_API, type HubRequestParsed, type HubResponse, type HubRoute } from '@common/sync/api';
import { THIS_HUB_PROTOCOLS } from '@common/sync/protocol';
import { bootstrapPage } from './bootstrap';
import { clerksTag, pinAttempt, syncClerks } from './clerks';
import { redeemEnrolmentCode } from './enrolment';
import { MERGES_LISTED } from '@common/sync/merges';
import { listConflicts, listMerges, unmergeCustomers } from './merges';
import { pullChanges, type FeedSignal } from './feed';
import type { Pool } from './pg';
import { applyPush } from './push';
import type { Caller } from './terminals';

export interface HubContext {
  pool: Pool;
  now: () => Date;
  /** Wakes this process's waiting pulls when any hub process commits a push. */
  feed: FeedSignal;
}

export interface Call<R extends HubRoute> {
  input: HubRequestParsed<R>;
  /** The terminal behind the credential; null on routes that need none. */
  caller: HubApi[R]['auth'] extends 'terminal' ? Caller : null;
  protocolVersion: number;
}
type HubApi = typeof HUB_API;

export type HubHandlers = { [R in HubRoute]: (ctx: HubContext, call: Call<R>) => Promise<HubResponse<R>> };

const hubInfo = () => ({ protocolVersion: THIS_HUB_PROTOCOLS.max, minProtocolVersion: THIS_HUB_PROTOCOLS.min });

export const HUB_HANDLERS: HubHandlers = {
  enrol: async (ctx, { input, protocolVersion }) => {
    const enrolled = await redeemEnrolmentCode(ctx.pool, { ...input, protocolVersion, now: ctx.now() });
    return { ...enrolled, hub: hubInfo() };
  },
  hello: async (ctx, { input, caller, protocolVersion }) => {
    const now = ctx.now();
    await ctx.pool.query(
      'UPDATE terminals SET app_version = $2, protocol_version = $3, last_seen_at = $4 WHERE id = $1',
      [caller.terminal.id, input.appVersion, protocolVersion, now],
    );
    return { terminal: caller.terminal, store: caller.store, hub: hubInfo(), serverTime: now.toISOString() };
  },
  // `held` was read with the credential, before the request's work: a terminal compares it with what it was told
  // before it asked (hub-restore.ts).
  push: async (ctx, { input, caller }) => ({
    ...(await applyPush(ctx.pool, caller, input.mutations, ctx.now())),
    held: caller.held,
  }),
  // The clerks' tag is read after the wait, so it is as of the answer: a terminal asks /v1/clerks when it moved.
  pull: async (ctx, { input, caller }) => ({
    ...(await pullChanges(ctx.pool, ctx.feed, input)),
    held: caller.held,
    clerksTag: await clerksTag(ctx.pool, caller.store.id),
  }),
  bootstrap: (ctx, { input }) => bootstrapPage(ctx.pool, input),
  clerks: (ctx, { input, caller }) => syncClerks(ctx.pool, caller, input.changes, ctx.now()),
  pinAttempt: (ctx, { input, caller }) => pinAttempt(ctx.pool, caller, input, ctx.now()),
  merges: async (ctx, { caller }) => ({
    merges: await listMerges(ctx.pool, { storeId: caller.store.id, limit: MERGES_LISTED }),
  }),
  conflicts: async (ctx, { caller }) => ({
    conflicts: await listConflicts(ctx.pool, { storeId: caller.store.id, limit: MERGES_LISTED }),
  }),
  // The hub keeps who undid it and where: the manager's name as the terminal gives it, and the caller's store and till.
  unmerge: (ctx, { input, caller }) =>
    unmergeCustomers(ctx.pool, {
      mergeId: input.mergeId,
      actor: `${input.actor} (${caller.store.name}, ${caller.terminal.name})`,
      storeId: caller.store.id,
      now: ctx.now(),
    }),
};

/** Every declared route has a handler and every handler a route; checked when a hub starts. */
export function checkHandlers(handlers: Record<string, unknown> = HUB_HANDLERS): void {
  const declared = Object.keys(HUB_API);
  const missing = declared.filter((r) => typeof handlers[r] !== 'function');
  const extra = Object.keys(handlers).filter((r) => !declared.includes(r));
  if (missing.length || extra.length) {
    throw new Error(
      `Hub routes and handlers differ: ${[...missing.map((r) => `no handler for ${r}`), ...extra.map((r) => `${r} is not declared`)].join(', ')}.`,
    );
  }
}
