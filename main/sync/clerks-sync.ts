// Clerk accounts shared by the counters of one store (common/sync/clerks.ts): this counter's changes go to the hub
// (clerk_outbox, filled by the triggers of migration 0020-clerk-sync), the store's accounts come back and are
// applied here, field by field, unless a field was changed here and is not at the hub yet (its own verdict follows).
//
// A clerk made at another counter becomes a clerk of this store here (active, the same PIN hash, so they sign in
// with the PIN they chose there). One that this store knew only from their entries (a stand-in, 0015) is the same
// global id: the stand-in becomes the account. Accounts are never matched by name (two counters' first admins stay
// two accounts).
import {
  CLERK_FIELDS,
  clerkFieldsSchema,
  REVIEW_SCOPES,
  type ClerkChange,
  type ClerkField,
  type HubClerk,
} from '@common/sync/clerks';
import { HybridClock } from '@common/sync/hlc';
import { uuidv7 } from '@common/sync/ids';
import type { DB } from '../db/connection';
import { CLERK_COLUMNS } from '../db/migrations/0020-clerk-sync';
import { preparedFor } from '../db/prepared';
import type { ServiceContext } from '../services/context';
import { callHub } from './hub-client';
import type { HubLink } from './hub-link';

const COLUMN: Record<ClerkField, string> = Object.fromEntries(CLERK_COLUMNS) as Record<ClerkField, string>;

interface ClerkRow {
  id: number;
  display_name: string;
  role: string;
  active: number;
  pin_hash: string | null;
  review_scope: string;
}

