import type Database from 'better-sqlite3';

// The triggers that keep a customer's visit stats (visits, entries, purchases, spend, last visit: customer_days
// beside them) and the open issues an entry leaves can be held for a run of rows a bulk writer adds, which then adds
// what they would have added once for the whole run, set-based (main/db/visit-stats.ts). A new terminal's bootstrap
// into an empty store (main/sync/bulk-apply.ts) spent most of an entry's write in these triggers, one row at a time.
//
// Held as the name words are (0006): a row in bulk_loads, written and deleted inside the bulk writer's own
// transaction, so no other connection ever sees it and a counter's write, which never runs inside that transaction,
// always fires them. The bodies are 0001's, unchanged.
export const HELD_VISIT_STATS = 'visit_stats';
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM bulk_loads WHERE name = '${HELD_VISIT_STATS}')`;

export function up(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER purchases_stats;
    CREATE TRIGGER purchases_stats AFTER INSERT ON purchases WHEN ${NOT_HELD} BEGIN
      UPDATE customers SET visit_count = visit_count + 1
        WHERE id = NEW.customer_id
          AND NOT EXISTS (SELECT 1 FROM customer_days WHERE customer_id = NEW.customer_id AND day = NEW.local_day);
      INSERT OR IGNORE INTO customer_days (customer_id, day) VALUES (NEW.customer_id, NEW.local_day);
      UPDATE customers SET
        purchase_count = purchase_count + 1,
        lifetime_spend_cents = lifetime_spend_cents + NEW.total_cents,
        last_visit_at = CASE WHEN last_visit_at IS NULL OR NEW.purchased_at > last_visit_at
                             THEN NEW.purchased_at ELSE last_visit_at END
        WHERE id = NEW.customer_id;
    END;

    DROP TRIGGER interactions_stats;
    CREATE TRIGGER interactions_stats AFTER INSERT ON interactions
      WHEN NEW.customer_id IS NOT NULL AND NEW.amends_id IS NULL AND ${NOT_HELD} BEGIN
      UPDATE customers SET visit_count = visit_count + 1
        WHERE id = NEW.customer_id
          AND NOT EXISTS (SELECT 1 FROM customer_days WHERE customer_id = NEW.customer_id AND day = NEW.local_day);
      INSERT OR IGNORE INTO customer_days (customer_id, day) VALUES (NEW.customer_id, NEW.local_day);
      UPDATE customers SET
        interaction_count = interaction_count + 1,
        last_visit_at = CASE WHEN last_visit_at IS NULL OR NEW.created_at > last_visit_at
                             THEN NEW.created_at ELSE last_visit_at END
        WHERE id = NEW.customer_id;
    END;

    DROP TRIGGER interactions_open;
    CREATE TRIGGER interactions_open AFTER INSERT ON interactions
      WHEN NEW.amends_id IS NULL AND NEW.outcome IN ('follow_up', 'escalated', 'unresolved') AND ${NOT_HELD} BEGIN
      INSERT INTO open_issues (interaction_id, customer_id, opened_at, due_date)
        VALUES (NEW.id, NEW.customer_id, NEW.created_at, NEW.follow_up_due);
    END;
  `);
}
