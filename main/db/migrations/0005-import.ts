import type Database from 'better-sqlite3';

// Progress of CSV imports, so an interrupted import of the same file resumes after its last committed batch.
// A file is recognised by its size and the SHA-256 of its first 1 MB (hashing a whole multi-GB export would cost
// as much as importing it). counts holds the running totals and the run's settings as JSON; no personal data.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE import_runs (
      id INTEGER PRIMARY KEY,
      entity TEXT NOT NULL CHECK (entity IN ('customers', 'purchases')),
      file_name TEXT NOT NULL,
      file_size INTEGER NOT NULL,
      file_sha256 TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      last_line_committed INTEGER NOT NULL DEFAULT 0,
      counts TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX import_runs_unfinished ON import_runs (file_sha256, entity) WHERE finished_at IS NULL;
  `);
}