const statements = preparedFor((db: DB) => ({
  state: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
  setState: db.prepare<[string, string]>(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
  dropState: db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?'),
  /** This store's clerks without a global id yet: every clerk that is not a stand-in of another counter's. */
  unnamed: db
    .prepare<[], number>('SELECT id FROM clerks WHERE id NOT IN (SELECT clerk_id FROM sync_clerks) ORDER BY id')
    .pluck(),
  queueOurs: db.prepare<[string]>(
    `INSERT INTO clerk_outbox (clerk_id, fields, at_ms)
     SELECT clerk_id, ?, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM sync_clerks WHERE stand_in = 0 ORDER BY clerk_id`,
  ),
  unstamped: db.prepare<[], { id: number; at_ms: number }>(
    'SELECT id, at_ms FROM clerk_outbox WHERE hlc IS NULL ORDER BY id',
  ),
  stamp: db.prepare<[string, number]>('UPDATE clerk_outbox SET hlc = ? WHERE id = ?'),
  outbox: db.prepare<[number], { id: number; clerk_id: number; fields: string; hlc: string; global_id: string }>(
    `SELECT o.id, o.clerk_id, o.fields, o.hlc, s.global_id FROM clerk_outbox o JOIN sync_clerks s ON s.clerk_id = o.clerk_id
      ORDER BY o.id LIMIT ?`,
  ),
  count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM clerk_outbox'),
  acknowledge: db.prepare<[number]>('DELETE FROM clerk_outbox WHERE id <= ?'),
  pending: db.prepare<[number], { fields: string }>('SELECT fields FROM clerk_outbox WHERE clerk_id = ?'),
  row: db.prepare<[number], ClerkRow>(
    'SELECT id, display_name, role, active, pin_hash, review_scope FROM clerks WHERE id = ?',
  ),
  known: db.prepare<[string], { clerk_id: number; stand_in: number }>(
    'SELECT clerk_id, stand_in FROM sync_clerks WHERE global_id = ?',
  ),
  insert: db.prepare<{
    display_name: string;
    role: string;
    active: number;
    pin_hash: string | null;
    review_scope: string;
    created_at: string;
  }>(
    `INSERT INTO clerks (display_name, role, active, pin_hash, review_scope, created_at)
     VALUES (@display_name, @role, @active, @pin_hash, @review_scope, @created_at)`,
  ),
  remember: db.prepare<[string, number]>('INSERT INTO sync_clerks (global_id, clerk_id, stand_in) VALUES (?, ?, 0)'),
  adopt: db.prepare<[number]>('UPDATE sync_clerks SET stand_in = 0 WHERE clerk_id = ?'),
  /** A PIN set at another counter lifts this counter's own count and lockout, as a reset here does. */
  clearLock: db.prepare<[number]>('UPDATE clerks SET failed_pins = 0, lockouts = 0, locked_until = NULL WHERE id = ?'),
}));

const stateOf = (db: DB, key: string) => statements(db).state.get(key)?.value ?? null;

/** The hub's id and name of this store, kept when it joins: how the review tells this store's entries from others'. */
export function hubStoreOf(db: DB): { id: string; name: string } | null {
  const v = stateOf(db, 'hubStore');
  return v === null ? null : (JSON.parse(v) as { id: string; name: string });
}

/**
 * Once per store that joined a hub: records the hub's store, gives each of this store's clerks a global id and
 * queues all their fields. Clerks made after this get theirs by trigger (0020-clerk-sync).
 */
export function startClerkSync(db: DB, store: { id: string; name: string }): void {
  const s = statements(db);
  db.transaction(() => {
    if (stateOf(db, 'hubStore') === null)
      s.setState.run('hubStore', JSON.stringify({ id: store.id, name: store.name }));
    if (stateOf(db, 'clerks') !== null) return;
    nameOurs(db);
    s.queueOurs.run(JSON.stringify(CLERK_FIELDS));
    s.setState.run('clerks', 'started');
  }).immediate();
}

/**
 * Gives this store's clerks without one a global id. One id each, made here: the SQL form of a UUID v7 in an
 * INSERT … SELECT over all clerks is a subquery that names no column of the row, which SQLite runs once, so a store
 * with two clerks got one id twice and could not join at all.
 */
function nameOurs(db: DB): void {
  const s = statements(db);
  for (const clerkId of s.unnamed.all()) s.remember.run(uuidv7(), clerkId);
}

/**
 * Queues every account of this store's again, all fields (after the hub went back to an earlier copy and may have
 * lost some: hub-restore.ts); returns how many. Pending here, they keep their values until the hub's verdict.
 */
export function resendClerks(db: DB): number {
  if (stateOf(db, 'clerks') === null) return 0;
  const s = statements(db);
  nameOurs(db);
  return s.queueOurs.run(JSON.stringify(CLERK_FIELDS)).changes;
}

export const clerkOutboxCount = (db: DB): number => statements(db).count.get()!.n;

/**
 * Stamps the clerk changes not stamped yet with the clock at the time each was made, before anything pulled moves
 * the clock (as replica.ts does for customers): an edit never wins over one it had not seen.
 */
export function stampClerkOutbox(db: DB): void {
  const node = stateOf(db, 'node');
  if (node === null) return;
  const s = statements(db);
  const rows = s.unstamped.all();
  if (rows.length === 0) return;
  let wall = 0;
  const clock = new HybridClock(node, () => wall, stateOf(db, 'hlc'));
  for (const r of rows) {
    wall = r.at_ms;
    s.stamp.run(clock.tick(), r.id);
  }
  s.setState.run('hlc', clock.current());
}

/** The queued changes as the hub takes them, values read as they are now; `last` is the last outbox row read. */
function outgoing(db: DB, limit: number): { changes: ClerkChange[]; last: number } {
  return db
    .transaction(() => {
      stampClerkOutbox(db);
      const s = statements(db);
      const rows = s.outbox.all(limit);
      const changes: ClerkChange[] = [];
      for (const r of rows) {
        const row = s.row.get(r.clerk_id)!;
        const fields: Record<string, unknown> = {};
        for (const f of JSON.parse(r.fields) as ClerkField[]) {
          const v = row[COLUMN[f] as keyof ClerkRow];
          fields[f] = f === 'active' ? v === 1 : v;
        }
        changes.push({ id: r.global_id, hlc: r.hlc, fields });
      }
      return { changes, last: rows.at(-1)?.id ?? 0 };
    })
    .immediate();
}

/** The hub's value of each field, where it is one this counter can hold. */
function valuesOf(clerk: HubClerk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, { value }] of Object.entries(clerk.fields)) {
    if (field === 'reviewScope') {
      if ((REVIEW_SCOPES as readonly unknown[]).includes(value)) out.reviewScope = value;
      continue;
    }
    const one = clerkFieldsSchema.safeParse({ [field]: value });
    if (one.success && field in one.data) out[field] = (one.data as Record<string, unknown>)[field];
  }
  return out;
}

