import type Database from 'better-sqlite3';
import { REBUILD_NAME_WORDS } from '../../db/migrations/0006-name-words';
import { msOf, uuidV7 } from '../../db/migrations/0011-sync';
import { ADD_NAME_WORDS } from '../../db/name-words';

/**
 * Every seeded row's global id, made from its time as the migrations' backfills make them (0011, 0019), in one
 * statement. A second statement of the same transaction into a sync_ids already filled copied each page it touched
 * into its statement journal first (kept in memory under journal_mode MEMORY): the purchases' ids, written after the
 * customers' and interactions', scattered over their global-id index and raised a 150,000-customer seed's peak from
 * 192 to 239 MB (a million: ~646 MB). Pages made by the statement itself are not journalled. No row has an id yet: the
 * seed loads into an empty store with the insert triggers that give ids dropped.
 */
const BACKFILL_SEEDED_IDS = `
  INSERT INTO sync_ids (entity, row_id, global_id)
    SELECT 'customer', id, ${uuidV7(msOf('created_at'))} FROM customers
    UNION ALL SELECT 'interaction', id, ${uuidV7(msOf('created_at'))} FROM interactions
    UNION ALL SELECT 'purchase', id, ${uuidV7(`max(0, ${msOf('purchased_at')})`)} FROM purchases`;

/**
 * Insert triggers the bulk writer reproduces itself (StoreWriter writes customer stats, customer_days and
 * open_issues; the search index is rebuilt in one pass). A trigger not on this list would be silently skipped by a
 * bulk seed, so meeting one is an error until the writer learns what it does.
 */
const REPRODUCED_TRIGGERS = new Set([
  'customers_fts_insert',
  'customers_words_insert',
  'purchases_stats',
  'interactions_stats',
  'interactions_open',
  'interactions_amend',
  'interaction_resolves_close',
  'sync_customer_id',
  'sync_interaction_id',
  'sync_purchase_id',
]);
/** Insert triggers that only act on rows logged with a suggestion (or amendments of those); the demo writes none. */
const INERT_FOR_DEMO = new Set(['interactions_playbook_use', 'interactions_playbook_amend']);
/** Insert triggers that only act once the store has joined a hub (0011-sync); a seeded store has not. */
const INERT_UNTIL_JOINED = new Set(['sync_customer_created', 'sync_interaction_logged', 'sync_purchase_logged']);
const SEEDED_TABLES = [
  'customers',
  'purchases',
  'purchase_items',
  'interactions',
  'interaction_resolves',
  'customer_days',
  'open_issues',
];

/**
 * Indexes whose keys arrive in random order during a seed. Keeping them up to date row by row means millions of
 * scattered B-tree writes; building them once at the end is a sort. Indexes keyed by customer (the seed writes
 * customer by customer) grow at their right edge and stay.
 */
const REBUILT_INDEXES = [
  'customers_name_key',
  'customers_name_visit',
  'customers_last_key',
  'customers_phone_digits',
  'customers_phone_last4',
  'customers_email',
  'purchases_receipt',
  'interactions_day',
];

/** FTS5's in-memory term buffer: its default, and the size a rebuild uses. */
const DEFAULT_HASH_BYTES = 1024 * 1024;
const REBUILD_HASH_BYTES = 8 * 1024 * 1024;

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string;
}

export interface BulkLoad {
  /** CREATE statements of the indexes dropped from these tables (a side writer builds them in its own file). */
  droppedIndexes(tables: readonly string[]): string[];
  /** Builds the dropped indexes of these tables that are not back yet. Run inside a transaction. */
  rebuildIndexes(tables: readonly string[]): void;
  /** Builds the search index from the customers written. Run inside a transaction. */
  rebuildSearch(): void;
  /**
   * Does whatever of the above is still to do, fills name_words and puts the triggers back. Run inside a
   * transaction. `nameWords` is what the writers counted (countNameWords); without it the words are counted from
   * the customers table.
   */
  finish(nameWords?: ReadonlyMap<string, number>): void;
}

/**
 * Drops the triggers and scattered indexes of the seeded tables. Run inside a transaction. The update and delete
 * triggers (append-only guards) never fire during a seed, but SQLite only copies a table wholesale (the transfer
 * optimisation a parallel seed relies on) into a table without triggers, so they go too and come back at the end.
 */
