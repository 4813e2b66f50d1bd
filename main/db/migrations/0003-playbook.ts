import type Database from 'better-sqlite3';

// The response playbook: templates the suggestion engine picks from, their edit history, and what they achieved.
// Conditions are JSON data in the vocabulary of main/services/suggestions/conditions.ts, never code.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE playbook_templates (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      conditions TEXT NOT NULL CHECK (json_valid(conditions)),
      text_blue TEXT NOT NULL,
      text_green TEXT NOT NULL,
      text_gold TEXT NOT NULL,
      text_orange TEXT NOT NULL,
      text_unknown TEXT NOT NULL,
      priority INTEGER NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      -- An offer or marketing invitation: only for customers who agreed to marketing.
      offer INTEGER NOT NULL DEFAULT 0 CHECK (offer IN (0, 1)),
      -- Which open item logging with this suggestion closes: 'openIssue', 'followUp', 'pickup' or NULL.
      resolves TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES clerks (id)
    );

    -- Every saved state of a template, so a manager can see who changed what and go back to it.
    CREATE TABLE playbook_template_versions (
      template_id TEXT NOT NULL REFERENCES playbook_templates (id),
      version INTEGER NOT NULL,
      body TEXT NOT NULL CHECK (json_valid(body)),
      changed_by INTEGER REFERENCES clerks (id),
      changed_at TEXT NOT NULL,
      PRIMARY KEY (template_id, version)
    ) WITHOUT ROWID;

    -- Outcome statistics per template, store and communication style. No foreign key to the templates on purpose:
    -- history logged with a template id outlives edits and imports of the playbook.
    CREATE TABLE playbook_stats (
      template_id TEXT NOT NULL,
      store_id TEXT NOT NULL,
      style TEXT NOT NULL,
      shown INTEGER NOT NULL DEFAULT 0,
      used INTEGER NOT NULL DEFAULT 0,
      successes INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (template_id, store_id, style)
    ) WITHOUT ROWID;

    -- One row per interaction logged with a suggestion: remembers where its use was counted, so an amendment that
    -- corrects the outcome or sentiment moves the success count of exactly that cell.
    CREATE TABLE playbook_uses (
      interaction_id INTEGER PRIMARY KEY REFERENCES interactions (id),
      template_id TEXT NOT NULL,
      store_id TEXT NOT NULL,
      style TEXT NOT NULL,
      success INTEGER NOT NULL CHECK (success IN (0, 1))
    );

    -- A use counts as a SUCCESS when the interaction ended resolved (outcome = 'resolved') AND the customer left
    -- content (sentiment >= 4 on the 1-5 scale). A missing sentiment is not a success: unknown is not good.
    -- The store is the one this database belongs to (settings 'playbook.store_id', written by the engine; '' until
    -- then, folded into the store on first use). The style is the customer's at logging time; walk-ins are 'unknown'.
    CREATE TRIGGER interactions_playbook_use AFTER INSERT ON interactions
      WHEN NEW.amends_id IS NULL AND NEW.suggestion_template_id IS NOT NULL BEGIN
      INSERT INTO playbook_uses (interaction_id, template_id, store_id, style, success)
        VALUES (
          NEW.id,
          NEW.suggestion_template_id,
          COALESCE((SELECT value FROM settings WHERE key = 'playbook.store_id'), ''),
          COALESCE((SELECT style FROM customers WHERE id = NEW.customer_id), 'unknown'),
          NEW.outcome = 'resolved' AND COALESCE(NEW.sentiment, 0) >= 4
        );
      INSERT INTO playbook_stats (template_id, store_id, style, used, successes)
        SELECT template_id, store_id, style, 1, success FROM playbook_uses WHERE interaction_id = NEW.id
        ON CONFLICT (template_id, store_id, style) DO UPDATE SET
          used = used + 1,
          successes = successes + excluded.successes;
    END;

    -- An amendment restates the original's outcome and sentiment: re-judge success with the same definition.
    CREATE TRIGGER interactions_playbook_amend AFTER INSERT ON interactions
      WHEN NEW.amends_id IS NOT NULL BEGIN
      UPDATE playbook_stats SET successes = successes
          + (NEW.outcome = 'resolved' AND COALESCE(NEW.sentiment, 0) >= 4)
          - (SELECT success FROM playbook_uses WHERE interaction_id = NEW.amends_id)
        WHERE (template_id, store_id, style) =
          (SELECT template_id, store_id, style FROM playbook_uses WHERE interaction_id = NEW.amends_id);
      UPDATE playbook_uses SET success = (NEW.outcome = 'resolved' AND COALESCE(NEW.sentiment, 0) >= 4)
        WHERE interaction_id = NEW.amends_id;
    END;
  `);
}
