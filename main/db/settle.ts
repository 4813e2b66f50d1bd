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
 * Returns the WAL's size afterwards in pages (0 when settled; more when a reader kept part of it in use, which only
 * postpones giving the space back).
 */
export function settleAfterBulkLoad(db: Database.Database): { walPages: number } {
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
