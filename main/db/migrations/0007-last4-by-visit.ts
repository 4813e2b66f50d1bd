import type Database from 'better-sqlite3';

// A lookup by the last 4 digits of a phone lists the most recent visitors first. About one customer in ten thousand
// shares any 4 digits, so at a million customers the old index found ~100 rows, read each and sorted them for the
// first 20 (0.27 ms at p50). Keyed by visit too, the index hands over the 20 newest in order (0.10 ms). The
// triggers that bump last_visit_at now move one index entry per visit as well.
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX customers_phone_last4;
    CREATE INDEX customers_phone_last4 ON customers (substr(phone_digits, -4), last_visit_at);
  `);
}
