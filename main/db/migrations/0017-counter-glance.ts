import type Database from 'better-sqlite3';

// What the counter reads at a glance (#17).
//
// Namesakes are listed most recent visitor first (then re-ranked by visits, see main/services/namesakes.ts). At a
// million customers a common surname holds thousands of rows: ordering "last_key, last_visit_at DESC" from an index
// on the surname alone sorts every one of them per key typed. Keyed by visit too, the index hands the rows over in
// that order and a lookup reads only the rows it shows, as 0007 did for the last 4 digits of a phone. The name stays,
// so the seed's bulk load and the query plans keep finding it. customers_name_key stays as it was: a full name is
// shared by far fewer people (SQLite sorts one name's rows at a time, stopping at the limit), and the import's
// "oldest customer of this name" lookup relies on its rowid order.
//
// The home view lists the follow-ups assigned to the signed-in clerk: without an index that reads every open issue.
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX customers_last_key;
    CREATE INDEX customers_last_key ON customers (last_key, last_visit_at DESC);
    CREATE INDEX open_issues_assigned ON open_issues (assigned_clerk_id, due_date) WHERE closed_at IS NULL;
  `);
}
