import type Database from 'better-sqlite3';

// The clerk closes open issues in their own words (issue #14, sections 2 and 3).
//
// - interaction_resolves: which open issues an interaction settles. One interaction may settle several (a visit that
//   sorts out a complaint and a waiting order at once); the clerk picks them. It replaces interactions.resolves_id,
//   which held one id: the rows that had one are copied here, and the column stays only because SQLite cannot drop a
//   column that is a foreign key. Nothing writes it any more. Links are append-only, like the interactions.
// - interactions.said: what the clerk finally said (the edited "What I'll say" text), kept with the entry. It is the
//   original's for good: an amendment corrects what was recorded about the visit, not what was said in it.
// - catalog_items: what the store knows about a product beyond its till line: how it is said mid-sentence, and
//   whether asking "how are you getting on with it?" makes sense (a drill yes, a gift card or washing-up liquid no).
// - playbook_templates.compatible_with_open_issues: whether a template may be offered while an issue is open.
//   NULL (templates saved before this migration) means what the template's kind implies; see playbook.ts.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE interaction_resolves (
      interaction_id INTEGER NOT NULL REFERENCES interactions (id),
      issue_id INTEGER NOT NULL REFERENCES interactions (id),
      PRIMARY KEY (interaction_id, issue_id)
    ) WITHOUT ROWID;
    CREATE INDEX interaction_resolves_issue ON interaction_resolves (issue_id);

    -- Copied before the trigger below exists: an issue an amendment reopened after it was resolved stays open.
    INSERT INTO interaction_resolves (interaction_id, issue_id)
      SELECT id, resolves_id FROM interactions WHERE resolves_id IS NOT NULL;
    DROP TRIGGER interactions_resolve;

    CREATE TRIGGER interaction_resolves_close AFTER INSERT ON interaction_resolves BEGIN
      UPDATE open_issues SET closed_at = (SELECT created_at FROM interactions WHERE id = NEW.interaction_id),
          closed_by = NEW.interaction_id
        WHERE interaction_id = NEW.issue_id AND closed_at IS NULL;
    END;
    CREATE TRIGGER interaction_resolves_no_update BEFORE UPDATE ON interaction_resolves BEGIN
      SELECT RAISE(ABORT, 'interaction_resolves is append-only');
    END;
    CREATE TRIGGER interaction_resolves_no_delete BEFORE DELETE ON interaction_resolves BEGIN
      SELECT RAISE(ABORT, 'interaction_resolves is append-only');
    END;

    ALTER TABLE interactions ADD COLUMN said TEXT NOT NULL DEFAULT '';

    CREATE TABLE catalog_items (
      sku TEXT PRIMARY KEY,
      -- The name as said mid-sentence ("the terracotta planter"); NULL: the till description up to its first comma.
      spoken TEXT,
      check_in INTEGER NOT NULL DEFAULT 0 CHECK (check_in IN (0, 1))
    ) WITHOUT ROWID;

    ALTER TABLE playbook_templates ADD COLUMN compatible_with_open_issues INTEGER
      CHECK (compatible_with_open_issues IN (0, 1));
  `);
}
