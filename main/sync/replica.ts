// The terminal's copy of the chain's data, in SQLite: what goes out (the outbox the schema's triggers fill, see
// migration 0011-sync) and what comes in (changes pulled from the hub, applied so search and name words stay right).
//
// Customer fields: the hub decides each field (last writer wins by hybrid logical clock) and every customer change
// it hands out carries its verdict for the fields it touched, so a pulled field is applied as it comes, except a
// field this terminal has changed and not yet pushed: that edit's own verdict follows in a later change. Erasure is
// final here too: a pulled erasure erases, and a change of an erased customer is dropped.
import { customerDraftSchema } from '@common/contract';
import {
  CUSTOMER_FIELDS,
  type Change,
  type CustomerField,
  type CustomerFields,
  type Mutation,
} from '@common/sync/changes';
import { HybridClock } from '@common/sync/hlc';
import type { DB } from '../db/connection';
import { customersRepo, type CustomerRow } from '../db/customers.repo';
import { preparedFor } from '../db/prepared';
import { counterCallsDone } from '../db/write-turns';
import type { ServiceContext } from '../services/context';
import { customerRowOfValid, hasIdentity, toCustomer } from '../services/customers';
import { eraseCustomer } from '../services/privacy';
import { applyRun } from './bulk-apply';
import { stampClerkOutbox } from './clerks-sync';
import { type CustomerUpsert, pulledCustomerRow } from './customer-row';
import { applyInteraction } from './interactions-apply';
import { interactionMutation, queueInteractions } from './interactions-out';
import { applyLink, keepWithheldCard, withoutTakenCard } from './merges';
import { applyPurchase } from './purchases-apply';
import { purchaseMutation, queuePurchases } from './purchases-out';
import { applyPlaybookFact, isPlaybookFact } from './playbook-apply';
import { keepPlaybookStamps, playbookMutation, queuePlaybook } from './playbook-out';

