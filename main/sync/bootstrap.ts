// A terminal's first copy of the chain (common/sync/bootstrap.ts): customers first, so lookups work while the
// history is still coming, then the facts of the history window (default two years). Each page is applied in short
// SQLite transactions (replica.ts, applyChangesInSlices), the last together with where the bootstrap stands, so a
// terminal killed mid-page starts that page again and a restarted one goes on from the last whole page it kept;
// applying part of a page twice changes nothing (customers merge by field stamps, facts by global id). Then the
// terminal follows the feed from where it stood when the bootstrap began.
import { z } from 'zod';
import { BOOTSTRAP_PHASES, DEFAULT_HISTORY_DAYS, type BootstrapPhase } from '@common/sync/bootstrap';
import type { DB } from '../db/connection';
import { settleAfterBulkLoad } from '../db/settle';
import type { ServiceContext } from '../services/context';
import { callHub } from './hub-client';
import type { HubLink } from './hub-link';
import { bootstrapOffThread } from './bootstrap-thread';
import { applyChangesInSlices, pullCursor } from './replica';

export const BOOTSTRAP_PAGE = 1000;
const DAY_MS = 86_400_000;

const stateSchema = z.object({
  phase: z.enum(BOOTSTRAP_PHASES),
  after: z.string().nullable(),
  since: z.string(),
  feedCursor: z.string().nullable(),
  done: z.number(),
  total: z.number().nullable(),
  /** Whether the copy began in a store that held nothing to merge with (holdsNothingToMerge): it writes in bulk. */
  bulk: z.boolean().default(false),
});
type BootState = z.infer<typeof stateSchema>;

export interface BootstrapProgress {
  phase: BootstrapPhase;
  /** Customers (or facts) applied so far in this phase. */
  done: number;
  /** How many the phase holds; null before its first page. */
  total: number | null;
}

const readState = (db: DB): BootState | null => {
  const row = db.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'bootstrap'").get();
  return row ? stateSchema.parse(JSON.parse(row.value)) : null;
};
const writeState = (db: DB, s: BootState) =>
  db
    .prepare(
      "INSERT INTO sync_state (key, value) VALUES ('bootstrap', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .run(JSON.stringify(s));

/** Where an unfinished bootstrap stands; null when there is none (never started, or done). */
export function bootstrapProgress(db: DB): BootstrapProgress | null {
  const s = readState(db);
  return s && { phase: s.phase, done: s.done, total: s.total };
}

/**
 * Whether this store holds nothing a pulled customer, entry or purchase could merge with: no customer (not even an
 * erased one's anonymous record), entry or purchase, no global id, no merge link. A terminal enrolled as a new one
 * holds nothing of these (its clerks and playbook are not among them). Only a bootstrap that begins in such a store
 * writes in bulk (bulk-apply.ts), and keeps doing so when it resumes; what the counter writes meanwhile is what that
 * path checks change by change. Any other store (one that joined with data, or re-copies the chain after its hub was
 * restored) is copied change by change.
 */
export function holdsNothingToMerge(db: DB): boolean {
  return (
    db
      .prepare<[], number>(
        `SELECT NOT EXISTS (SELECT 1 FROM customers) AND NOT EXISTS (SELECT 1 FROM interactions)
            AND NOT EXISTS (SELECT 1 FROM purchases) AND NOT EXISTS (SELECT 1 FROM sync_ids)
            AND NOT EXISTS (SELECT 1 FROM customer_aliases)`,
      )
      .pluck()
      .get() === 1
  );
}

/** A terminal that never pulled, or whose bootstrap did not finish. */
export const needsBootstrap = (db: DB): boolean => pullCursor(db) === null || readState(db) !== null;

export interface BootstrapOptions {
  historyDays?: number;
  /** Told after each page is kept; what it throws ends the bootstrap there (it resumes from that page on). */
  onProgress?: (p: BootstrapProgress) => void;
  signal?: AbortSignal;
}

/**
 * Brings this terminal's copy up to the hub's, page by page, from where it stopped. Returns how many changes it
 * applied. `historyDays` counts from the bootstrap's start; a resumed bootstrap keeps the window it began with.
 * A store in a file is copied on a thread of its own (bootstrap-thread.ts), so the counter's lookups on this one
 * never wait for it; where that thread cannot start, here.
 */
export async function bootstrap(ctx: ServiceContext, link: HubLink, opts: BootstrapOptions = {}): Promise<number> {
  if (!needsBootstrap(ctx.db)) return 0;
  return (await bootstrapOffThread(ctx, link, opts)) ?? copyChain(ctx, link, opts);
}

/** The bootstrap itself, on the calling thread, in slices of `sliceMs` (replica.ts). */
export async function copyChain(
  ctx: ServiceContext,
  link: HubLink,
  opts: Omit<BootstrapOptions, 'onProgress'> & {
    onProgress?: (p: BootstrapProgress) => void | Promise<void>;
    sliceMs?: number;
    /** false: change by change even into an empty store (the reference the bulk path is tested against). */
    bulk?: false;
  },
): Promise<number> {
  const db = ctx.db;
  if (!needsBootstrap(db)) return 0;
  let s: BootState = readState(db) ?? {
    phase: 'customers',
    after: null,
    since: new Date(ctx.now().getTime() - (opts.historyDays ?? DEFAULT_HISTORY_DAYS) * DAY_MS).toISOString(),
    feedCursor: null,
    done: 0,
    total: null,
    bulk: opts.bulk ?? holdsNothingToMerge(db),
  };
  const ask = (at: BootState) => {
    const asked = callHub(
      link.hubUrl,
      'bootstrap',
      { storeId: link.store.id, phase: at.phase, after: at.after, since: at.since, limit: BOOTSTRAP_PAGE },
      { credential: link.credential, signal: opts.signal, timeoutMs: 60_000 },
    );
    // Asked for ahead of time: a failure counts when the page is awaited, not while the one before is applied.
    asked.catch(() => undefined);
    return asked;
  };
  let applied = 0;
  let coming = ask(s);
  for (;;) {
    const page = await coming;
    const feedCursor = s.feedCursor ?? page.feedCursor!;
    const rows = new Set(page.changes.map((c) => c.id)).size;
    let next: BootState | null = {
      ...s,
      after: page.after,
      feedCursor,
      done: s.done + rows,
      total: page.total ?? s.total,
    };
    if (page.after === null)
      next = s.phase === 'customers' ? { ...next, phase: 'facts', after: null, done: 0, total: null } : null;
    // The hub reads the next page while this one is applied (both took about as long: bench:sync's profile).
    if (next) coming = ask(next);
    // The pull cursor is where the feed stood before the bootstrap read anything: the feed goes on from there. Where
    // the bootstrap stands moves with the page's last slice.
    await applyChangesInSlices(
      ctx,
      page.changes,
      feedCursor,
      () => {
        if (next) writeState(db, next);
        else db.prepare("DELETE FROM sync_state WHERE key = 'bootstrap'").run();
      },
      opts.sliceMs,
      s.bulk,
    );
    applied += page.changes.length;
    await opts.onProgress?.({ phase: s.phase, done: s.done + rows, total: page.total ?? s.total });
    if (!next) {
      settleAfterBulkLoad(db); // the chain was just written here: settled before the counter's first write waits on it
      return applied;
    }
    s = next;
  }
}
