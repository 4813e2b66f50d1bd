// A new terminal's bootstrap into a store that held nothing to merge with (bootstrap.ts, holdsNothingToMerge): the
// changes that only add rows are written a run at a time, many rows per statement, instead of one change at a time
// with a lookup, a savepoint and a statement per row and table. The end state is the one the change-by-change path
// (replica.ts, applyFrom) leaves: the same rows under the same local ids, written by the same row builders
// (pulledCustomerRow, interactionRow, purchaseRow), with the schema's own triggers keeping what derives from them
// (the playbook's counts, the search index), except the name words, counted here, and the customers' visit stats and
// the open issues, which a run adds once for all its rows (db/visit-stats.ts).
// tests/integration/chain/bootstrap-bulk.test.ts bootstraps one hub's content both ways and compares the stores.
//
// A run takes the changes in their order, from the first that cannot go in bulk on, change by change:
// - a customer's creation (an upsert of a global id not known here); the name words of the run are counted here and
//   added once (as an import does), and the rows enter the search index through one statement, which FTS5 flushes
//   once instead of per row;
// - an entry (interaction) not known here, for a customer known here and not erased (or for none), that corrects no
//   entry and settles no issue;
// - a purchase not known here, for a customer known here.
// Everything else (an erasure, a merge, an amendment, an entry for an erased customer, a row known already because a
// crashed page is applied again, the playbook) is applied change by change, in its place. A run whose statements
// break a constraint (a value this schema refuses) is rolled back and applied change by change, which counts the
// refused fact as that path does.
import type { Change } from '@common/sync/changes';
import { BatchInsert } from '../db/batch-insert';
import type { DB } from '../db/connection';
import { NEW_CUSTOMER_COLUMNS } from '../db/customers.repo';
import { addNameWordsFrom, countNameWords } from '../db/name-words';
import { preparedFor } from '../db/prepared';
import { withVisitStatsHeld } from '../db/visit-stats';
import type { ServiceContext } from '../services/context';
import { hasIdentity } from '../services/customers';
import { type CustomerUpsert, pulledCustomerRow } from './customer-row';
import {
  clerksOfRun,
  customerFor,
  INTERACTION_COLUMNS,
  type InteractionChange,
  factOrigin,
  interactionRow,
} from './interactions-apply';
import { withoutTakenCard } from './merges';
import { countPulledUse } from './playbook-uses';
import { LINE_COLUMNS, PURCHASE_COLUMNS, type PurchaseChange, purchaseLines, purchaseRow } from './purchases-apply';

const CUSTOMER_COLUMNS = NEW_CUSTOMER_COLUMNS;
const ORIGIN_COLUMNS = ['store_id', 'store_name', 'terminal_id', 'terminal_name'];

/**
 * Private to the connection, emptied after every run: new customers and their name words enter their tables (and the
 * search indexes the triggers keep) in one statement each, which FTS5 flushes once.
 */