// Prepared once per connection: a page applies thousands of changes, and compiling these for each one cost as much as
// a fifth of a bootstrap (bench:sync's profile).
const statements = preparedFor((db: DB) => ({
  state: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
  setState: db.prepare<[string, string]>(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
  doneApplying: db.prepare("DELETE FROM sync_state WHERE key = 'applying'"),
  globalId: db.prepare<[string, number], { global_id: string }>(
    'SELECT global_id FROM sync_ids WHERE entity = ? AND row_id = ?',
  ),
  localId: db.prepare<[string, string], { row_id: number }>(
    'SELECT row_id FROM sync_ids WHERE entity = ? AND global_id = ?',
  ),
  rememberCustomer: db.prepare<[number, string]>(
    "INSERT INTO sync_ids (entity, row_id, global_id) VALUES ('customer', ?, ?)",
  ),
  unstamped: db.prepare<[], { mutation_id: number; at_ms: number }>(
    'SELECT mutation_id, at_ms FROM sync_outbox WHERE hlc IS NULL ORDER BY mutation_id',
  ),
  pendingFields: db.prepare<[number], { fields: string }>(
    "SELECT fields FROM sync_outbox WHERE entity = 'customer' AND row_id = ? AND kind = 'upsert'",
  ),
}));

const state = (db: DB, key: string): string | null => statements(db).state.get(key)?.value ?? null;
const setState = (db: DB, key: string, value: string) => statements(db).setState.run(key, value);

export const pullCursor = (db: DB) => state(db, 'cursor');

/**
 * Notes this store's id at the hub (from the terminal's link), which only a pulled fact's origin is compared with:
 * a store's switch of a template applies at its own counters only (playbook-apply.ts).
 */
export function rememberStore(db: DB, storeId: string): void {
  if (state(db, 'store') !== storeId) setState(db, 'store', storeId);
}
export const unsyncedCount = (db: DB) =>
  db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_outbox').get()!.n;

/**
 * Turns the outbox on for this terminal (its id at the hub) and queues every customer the store holds, so joining a
 * hub shares what the store had before. Once: a store that joined before keeps its outbox as it is.
 */
export function startOutbox(db: DB, terminalId: string): number {
  return db
    .transaction(() => {
      if (state(db, 'node') !== null) return 0;
      setState(db, 'node', terminalId);
      const all = JSON.stringify(CUSTOMER_FIELDS);
      return (
        db
          .prepare(
            `INSERT INTO sync_outbox (entity, row_id, kind, fields, at_ms)
           SELECT 'customer', id, 'upsert', ?, CAST(unixepoch(created_at, 'subsec') * 1000 AS INTEGER) FROM customers
            WHERE name_key <> '' OR coalesce(phone_digits, '') <> '' OR coalesce(email, '') <> '' OR coalesce(loyalty_id, '') <> ''
            ORDER BY id`,
          )
          .run(all).changes +
        queueInteractions(db) +
        queuePurchases(db) +
        queuePlaybook(db)
      );
    })
    .immediate();
}

const globalId = (db: DB, entity: string, rowId: number) => statements(db).globalId.get(entity, rowId)?.global_id;
const localId = (db: DB, entity: string, gid: string) => statements(db).localId.get(entity, gid)?.row_id;

function clockOf(db: DB, wallClock: () => number = Date.now): HybridClock {
  const node = state(db, 'node');
  if (!node) throw new Error('This store has not joined a hub.');
  return new HybridClock(node, wallClock, state(db, 'hlc'));
}

/** The protocol's value of each field, from the row as it is now. */
function fieldsOf(row: CustomerRow, names: CustomerField[]): CustomerFields {
  const c = toCustomer(row);
  const out: Record<string, unknown> = {};
  for (const f of names) out[f] = c[f];
  return out as CustomerFields;
}

interface OutboxRow {
  mutation_id: number;
  entity: 'customer' | 'interaction' | 'purchase' | 'template';
  row_id: number;
  kind: 'upsert' | 'append' | 'erase';
  fields: string | null;
  at_ms: number;
  hlc: string | null;
}

/**
 * Stamps the outbox rows not stamped yet, each with the clock at the time of its change (the row's at_ms), in order.
 * Runs before anything pulled is taken into the clock: an edit made before this terminal saw another's must not be
 * stamped after it, or it would win against an edit it never saw.
 */
function stampOutbox(db: DB): void {
  if (state(db, 'node') === null) return;
  const rows = statements(db).unstamped.all();
  if (rows.length === 0) return;
  let wall = 0;
  const clock = clockOf(db, () => wall);
  const stamp = db.prepare('UPDATE sync_outbox SET hlc = ? WHERE mutation_id = ?');
  for (const r of rows) {
    wall = r.at_ms;
    stamp.run(clock.tick(), r.mutation_id);
  }
  setState(db, 'hlc', clock.current());
  keepPlaybookStamps(db);
}

/** The next mutations to push, oldest first, with their kept stamps; values are read as they are now. */
export function nextMutations(db: DB, limit: number): Mutation[] {
  return db
    .transaction(() => {
      stampOutbox(db);
      const rows = db.prepare<[number], OutboxRow>('SELECT * FROM sync_outbox ORDER BY mutation_id LIMIT ?').all(limit);
      const repo = customersRepo(db);
      const out: Mutation[] = [];
      for (const r of rows) {
        if (r.entity === 'template') {
          // Playbook rows carry their global id themselves (playbook_sync).
          const m = playbookMutation(db, r.row_id, { mutationId: r.mutation_id, hlc: r.hlc! });
          if (m) out.push(m);
          continue;
        }
        const id = globalId(db, r.entity, r.row_id);
        if (!id) continue;
        const base = { mutationId: r.mutation_id, id, hlc: r.hlc! };
        if (r.entity === 'interaction' || r.entity === 'purchase') {
          const m =
            r.entity === 'interaction'
              ? interactionMutation(db, r.row_id, r.fields, base)
              : purchaseMutation(db, r.row_id, base);
          if (m) out.push(m);
        } else if (r.entity === 'customer' && r.kind === 'erase')
          out.push({ ...base, entity: 'customer', kind: 'erase' });
        else if (r.entity === 'customer') {
          const row = repo.byId.get(r.row_id);
          if (row && hasIdentity(row))
            out.push({
              ...base,
              entity: 'customer',
              kind: 'upsert',
              fields: fieldsOf(row, JSON.parse(r.fields!) as CustomerField[]),
            });
        }
      }
      return out;
    })
    .immediate();
}

/**
 * How long an acknowledged change is kept (migration 0023-sync-sent) to be sent again should the hub's database go
 * back to an earlier copy: longer than the oldest backup a hub would be restored from.
 */
export const SENT_KEPT_DAYS = 35;
const DAY_MS = 86_400_000;

/**
 * The hub holds everything up to `lastMutationId`: those leave the outbox, into the journal of what was sent, and
 * what the journal kept longer than SENT_KEPT_DAYS goes.
 */
export function acknowledge(db: DB, lastMutationId: number, nowMs: number = Date.now()): void {
  db.transaction(() => {
    db.prepare(
      `INSERT OR REPLACE INTO sync_sent (mutation_id, entity, row_id, kind, fields, at_ms, hlc, acked_ms)
       SELECT mutation_id, entity, row_id, kind, fields, at_ms, hlc, ? FROM sync_outbox WHERE mutation_id <= ?`,
    ).run(nowMs, lastMutationId);
    db.prepare('DELETE FROM sync_outbox WHERE mutation_id <= ?').run(lastMutationId);
    db.prepare('DELETE FROM sync_sent WHERE acked_ms < ?').run(nowMs - SENT_KEPT_DAYS * DAY_MS);
  })();
}

/**
 * Puts every change the journal kept back in the outbox, in their order, with the stamps they first went with (new
 * mutation ids: the hub's count of this terminal's may have gone back, or on past them); returns how many.
 */
export function resendKept(db: DB): number {
  const n = db
    .prepare(
      `INSERT INTO sync_outbox (entity, row_id, kind, fields, at_ms, hlc)
       SELECT entity, row_id, kind, fields, at_ms, hlc FROM sync_sent ORDER BY mutation_id`,
    )
    .run().changes;
  db.prepare('DELETE FROM sync_sent').run();
  return n;
}

/** Fields of a customer changed here and not yet pushed: a pulled value does not overwrite them. */
function pendingFields(db: DB, rowId: number): Set<string> {
  const rows = statements(db).pendingFields.all(rowId);
  return new Set(rows.flatMap((r) => JSON.parse(r.fields) as string[]));
}

/** Applies a pulled customer change; returns the local row it wrote, if any. */
function applyCustomer(ctx: ServiceContext, change: CustomerUpsert): number | null {
  const db = ctx.db;
  const repo = customersRepo(db);
  const rowId = localId(db, 'customer', change.id);
  const row = rowId === undefined ? undefined : repo.byId.get(rowId);
  if (row && !hasIdentity(row)) return null; // erased here: nothing comes back
  const { incoming, valid } = pulledCustomerRow(ctx, change, row, row ? pendingFields(db, row.id) : undefined);
  if (!hasIdentity(valid)) return null; // an edit that arrived for a customer whose create this terminal never saw
  const { row: next, withheld } = withoutTakenCard(db, valid, row?.id ?? null);
  let id = row?.id;
  if (row) {
    const { created_at: _kept, ...columns } = next;
    repo.update.run({ ...columns, id: row.id });
  } else {
    id = Number(repo.insert.run(next).lastInsertRowid);
    statements(db).rememberCustomer.run(id, change.id);
  }
  if (!row || 'loyaltyId' in incoming) keepWithheldCard(db, id!, withheld);
  return id!;
}

/** An anonymous record kept under a customer's global id: what an erasure leaves, for one never seen here. */
function anonymousRow(ctx: ServiceContext, gid: string): number {
  const id = Number(
    customersRepo(ctx.db).insert.run(customerRowOfValid(ctx, customerDraftSchema.parse({}), ctx.now().toISOString()))
      .lastInsertRowid,
  );
  statements(ctx.db).rememberCustomer.run(id, gid);
  return id;
}

/**
 * The local row a pulled purchase belongs to: its customer's, erased or not (an erasure keeps the purchases on the
 * anonymous record it leaves), or, for a customer never seen here (erased before this terminal heard of them, in the
 * hub's order), an anonymous record under their id, as a pulled erasure of them would make.
 */
const purchaserRow =
  (ctx: ServiceContext) =>
  (gid: string): number =>
    localId(ctx.db, 'customer', gid) ?? anonymousRow(ctx, gid);

/** Applies a pulled erasure; returns the local row it erased, if this store held the customer. */
function applyErase(ctx: ServiceContext, change: Extract<Change, { kind: 'erase' }>): number | null {
  const db = ctx.db;
  const rowId = localId(db, 'customer', change.id);
  if (rowId === undefined) {
    // Never seen here: keep an anonymous shell under its id, so a late change of it is recognised and dropped.
    anonymousRow(ctx, change.id);
    return null;
  }
  const row = customersRepo(db).byId.get(rowId);
  if (row && hasIdentity(row)) eraseCustomer(ctx, null, rowId, 'erased at another terminal of the chain');
  db.prepare("DELETE FROM sync_outbox WHERE entity = 'customer' AND row_id = ? AND kind = 'upsert'").run(rowId);
  return rowId;
}

/** Told the local customer rows each applied page touched: the running app refreshes the profile on screen. */
export type AppliedListener = (rows: ReadonlySet<number>) => void;
const listeners = new WeakMap<DB, Set<AppliedListener>>();

/** Listens to the pages applied to `db`, whichever loop applies them (the puller, a bootstrap); returns the stop. */
export function onApplied(db: DB, listener: AppliedListener): () => void {
  const set = listeners.get(db) ?? new Set<AppliedListener>();
  listeners.set(db, set.add(listener));
  return () => void set.delete(listener);
}

/** Applies one pulled change in the caller's transaction; the local customer rows it changed go to `touched`. */
function applyOne(ctx: ServiceContext, change: Change, touched: Set<number>): void {
  const touch = (row: number | null | undefined) => row != null && touched.add(row);
  const db = ctx.db;
  if (change.entity === 'interaction') touch(applyInteraction(ctx, change));
  if (change.entity === 'purchase') applyPurchase(ctx, change, purchaserRow(ctx));
  if (isPlaybookFact(change)) applyPlaybookFact(ctx, change, state(db, 'store'));
  if (change.entity !== 'customer') return;
  if (change.kind === 'upsert') touch(applyCustomer(ctx, change));
  else if (change.kind === 'erase') touch(applyErase(ctx, change));
  else {
    applyLink(db, change);
    touch(localId(db, 'customer', change.id));
    touch(localId(db, 'customer', change.survivorId));
  }
}

/**
 * Applies changes[from…] in the caller's transaction, at least one and until `deadline`; answers where it stopped.
 * The local customer rows it changed are added to `touched`. With `bulk` (a bootstrap into a store that held nothing
 * to merge with), the runs of changes that only add rows are written many at a time (bulk-apply.ts).
 */
function applyFrom(
  ctx: ServiceContext,
  changes: Change[],
  from: number,
  deadline: number,
  touched: Set<number>,
  bulk = false,
): number {
  const db = ctx.db;
  setState(db, 'applying', '1');
  stampOutbox(db);
  stampClerkOutbox(db);
  const clock = state(db, 'node') ? clockOf(db) : null;
  const single = (change: Change) => applyOne(ctx, change, touched);
  let at = from;
  while (at < changes.length && (at === from || performance.now() < deadline)) {
    if (bulk) {
      const end = applyRun(ctx, changes, at, deadline - performance.now(), touched, single);
      if (end > at) {
        for (; at < end; at++) clock?.observe(changes[at]!.hlc);
        continue;
      }
    }
    const change = changes[at++]!;
    clock?.observe(change.hlc);
    single(change);
  }
  if (clock) setState(db, 'hlc', clock.current());
  statements(db).doneApplying.run();
  return at;
}

/** Applies one pulled page and moves the cursor past it, in one transaction: a crash applies it again or not at all. */
export function applyChanges(ctx: ServiceContext, changes: Change[], cursor: string): void {
  const touched = new Set<number>();
  ctx.db
    .transaction(() => {
      applyFrom(ctx, changes, 0, Infinity, touched);
      setState(ctx.db, 'cursor', cursor);
    })
    .immediate();
  tell(ctx.db, touched);
}

/** Tells the listeners the rows a committed transaction changed (here, or on the bootstrap's own thread). */
export function tell(db: DB, touched: ReadonlySet<number>): void {
  if (touched.size > 0) for (const listener of listeners.get(db) ?? []) listener(touched);
}

/**
 * Commits without waiting for the disk (synchronous=NORMAL; the store runs FULL): what a slice writes, the hub still
 * holds. In WAL mode a power cut can then lose only the last commits, never one from before a commit that waited
 * (a clerk's write between slices, made with the store's own setting, takes every earlier slice to disk with it), and
 * the cursor goes with them, so those changes are pulled again. Waiting at every slice was a quarter of a
 * bootstrap's time (bench:sync's profile).
 */
function withoutWaitingForDisk<T>(db: DB, write: () => T): T {
  const kept = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${kept}`);
  }
}

/**
 * How long one transaction of a page applied in the background may hold the thread. The counter's lookups run on
 * that thread too (the app's main process): a lookup asked meanwhile waits this long at most.
 */
export const APPLY_SLICE_MS = 2;

/**
 * The same, for a thread of its own (a bootstrap: bootstrap-thread.ts). The counter's lookups do not wait for it
 * (WAL: they read beside it); only a counter's write waits, at most this long, for the write lock. Longer slices
 * commit less often: the commits and their savepoints took 12.8 s of a 20,000-customer bootstrap's profile in 2 ms
 * slices, 3.6 s in 25 ms ones (bench:sync).
 */
export const OFF_THREAD_SLICE_MS = 20;

/**
 * Applies a page as applyChanges does, but in short transactions of at most APPLY_SLICE_MS each, giving the thread
 * back between them. A whole page of 500–1000 changes in one transaction held it for 0.5–1.7 s (bench:sync). The
 * cursor moves, and `last` runs, in the transaction of the page's last slice: a crash before applies the page again
 * from its start, which changes nothing (customers merge by field, facts are kept by global id).
 */
export async function applyChangesInSlices(
  ctx: ServiceContext,
  changes: Change[],
  cursor: string,
  last?: () => void,
  sliceMs = APPLY_SLICE_MS,
  bulk = false,
): Promise<void> {
  let from = 0;
  for (;;) {
    await counterCallsDone(ctx.db);
    const deadline = performance.now() + sliceMs;
    const touched = new Set<number>();
    const slice = ctx.db.transaction(() => {
      const next = applyFrom(ctx, changes, from, deadline, touched, bulk);
      if (next < changes.length) return next;
      setState(ctx.db, 'cursor', cursor);
      last?.();
      return next;
    });
    from = withoutWaitingForDisk(ctx.db, () => slice.immediate());
    tell(ctx.db, touched);
    if (from >= changes.length) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
