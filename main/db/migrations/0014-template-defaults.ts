import type Database from 'better-sqlite3';

// A template may set the log form's Kind and Outcome when the clerk uses it, as a help-desk macro sets fields:
// "Put right what is still open" makes the entry a complaint. NULL leaves the form as it is (every template saved
// before this migration). Values are the contract's interaction kinds and outcomes; the playbook schema checks them.
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE playbook_templates ADD COLUMN default_kind TEXT;
    ALTER TABLE playbook_templates ADD COLUMN default_outcome TEXT;
  `);
}
