// Reading the change feed: a page after a cursor, in commit order, waiting (long-poll) for the next change when
// there is none. Waiting costs no queries: each hub process LISTENs on one connection and wakes its waiting pulls
// when any hub process's push commits (PostgreSQL delivers NOTIFY at commit, to every listener).
import type { Change, PullResponse } from '@common/sync/changes';
import crypto from 'node:crypto';
import { HubFailure } from './errors';
import pg from 'pg';
import type { Pool } from './pg';
import { FEED_CHANNEL } from './push';

export const DEFAULT_PULL_LIMIT = 500;
/** While the listening connection is down, a waiting pull looks again this often instead. */
export const FALLBACK_POLL_MS = 1_000;

/**
 * The cursor is opaque to terminals: "v2.", the last seq they hold and that change's fingerprint (which entity, its
 * stamp, when the hub committed it). A seq alone cannot tell a restored database from the one the terminal read: after
 * PostgreSQL goes back to a backup, the seqs handed out since are handed out again, to other changes. The fingerprint
 * can: the hub checks the change at that seq is still the one the terminal read, and refuses the cursor (CONFLICT)
 * when it is not. "v1." cursors (seq only, from older hubs) are still read, checked only against the feed's end.
 */
const CURSOR = /^v1\.(\d{1,18})$|^v2\.(\d{1,18})(?:\.([A-Za-z0-9_-]{16}))?$/;

interface FeedPosition {
  seq: string;
  entity_id: string;
  hlc: string;
  committed_at: Date;
}

/** What identifies the change at a position, whatever the database's history: 96 bits of SHA-256. */
const fingerprint = (p: FeedPosition) =>
  crypto
    .createHash('sha256')
    .update(`${p.entity_id}|${p.hlc}|${p.committed_at.toISOString()}`)
    .digest('base64url')
    .slice(0, 16);
export const encodeCursor = (p: FeedPosition | null) => (p === null ? 'v2.0' : `v2.${p.seq}.${fingerprint(p)}`);

interface Cursor {
  seq: number;
  /** null: a v1 cursor, or the start of the feed. */
  fingerprint: string | null;
}

function decodeCursor(cursor: string | null): Cursor {
  if (cursor === null) return { seq: 0, fingerprint: null };
  const m = CURSOR.exec(cursor);
  if (!m)
    throw new HubFailure('VALIDATION', 'cursor: not one this hub gave out; pull again from the beginning (null).');
  return { seq: Number(m[1] ?? m[2]), fingerprint: m[3] ?? null };
}

/** The message of the refusal a terminal takes as "this hub went back to an earlier copy" (main/sync/hub-restore.ts). */
export const NOT_THIS_HISTORY =
  'cursor: this hub does not hold the change this terminal read there (its database was restored to an earlier point?); the terminal sends its changes again and re-reads the chain.';

const POSITION_SQL = 'SELECT seq, entity_id, hlc, committed_at FROM changes WHERE seq = $1';
/** The feed's last change, where a bootstrap starts following the feed (bootstrap.ts). */
export const FEED_END_SQL = 'SELECT seq, entity_id, hlc, committed_at FROM changes ORDER BY seq DESC LIMIT 1';

export async function feedEnd(pool: Pool): Promise<string> {
  const { rows } = await pool.query<FeedPosition>(FEED_END_SQL);
  return encodeCursor(rows[0] ?? null);
}

/** Refuses a cursor whose change this hub does not hold at that seq: another history than the terminal read. */
async function checkCursor(pool: Pool, at: Cursor): Promise<void> {
  if (at.fingerprint === null) return;
  const { rows } = await pool.query<FeedPosition>(POSITION_SQL, [at.seq]);
  if (!rows[0] || fingerprint(rows[0]) !== at.fingerprint) throw new HubFailure('CONFLICT', NOT_THIS_HISTORY);
}

interface ChangeRow {
  seq: string;
  entity: string;
  entity_id: string;
  kind: string;
  hlc: string;
  committed_at: Date;
  body: { fields?: Record<string, unknown>; survivorId?: string; mergeId?: string } | null;
  origin_store_id: string;
  origin_terminal_id: string;
  customer_id: string | null;
  fact_fields: Record<string, unknown> | null;
}

