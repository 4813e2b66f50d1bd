import type Database from 'better-sqlite3';

// Namesakes of a full name, most recent visitor first, straight from an index (#17), as 0017 did for surnames.
//
// A lookup by the start of a name ("rah", "mary obrien") lists names in order and each name's namesakes most
// recent visitor first. From the index on the name alone SQLite sorts every namesake of each name it lists: at a
// million customers a first name and surname are shared by 200–400 people, so a lookup read and sorted hundreds of
// rows scattered over the file to show 20 (bench, 1M, name prefix: p50 1.2 ms, p99 13–17 ms where the pages were
// not cached). Keyed by visit too, the index hands over the 20 it shows and nothing else.
//
// A new index, not customers_name_key re-keyed: the import's "oldest customer of this name" lookup reads the first
// namesake in rowid order from that one (main/services/import/customer-rows.ts, nameOnly), and the duplicate check
// on quick-create reads names in name order only. Each visit moves this index's entry too, as it moves the surname's.
export function up(db: Database.Database): void {
  db.exec('CREATE INDEX customers_name_visit ON customers (name_key, last_visit_at DESC)');
}