export function beginBulkLoad(db: Database.Database): BulkLoad {
  const placeholders = SEEDED_TABLES.map(() => '?').join(', ');
  const triggers = db
    .prepare<string[], SchemaObject>(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${placeholders}) ORDER BY rowid`,
    )
    .all(...SEEDED_TABLES);
  const unknown = triggers
    .filter(
      (t) =>
        /\bINSERT\s+ON\b/i.test(t.sql) &&
        !REPRODUCED_TRIGGERS.has(t.name) &&
        !INERT_FOR_DEMO.has(t.name) &&
        !INERT_UNTIL_JOINED.has(t.name),
    )
    .map((t) => t.name);
  if (unknown.length)
    throw new Error(`Bulk seeding does not reproduce trigger(s) ${unknown.join(', ')}; teach StoreWriter first`);
  const indexes = db
    .prepare<string[], SchemaObject>(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND name IN (${REBUILT_INDEXES.map(() => '?').join(', ')}) ORDER BY rowid`,
    )
    .all(...REBUILT_INDEXES);
  for (const t of triggers) db.exec(`DROP TRIGGER ${quote(t.name)}`);
  for (const i of indexes) db.exec(`DROP INDEX ${quote(i.name)}`);
  const exists = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = ?`,
  );
  let searchBuilt = false;

  const load: BulkLoad = {
    droppedIndexes: (tables) => indexes.filter((i) => tables.includes(i.tbl_name)).map((i) => i.sql),
    rebuildIndexes(tables) {
      // A side writer's indexes arrive with its tables (see parallel.ts); only the missing ones are built here.
      const missing = indexes.filter((i) => tables.includes(i.tbl_name) && !exists.get(i.name)!.n);
      buildIndexes(
        db,
        missing.map((i) => i.sql),
      );
    },
    rebuildSearch() {
      // A larger term buffer while rebuilding writes fewer, larger segments and leaves FTS5 less to merge; the
      // default comes back after. A million customers: 2.5 s at 8 MB, 2.7 s at 4 MB, 2.25 s at 32 MB, which would
      // push a seed's peak memory over its 300 MB budget (the buffer fills while the second thread is still at work).
      db.exec(`INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ${REBUILD_HASH_BYTES})`);
      db.exec(`INSERT INTO customer_fts (customer_fts) VALUES ('rebuild')`);
      db.exec(`INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ${DEFAULT_HASH_BYTES})`);
      searchBuilt = true;
    },
    finish(nameWords) {
      load.rebuildIndexes(SEEDED_TABLES);
      if (!searchBuilt) load.rebuildSearch();
      if (nameWords) {
        db.exec('DELETE FROM name_words');
        const add = db.prepare(ADD_NAME_WORDS);
        for (const [word, uses] of nameWords) add.run(word, uses);
      } else {
        db.exec(REBUILD_NAME_WORDS);
      }
      db.exec(BACKFILL_SEEDED_IDS);
      for (const t of triggers) db.exec(t.sql);
    },
  };
  return load;
}

/**
 * Page cache while building indexes. SQLite sorts an index in runs of about the cache's size, and small runs sort
 * within the CPU's caches and still merge cheaply. Measured on a 1M-customer store: the receipt index (4.9M keys)
 * 2.6–2.8 s at 4 MB against 3.8–4.1 s at 32 MB, a customer name index 0.55–0.6 s against 1.2–1.4 s.
 */
const INDEX_BUILD_CACHE_KIB = 4096;

/** Runs these CREATE INDEX statements with the cache sized for sorting, then puts the cache size back. */
export function buildIndexes(db: Database.Database, statements: readonly string[]): void {
  if (statements.length === 0) return;
  const saved = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${INDEX_BUILD_CACHE_KIB}`);
  try {
    for (const sql of statements) db.exec(sql);
  } finally {
    db.pragma(`cache_size = ${saved}`);
  }
}

/**
 * Pragmas for a large one-off load: nothing of it matters until the seed has finished, so skip the fsyncs. With
 * `journal` a batched load also leaves WAL for an in-memory rollback journal: the seed appends pages, and WAL would
 * write each of them twice (log, then checkpoint). A crash in the middle leaves a half-seeded file to delete either way.
 */
export function fastLoadPragmas(db: Database.Database, journal = false): () => void {
  const journalMode = db.pragma('journal_mode', { simple: true }) as string;
  if (journal) db.pragma('journal_mode = MEMORY');
  const saved = {
    synchronous: db.pragma('synchronous', { simple: true }) as number,
    cache_size: db.pragma('cache_size', { simple: true }) as number,
    foreign_keys: db.pragma('foreign_keys', { simple: true }) as number,
    ignore_check_constraints: db.pragma('ignore_check_constraints', { simple: true }) as number,
  };
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -32768');
  // The generator only references rows it has already written and only writes values the CHECKs allow: a test
  // seeds the same store with every constraint and trigger live and compares, and runs foreign_key_check.
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  db.pragma('threads = 2');
  return () => {
    if (journal) db.pragma(`journal_mode = ${journalMode}`);
    db.pragma('threads = 0');
    db.pragma(`synchronous = ${saved.synchronous}`);
    db.pragma(`cache_size = ${saved.cache_size}`);
    db.pragma(`foreign_keys = ${saved.foreign_keys}`);
    db.pragma(`ignore_check_constraints = ${saved.ignore_check_constraints}`);
  };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