const STAGE = 'sync_bulk_customers';
const WORDS = 'sync_bulk_words';
const STAGE_TABLES = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (id INTEGER PRIMARY KEY, ${CUSTOMER_COLUMNS.join(', ')}, global_id);
  CREATE TEMP TABLE IF NOT EXISTS ${WORDS} (word, uses)`;

/** About 500 values a statement, as the import's staging (SQLite binds up to 32,766). */
const rowsFor = (columns: number) => Math.max(1, Math.floor(500 / columns));
const batch = (db: DB, table: string, columns: readonly string[]) =>
  new BatchInsert(db, table, columns, rowsFor(columns.length));

const statements = preparedFor((db: DB) => {
  db.exec(STAGE_TABLES);
  return {
    known: db.prepare<[string, string], { row_id: number }>(
      'SELECT row_id FROM sync_ids WHERE entity = ? AND global_id = ?',
    ),
    // The ids SQLite would give the rows one insert at a time (the largest plus one), so both paths number alike.
    nextCustomer: db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM customers').pluck(),
    nextInteraction: db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM interactions').pluck(),
    nextPurchase: db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM purchases').pluck(),
    stage: batch(db, `temp.${STAGE}`, ['id', ...CUSTOMER_COLUMNS, 'global_id']),
    unstage: db.prepare(
      `INSERT INTO customers (id, ${CUSTOMER_COLUMNS.join(', ')}) SELECT id, ${CUSTOMER_COLUMNS.join(', ')} FROM temp.${STAGE} ORDER BY id`,
    ),
    stagedIds: db.prepare(
      `INSERT INTO sync_ids (entity, row_id, global_id) SELECT 'customer', id, global_id FROM temp.${STAGE} ORDER BY id`,
    ),
    clearStage: db.prepare(`DELETE FROM temp.${STAGE}`),
    // Held and released in the run's own transaction: no other write ever sees the trigger held (as an import).
    holdNameWords: db.prepare("INSERT OR IGNORE INTO bulk_loads (name) VALUES ('name_words')"),
    words: batch(db, `temp.${WORDS}`, ['word', 'uses']),
    addNameWords: db.prepare(addNameWordsFrom(`temp.${WORDS}`)),
    clearWords: db.prepare(`DELETE FROM temp.${WORDS}`),
    releaseNameWords: db.prepare("DELETE FROM bulk_loads WHERE name = 'name_words'"),
    forgetCards: db.prepare<[number, number]>('DELETE FROM sync_withheld_cards WHERE row_id BETWEEN ? AND ?'),
    withholdCard: db.prepare<[number, string]>(
      'INSERT OR REPLACE INTO sync_withheld_cards (row_id, loyalty_id) VALUES (?, ?)',
    ),
    interactions: batch(db, 'interactions', ['id', ...INTERACTION_COLUMNS]),
    interactionOrigins: batch(db, 'interaction_origins', ['interaction_id', ...ORIGIN_COLUMNS]),
    purchases: batch(db, 'purchases', ['id', ...PURCHASE_COLUMNS]),
    purchaseOrigins: batch(db, 'purchase_origins', ['purchase_id', ...ORIGIN_COLUMNS]),
    lines: batch(db, 'purchase_items', LINE_COLUMNS),
    ids: batch(db, 'sync_ids', ['entity', 'row_id', 'global_id']),
  };
});
type Statements = ReturnType<typeof statements>;

/** Rows of one table, as BatchInsert takes them, written in order once the run is complete. */
type Rows = unknown[][];
function writeRows(into: BatchInsert, rows: Rows): void {
  for (const r of rows) {
    into.values.push(...r);
    into.rowAdded();
  }
  into.flush();
}

interface Run {
  /** Where the run ends (the first change not in it). */
  end: number;
  /** Local customers whose rows it changes: the running app refreshes them (replica.ts, onApplied). */
  touched: number[];
  /** Writes the rows the run was read into. */
  write(): void;
}

function customerRun(ctx: ServiceContext, s: Statements, changes: Change[], from: number, limit: number): Run {
  const db = ctx.db;
  db.exec(STAGE_TABLES); // again after a rollback that took it away: its statements recompile on their own
  const first = s.nextCustomer.get()!;
  let next = first;
  const rows: Rows = [];
  const words = new Map<string, number>();
  const cards = new Set<string>();
  const seen = new Set<string>();
  const withheld: [number, string][] = [];
  let at = from;
  for (; at < changes.length && at - from < limit; at++) {
    const c = changes[at]!;
    if (c.entity !== 'customer' || c.kind !== 'upsert' || seen.has(c.id) || s.known.get('customer', c.id)) break;
    seen.add(c.id);
    const { valid } = pulledCustomerRow(ctx, c as CustomerUpsert);
    if (!hasIdentity(valid)) continue; // an edit of a customer whose creation never came: nothing to write
    // A card another customer holds, here or earlier in this run, is set aside (merges.ts, withoutTakenCard).
    const taken = valid.loyalty_id !== null && cards.has(valid.loyalty_id);
    const { row, withheld: card } = taken
      ? { row: { ...valid, loyalty_id: null }, withheld: valid.loyalty_id }
      : withoutTakenCard(db, valid, null);
    if (row.loyalty_id) cards.add(row.loyalty_id);
    const id = next++;
    if (card) withheld.push([id, card]);
    countNameWords(row.name_key, words);
    rows.push([id, ...CUSTOMER_COLUMNS.map((k) => row[k]), c.id]);
  }
  const write = () => {
    if (rows.length === 0) return;
    writeRows(s.stage, rows);
    s.holdNameWords.run();
    s.unstage.run();
    writeRows(s.words, [...words]);
    s.addNameWords.run();
    s.clearWords.run();
    s.releaseNameWords.run();
    s.stagedIds.run();
    s.clearStage.run();
    s.forgetCards.run(first, next - 1);
    for (const [id, card] of withheld) s.withholdCard.run(id, card);
  };
  return { end: at, touched: rows.map((r) => r[0] as number), write };
}

function factRun(ctx: ServiceContext, s: Statements, changes: Change[], from: number, limit: number): Run {
  const db = ctx.db;
  const clerk = clerksOfRun(ctx);
  const firstInteraction = s.nextInteraction.get()!;
  const firstPurchase = s.nextPurchase.get()!;
  let nextInteraction = firstInteraction;
  let nextPurchase = firstPurchase;
  const interactions: Rows = [];
  const interactionOrigins: Rows = [];
  const uses: [number, InteractionChange][] = [];
  const purchases: Rows = [];
  const purchaseOrigins: Rows = [];
  const lines: Rows = [];
  const ids: Rows = [];
  const touched: number[] = [];
  const seen = new Set<string>();
  let at = from;
  for (; at < changes.length && at - from < limit; at++) {
    const c = changes[at]!;
    if (c.kind !== 'append' || seen.has(c.id)) break;
    if (c.entity === 'interaction') {
      const f = c.fields;
      if (s.known.get('interaction', c.id) || typeof f.amendsId === 'string') break;
      if (Array.isArray(f.resolves) && f.resolves.length > 0) break;
      const customer = customerFor(db, c.customerId);
      if (customer.erased) break;
      const id = nextInteraction++;
      const row = interactionRow(ctx, c, customer, null, clerk);
      interactions.push([id, ...INTERACTION_COLUMNS.map((k) => row[k])]);
      interactionOrigins.push([id, ...factOrigin(c)]);
      ids.push(['interaction', id, c.id]);
      if (row.suggestion_template_id != null) uses.push([id, c]);
      if (customer.id !== null) touched.push(customer.id);
    } else if (c.entity === 'purchase') {
      if (c.customerId === null || s.known.get('purchase', c.id)) break;
      const customer = s.known.get('customer', c.customerId)?.row_id;
      if (customer === undefined) break; // a customer never seen here: the single path keeps an anonymous record
      const id = nextPurchase++;
      const row = purchaseRow(c as PurchaseChange, customer);
      purchases.push([id, ...PURCHASE_COLUMNS.map((k) => row[k])]);
      purchaseOrigins.push([id, ...factOrigin(c)]);
      for (const line of purchaseLines(c as PurchaseChange))
        lines.push(LINE_COLUMNS.map((k) => (k === 'purchase_id' ? id : line[k])));
      ids.push(['purchase', id, c.id]);
    } else break;
    seen.add(c.id);
  }
  // The customers' visit stats and the open issues are added once for the run, not by the triggers row by row.
  const write = () =>
    withVisitStatsHeld(db, () => {
      writeRows(s.interactions, interactions);
      writeRows(s.interactionOrigins, interactionOrigins);
      // The schema's trigger counted each use for this store; it moves to its own cell as a single entry's does.
      for (const [id, c] of uses) countPulledUse(db, id, ctx.config.storeId, c.origin.storeId, c.fields.useStyle);
      writeRows(s.purchases, purchases);
      writeRows(s.purchaseOrigins, purchaseOrigins);
      writeRows(s.lines, lines);
      writeRows(s.ids, ids);
      return { interactions: [firstInteraction, nextInteraction - 1], purchases: [firstPurchase, nextPurchase - 1] };
    });
  return { end: at, touched, write };
}

/** Whether a change can begin a run, and which kind. */
function runOf(c: Change): typeof customerRun | null {
  if (c.entity === 'customer') return c.kind === 'upsert' ? customerRun : null;
  return c.kind === 'append' && (c.entity === 'interaction' || c.entity === 'purchase') ? factRun : null;
}

/** What a change written in bulk has cost lately, per connection: the next run is sized to the time left. */
const perChangeMs = new WeakMap<DB, number>();
const FIRST_GUESS_MS = 0.05;
const MIN_RUN = 16;
const MAX_RUN = 1000;

const inSavepoint = preparedFor((db: DB) =>
  db.transaction((run: () => Run): Run => {
    return run();
  }),
);

/**
 * Writes the run of changes from `from` on, inside the caller's transaction, sized to about `msLeft`; returns where
 * it ended (`from` when changes[from] cannot go in bulk). `single` applies one change the change-by-change way: the
 * run's changes go through it when the run broke a constraint and was rolled back. The local customers it changed are
 * added to `touched`.
 */
export function applyRun(
  ctx: ServiceContext,
  changes: Change[],
  from: number,
  msLeft: number,
  touched: Set<number>,
  single: (change: Change) => void,
): number {
  const kind = runOf(changes[from]!);
  if (!kind) return from;
  const db = ctx.db;
  const s = statements(db);
  const per = perChangeMs.get(db) ?? FIRST_GUESS_MS;
  const limit = Math.max(MIN_RUN, Math.min(MAX_RUN, Math.floor(msLeft / per)));
  const t0 = performance.now();
  let tried = from;
  try {
    const run = inSavepoint(db)(() => {
      const r = kind(ctx, s, changes, from, limit);
      tried = r.end;
      r.write();
      return r;
    });
    for (const row of run.touched) touched.add(row);
    if (run.end > from) perChangeMs.set(db, (performance.now() - t0) / (run.end - from));
    return run.end;
  } catch (err) {
    if (!String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT') || tried === from) throw err;
    for (let at = from; at < tried; at++) single(changes[at]!);
    return tried;
  }
}
