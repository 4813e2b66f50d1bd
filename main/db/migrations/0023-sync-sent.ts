import type Database from 'better-sqlite3';

// What this terminal sent and the hub acknowledged, kept for a while instead of forgotten at once.
//
// The hub is the chain's record only as long as its PostgreSQL keeps what it acknowledged. Restored from a backup (or
// to a point in time), it has lost what came after that point, including changes this terminal sent and then took
// out of its outbox. sync_sent keeps the acknowledged outbox rows (which row, which fields, the stamp they went with;
// never the values, as the outbox) for SENT_KEPT_DAYS, so when the terminal finds the hub went back
// (main/sync/hub-restore.ts) it puts them in the outbox again with their own stamps: what the hub still holds changes
// nothing (facts are kept once by global id, a field merges only with a newer stamp), what it lost comes back, and a
// field edited elsewhere since keeps the later edit.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sync_sent (
      mutation_id INTEGER PRIMARY KEY,
      entity TEXT NOT NULL,
      row_id INTEGER NOT NULL,
      kind TEXT NOT NULL,
      fields TEXT,
      at_ms INTEGER NOT NULL,
      hlc TEXT,
      acked_ms INTEGER NOT NULL
    );
    CREATE INDEX sync_sent_acked ON sync_sent (acked_ms);
  `);
}
