// After an erasure the person must be gone from the store's files, not only from its tables. Every connection runs
// with secure_delete (db/connection.ts), so what a delete or an update frees is overwritten with zeros, and the search
// index deletes for real (migration 0008). Two places still keep old bytes, and this module clears them:
//
// - The write-ahead log. Pages written before the erasure stay in it until a checkpoint has copied the log into the
//   file and truncated it. The checkpoint cannot finish while another connection reads an older snapshot (an import,
//   a backup, a command-line report), and it must not make the erasure wait for that reader: it is tried at once and,
//   if a reader is in the way, again by a scheduled job every 15 minutes until it succeeds.
// - Free space inside pages. When SQLite rebalances a b-tree it moves rows between pages and can leave stray copies
//   of them in the unused part of a page; secure_delete zeroes the row a delete removes, not those copies (a test
//   found an erased customer's name words that way). Only rewriting the file (VACUUM) clears them. That takes about
//   9 s for a store of 100,000 customers (300 MB) and blocks writes meanwhile, so it is not done in the middle of the
//   counter's day: an erasure marks the file, and the file is compacted when the app closes, or at the next start if
//   it did not close cleanly. The command line compacts at once when it erases.
import type { DB } from '../db/connection';

/** settings rows: when the compaction, or the WAL truncation, was asked for (ISO instant). */
const COMPACTION_PENDING = 'erasure.compaction_pending_since';
const WAL_PENDING = 'erasure.wal_pending_since';

const flag = (db: DB, key: string) =>
  db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key) !== undefined;
const raise = (db: DB, key: string, at: string) =>
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, at);
const lower = (db: DB, key: string) => db.prepare('DELETE FROM settings WHERE key = ?').run(key);

/**
 * Copies the WAL into the file and truncates it to nothing, without waiting for readers. True when the WAL is now
 * empty; false while another connection still reads an older snapshot.
 */
export function emptyWal(db: DB): boolean {
  // Inside a caller's transaction (the sync applier erases within the page it applies) no checkpoint can run: the
  // scheduled retry empties the WAL once that transaction has committed.
  if (db.inTransaction) return false;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    return r !== undefined && r.busy === 0 && r.log <= 0;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Inside the erasing transaction: the file is to be compacted when the app closes. */
export function requestCompaction(db: DB, at: string): void {
  raise(db, COMPACTION_PENDING, at);
}

/** After an erasing transaction: empties the WAL now, or leaves it to the scheduled retry. Returns whether it is pending. */
export function settleWal(db: DB, at: string): boolean {
  if (emptyWal(db)) return false;
  raise(db, WAL_PENDING, at);
  return true;
}

/** The scheduled retry. null: nothing was pending; otherwise whether the WAL is still pending. */
export function retryWal(db: DB): boolean | null {
  if (!flag(db, WAL_PENDING)) return null;
  if (!emptyWal(db)) return true;
  lower(db, WAL_PENDING);
  emptyWal(db); // the flag's removal is all the log holds now; best effort
  return false;
}

export interface ScrubState {
  walPending: boolean;
  compactionPending: boolean;
}

export const scrubState = (db: DB): ScrubState => ({
  walPending: flag(db, WAL_PENDING),
  compactionPending: flag(db, COMPACTION_PENDING),
});

/**
 * Rewrites the file (VACUUM) if an erasure asked for it, then empties the WAL. Returns how long it took, or null
 * when nothing was pending. Needs no open transaction on this connection; other connections' writes wait meanwhile.
 */
export function compactIfPending(db: DB): number | null {
  if (!flag(db, COMPACTION_PENDING)) return null;
  const started = Date.now();
  db.exec('VACUUM');
  lower(db, COMPACTION_PENDING);
  lower(db, WAL_PENDING);
  settleWal(db, new Date().toISOString());
  return Date.now() - started;
}
