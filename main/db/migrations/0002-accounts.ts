import type Database from 'better-sqlite3';

// PINs, lockout state and the security audit trail. A clerk row without a pin_hash cannot sign in.
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE clerks ADD COLUMN pin_hash TEXT;
    ALTER TABLE clerks ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE clerks ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE clerks ADD COLUMN locked_until TEXT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      clerk_id INTEGER REFERENCES clerks (id),
      terminal_id TEXT NOT NULL,
      event TEXT NOT NULL,
      subject TEXT,
      details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
      SELECT RAISE(ABORT, 'the audit log is append-only');
    END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
      SELECT RAISE(ABORT, 'the audit log is append-only');
    END;
  `);
}
