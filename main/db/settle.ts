import fs from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Leaves a store settled after a bulk load (a demo seed, a till import, a terminal's bootstrap from the hub), so the
 * first interaction logged after it is as quick as any other.
 *
 * A bulk load leaves its work where the next durable write pays for it: pages still in the WAL (the next commits and
 * every read look through it, and the file keeps its size), or, for a seed that wrote the file itself with
 * synchronous=OFF, gigabytes in the OS's dirty page cache. The first fsync of a write with synchronous=FULL then
 * waits for the file system to write all of that back (on a freshly seeded million-customer store: an 11 ms write
 * p99 where 4 ms is usual). So: copy the WAL into the file and truncate it, then fsync the file once, here, while
 * nobody is waiting on a write.
 *
 * It also merges each full-text index into one segment. FTS5 writes a segment per transaction and merges them only
 * in steps (automerge), so a load in many short transactions (a bootstrap's 2 ms slices) leaves a dozen or more, and
 * every search reads each trigram's list once per segment: after a 20,000-customer bootstrap a full name plus a
 * surname's start took 4.2 ms where one segment takes 0.9 (bench:sync, "the same lookups after the bootstrap").
 *
 * Returns the WAL's size afterwards in pages (0 when settled; more when a reader kept part of it in use, which only
 * postpones giving the space back).
 */
export function settleAfterBulkLoad(db: Database.Database): { walPages: number } {
  for (const table of fullTextTables(db)) db.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
  return emptyWal(db);
}

/**
 * The WAL half of settling, for a load that wrote a lot but left the search index as it was (one customer with a
 * long history): merging a million customers' index again would cost seconds and gain nothing.
 */
export function emptyWal(db: Database.Database): { walPages: number } {
  // A connection that has just gone back to WAL (a seed runs with an in-memory journal) opens the WAL at its next
  // read; a checkpoint asked before that read is refused with SQLITE_LOCKED.
  db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (!db.memory) {
    const fd = fs.openSync(db.name, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  return { walPages: result && result.log > 0 ? result.log : 0 };
}

/** The store's FTS5 tables (customer_fts, name_word_grams, …), as the schema declares them. */
export function fullTextTables(db: Database.Database): string[] {
  return db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' ORDER BY name",
    )
    .pluck()
    .all();
}
