import type Database from 'better-sqlite3';

// What the counter reads at a glance (#17).
//
// Namesakes are listed most recent visitor first (then re-ranked by visits, see main/services/namesakes.ts). At a
// million customers a common surname holds thousands of rows: ordering "last_key, last_visit_at DESC" from an index
// on the name alone sorts every one of them per key typed. Keyed by visit too, the indexes hand the rows over in that
// order and a lookup still reads only the rows it shows, as 0007 did for the last 4 digits of a phone. The names of
// the indexes stay, so the seed's bulk load and the query plans keep finding them.
//
// The home view lists the follow-ups assigned to the signed-in clerk: without an index that reads every open issue.
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX customers_name_key;
    CREATE INDEX customers_name_key ON customers (name_key, last_visit_at DESC);
    DROP INDEX customers_last_key;
    CREATE INDEX customers_last_key ON customers (last_key, last_visit_at DESC);
    CREATE INDEX open_issues_assigned ON open_issues (assigned_clerk_id, due_date) WHERE closed_at IS NULL;
  `);
}
