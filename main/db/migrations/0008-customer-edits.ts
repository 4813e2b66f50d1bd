import type Database from 'better-sqlite3';

// Customers can be edited at the counter, and who opens a profile is recorded.
//
// customer_field_changes: one row per field changed by an edit (who, when, where, old and new value as JSON), written
// in the edit's transaction. It is the audit of edits and, later, the log the chain's sync merges field by field.
// Old and new values are personal data: erasing the customer deletes the rows.
//
// profile_views: one row per opening of a profile (clerk, terminal, time). It holds no personal data of the
// customer, only the id, so erasure keeps it as an audit of access; the retention job deletes old rows. clerk_id is
// NULL for the command line, which runs without a signed-in clerk.
//
// style_set_by / style_set_at: who last set the communication style and when (NULL for styles from an import or
// the demo store).
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN style_set_by INTEGER REFERENCES clerks (id);
    ALTER TABLE customers ADD COLUMN style_set_at TEXT;

    CREATE TABLE customer_field_changes (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      field TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT,
      clerk_id INTEGER NOT NULL REFERENCES clerks (id),
      terminal_id TEXT NOT NULL,
      changed_at TEXT NOT NULL
    );
    CREATE INDEX customer_field_changes_customer ON customer_field_changes (customer_id, changed_at);

    CREATE TABLE profile_views (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      clerk_id INTEGER REFERENCES clerks (id),
      terminal_id TEXT NOT NULL,
      viewed_at TEXT NOT NULL
    );
    CREATE INDEX profile_views_customer ON profile_views (customer_id, viewed_at);
    CREATE INDEX profile_views_at ON profile_views (viewed_at);
  `);
}
