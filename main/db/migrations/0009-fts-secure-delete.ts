import type Database from 'better-sqlite3';

// The search index forgets a deleted name for real. By default FTS5 records a delete as a marker and keeps the
// trigrams of the old name in its pages until segments happen to be merged: after an erasure, most of the name's
// trigrams were still in the file. With secure-delete (a persistent option of the index, FTS5 of SQLite
// 3.42 or later) a delete removes the entries from the pages. A store that erased customers before this version
// still holds their trigrams under markers; one 'optimize' merges the index and drops them.
export function up(db: Database.Database): void {
  db.exec("INSERT INTO customer_fts (customer_fts, rank) VALUES ('secure-delete', 1)");
  const erasedBefore = db
    .prepare("SELECT 1 FROM audit_log WHERE event = 'erase' AND subject LIKE 'customer:%' LIMIT 1")
    .get();
  if (erasedBefore) db.exec("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')");
}