export const READ_FEED_SQL = `SELECT c.seq, c.entity, c.entity_id, c.kind, c.hlc, c.committed_at, c.body, c.origin_store_id, c.origin_terminal_id,
       f.customer_id, f.fields AS fact_fields
  FROM changes c LEFT JOIN facts f ON c.kind = 'append' AND f.id = c.entity_id
 WHERE c.seq > $1
 ORDER BY c.seq
 LIMIT $2`;

function toChange(r: ChangeRow): Change {
  const base = {
    id: r.entity_id,
    hlc: r.hlc,
    origin: { storeId: r.origin_store_id, terminalId: r.origin_terminal_id },
  };
  if (r.kind === 'append')
    return {
      ...base,
      entity: r.entity,
      kind: 'append',
      customerId: r.customer_id,
      fields: r.fact_fields ?? {},
    } as Change;
  if (r.kind === 'erase') return { ...base, entity: 'customer', kind: 'erase' };
  if (r.kind === 'merge' || r.kind === 'unmerge') {
    const link = r.body as { survivorId: string; mergeId: string };
    return { ...base, entity: 'customer', kind: r.kind, survivorId: link.survivorId, mergeId: link.mergeId };
  }
  return {
    ...base,
    entity: 'customer',
    kind: 'upsert',
    fields: (r.body?.fields ?? {}) as Record<string, { value: unknown; hlc: string }>,
  };
}

async function readPage(pool: Pool, after: Cursor, input: string | null, limit: number): Promise<PullResponse> {
  const { rows } = await pool.query<ChangeRow>(READ_FEED_SQL, [after.seq, limit + 1]);
  const page = rows.slice(0, limit);
  if (page.length === 0 && after.seq > 0) {
    const { rows: top } = await pool.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM changes');
    if (Number(top[0]!.seq) < after.seq) throw new HubFailure('CONFLICT', NOT_THIS_HISTORY);
  }
  const last = page.at(-1);
  return {
    changes: page.map(toChange),
    cursor: last ? encodeCursor(last) : (input ?? 'v2.0'),
    more: rows.length > limit,
  };
}

/**
 * Wakes waiting pulls when a push commits anywhere: one LISTEN connection per hub process, re-opened if it drops.
 * A connection of its own, outside the pool, so it never takes a slot from requests nor keeps the pool from ending.
 */
export class FeedSignal {
  private client: pg.Client | null = null;
  private pending: { promise: Promise<void>; wake: () => void } | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly pool: Pool) {}

  /** Starts listening; a failure is retried in the background (pulls fall back to looking every second). */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.pool.options, application_name: 'counterpart-hub-listen' });
    client.on('notification', () => this.wakeAll());
    client.on('error', () => {
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      this.schedule();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${FEED_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.client = client;
      this.wakeAll(); // a change may have committed while no one listened
    } catch {
      void client.end().catch(() => undefined);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.closed) return;
    this.retry ??= setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, FALLBACK_POLL_MS);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Settles at the next commit anywhere (or close). Take it before reading, so a commit in between is not missed. */
  next(): Promise<void> {
    if (!this.pending) {
      let wake!: () => void;
      const promise = new Promise<void>((resolve) => (wake = resolve));
      this.pending = { promise, wake };
    }
    return this.pending.promise;
  }

  private wakeAll(): void {
    const p = this.pending;
    this.pending = null;
    p?.wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.wakeAll();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

const sleep = (ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  return { done: new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), cancel: () => clearTimeout(timer) };
};

/** The changes after `cursor`; when there are none, waits up to `waitMs` for one. */
export async function pullChanges(
  pool: Pool,
  signal: FeedSignal,
  input: { cursor: string | null; limit?: number; waitMs?: number },
): Promise<PullResponse> {
  const after = decodeCursor(input.cursor);
  await checkCursor(pool, after);
  const limit = input.limit ?? DEFAULT_PULL_LIMIT;
  const deadline = Date.now() + (input.waitMs ?? 0);
  for (;;) {
    const woken = signal.next();
    const page = await readPage(pool, after, input.cursor, limit);
    const left = deadline - Date.now();
    if (page.changes.length > 0 || left <= 0 || signal.isClosed) return page;
    const timer = sleep(signal.listening ? left : Math.min(left, FALLBACK_POLL_MS));
    await Promise.race([woken, timer.done]);
    timer.cancel();
  }
}