/**
 * The store's accounts as the hub holds them, applied here; what waits in this counter's outbox is left as it is.
 * `tag` is where they stand (the hub's clerksTag), kept with them so a pull answer tells when they moved on.
 */
export function applyHubClerks(ctx: ServiceContext, clerks: HubClerk[], acknowledged = 0, tag?: string): void {
  const db = ctx.db;
  const s = statements(db);
  db.transaction(() => {
    s.setState.run('applying', '1');
    if (tag === undefined) s.dropState.run('clerksTag');
    else s.setState.run('clerksTag', tag);
    if (acknowledged > 0) s.acknowledge.run(acknowledged);
    for (const clerk of clerks) {
      const v = valuesOf(clerk);
      const known = s.known.get(clerk.id);
      if (!known) {
        if (typeof v.displayName !== 'string') continue; // an account the hub knows only part of
        const id = Number(
          s.insert.run({
            display_name: v.displayName,
            role: (v.role as string) ?? 'clerk',
            active: v.active === false ? 0 : 1,
            pin_hash: (v.pinHash as string | null) ?? null,
            review_scope: (v.reviewScope as string) ?? 'store',
            created_at: ctx.now().toISOString(),
          }).lastInsertRowid,
        );
        s.remember.run(clerk.id, id);
        continue;
      }
      const pending = new Set(s.pending.all(known.clerk_id).flatMap((r) => JSON.parse(r.fields) as string[]));
      const row = s.row.get(known.clerk_id)!;
      const sets: string[] = [];
      const params: Record<string, unknown> = { id: known.clerk_id };
      for (const f of [...CLERK_FIELDS, 'reviewScope'] as const) {
        if (!(f in v) || pending.has(f)) continue;
        const column = f === 'reviewScope' ? 'review_scope' : COLUMN[f];
        params[column] = f === 'active' ? (v[f] ? 1 : 0) : v[f];
        sets.push(`${column} = @${column}`);
      }
      if (known.stand_in === 1) s.adopt.run(known.clerk_id);
      if (sets.length > 0) db.prepare(`UPDATE clerks SET ${sets.join(', ')} WHERE id = @id`).run(params);
      if ('pin_hash' in params && params.pin_hash !== row.pin_hash) s.clearLock.run(known.clerk_id);
    }
    s.dropState.run('applying');
  }).immediate();
}

/**
 * Whether a pull answer says the store's accounts moved on since this counter last took them: its tag differs from
 * the one kept, or there is none to compare (a hub that predates the tag, so the counter asks each round as before).
 */
export function clerksMoved(db: DB, tag: string | undefined): boolean {
  return tag === undefined || tag !== stateOf(db, 'clerksTag');
}

export const CLERK_BATCH = 200;

/** Sends this counter's clerk changes and takes the store's accounts back; until nothing is left to send. */
export async function exchangeClerks(
  ctx: ServiceContext,
  link: HubLink,
  opts: { signal?: AbortSignal } = {},
): Promise<{ sent: number; accounts: number }> {
  startClerkSync(ctx.db, link.store);
  let sent = 0;
  for (;;) {
    const { changes, last } = outgoing(ctx.db, CLERK_BATCH);
    const answer = await callHub(
      link.hubUrl,
      'clerks',
      { storeId: link.store.id, changes },
      { credential: link.credential, signal: opts.signal },
    );
    applyHubClerks(ctx, answer.clerks, last, answer.clerksTag);
    sent += changes.length;
    if (changes.length < CLERK_BATCH) return { sent, accounts: answer.clerks.length };
  }
}
