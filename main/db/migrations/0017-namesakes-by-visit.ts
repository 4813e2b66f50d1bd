import type Database from 'better-sqlite3';

// Namesakes are listed most recent visitor first (then re-ranked by visits, see main/services/namesakes.ts). At a
// million customers a common surname holds thousands of rows: ordering "last_key, last_visit_at DESC" from an index
// on the name alone sorts every one of them per key typed. Keyed by visit too, the indexes hand the rows over in that
// order and a lookup still reads only the rows it shows, as 0007 did for the last 4 digits of a phone. The names of
// the indexes stay, so the seed's bulk load and the query plans keep finding them.
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX customers_name_key;
    CREATE INDEX customers_name_key ON customers (name_key, last_visit_at DESC);
    DROP INDEX customers_last_key;
    CREATE INDEX customers_last_key ON customers (last_key, last_visit_at DESC);
  `);
}
