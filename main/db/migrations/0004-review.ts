import type Database from 'better-sqlite3';

// The managers' daily review. A review is an amendment row (amend_reason 'manager review') carrying the entry's
// current content forward plus flagged/review_note, so the original stays untouched and the trail shows who judged
// what. Only review rows have flagged set, which is how the triggers below tell them from corrections.
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE interactions ADD COLUMN flagged INTEGER
      CHECK (flagged IS NULL OR (flagged IN (0, 1) AND amends_id IS NOT NULL));
    ALTER TABLE interactions ADD COLUMN review_note TEXT;

    -- Who at the counter owns a follow-up. Mutable like the rest of open_issues; the history stays in interactions.
    ALTER TABLE open_issues ADD COLUMN assigned_clerk_id INTEGER REFERENCES clerks (id);

    -- A review restates the entry unchanged: it must not re-open a follow-up that a later visit already closed.
    DROP TRIGGER interactions_amend;
    CREATE TRIGGER interactions_amend AFTER INSERT ON interactions
      WHEN NEW.amends_id IS NOT NULL AND NEW.flagged IS NULL BEGIN
      UPDATE open_issues SET closed_at = NEW.created_at, closed_by = NEW.id
        WHERE interaction_id = NEW.amends_id AND closed_at IS NULL
          AND NEW.outcome NOT IN ('follow_up', 'escalated', 'unresolved');
      INSERT INTO open_issues (interaction_id, customer_id, opened_at, due_date)
        SELECT NEW.amends_id, NEW.customer_id, NEW.created_at, NEW.follow_up_due
        WHERE NEW.outcome IN ('follow_up', 'escalated', 'unresolved')
        ON CONFLICT (interaction_id) DO UPDATE SET closed_at = NULL, closed_by = NULL, due_date = excluded.due_date;
    END;
  `);
}
