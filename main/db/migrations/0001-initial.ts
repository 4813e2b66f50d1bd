import type Database from 'better-sqlite3';

// Timestamps are UTC ISO-8601 strings ("2026-11-23T09:12:00.000Z"); local_day is the store-local calendar day,
// computed by the app at write time so day views never have to convert time zones in SQL.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE clerks (
      id INTEGER PRIMARY KEY,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL DEFAULT 'clerk' CHECK (role IN ('clerk', 'manager', 'admin')),
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL
    );

    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      first_name TEXT NOT NULL DEFAULT '',
      last_name TEXT NOT NULL DEFAULT '',
      name_key TEXT NOT NULL,
      last_key TEXT NOT NULL,
      phone TEXT,
      phone_digits TEXT,
      email TEXT,
      loyalty_id TEXT UNIQUE,
      birthday TEXT,
      style TEXT NOT NULL DEFAULT 'unknown' CHECK (style IN ('blue', 'green', 'gold', 'orange', 'unknown')),
      language TEXT,
      marketing_consent INTEGER NOT NULL DEFAULT 0,
      tags TEXT NOT NULL DEFAULT '[]',
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      visit_count INTEGER NOT NULL DEFAULT 0,
      last_visit_at TEXT,
      lifetime_spend_cents INTEGER NOT NULL DEFAULT 0,
      purchase_count INTEGER NOT NULL DEFAULT 0,
      interaction_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX customers_name_key ON customers (name_key);
    CREATE INDEX customers_last_key ON customers (last_key);
    CREATE INDEX customers_phone_digits ON customers (phone_digits);
    CREATE INDEX customers_phone_last4 ON customers (substr(phone_digits, -4));
    CREATE INDEX customers_email ON customers (email);

    CREATE VIRTUAL TABLE customer_fts USING fts5 (
      name_key, phone_digits,
      content = 'customers', content_rowid = 'id',
      tokenize = 'trigram remove_diacritics 1'
    );
    CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customer_fts (rowid, name_key, phone_digits) VALUES (NEW.id, NEW.name_key, NEW.phone_digits);
    END;
    CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
      INSERT INTO customer_fts (customer_fts, rowid, name_key, phone_digits)
        VALUES ('delete', OLD.id, OLD.name_key, OLD.phone_digits);
    END;
    CREATE TRIGGER customers_fts_update AFTER UPDATE OF name_key, phone_digits ON customers BEGIN
      INSERT INTO customer_fts (customer_fts, rowid, name_key, phone_digits)
        VALUES ('delete', OLD.id, OLD.name_key, OLD.phone_digits);
      INSERT INTO customer_fts (rowid, name_key, phone_digits) VALUES (NEW.id, NEW.name_key, NEW.phone_digits);
    END;

    -- One row per customer and store-local day with any activity: makes visit_count exact whatever the insert order.
    CREATE TABLE customer_days (
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      day TEXT NOT NULL,
      PRIMARY KEY (customer_id, day)
    ) WITHOUT ROWID;

    CREATE TABLE purchases (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      purchased_at TEXT NOT NULL,
      local_day TEXT NOT NULL,
      receipt_no TEXT NOT NULL,
      total_cents INTEGER NOT NULL
    );
    CREATE INDEX purchases_customer_time ON purchases (customer_id, purchased_at);
    CREATE UNIQUE INDEX purchases_receipt ON purchases (receipt_no);

    CREATE TABLE purchase_items (
      id INTEGER PRIMARY KEY,
      purchase_id INTEGER NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,
      sku TEXT NOT NULL,
      description TEXT NOT NULL,
      quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
      unit_price_cents INTEGER NOT NULL,
      return_status TEXT NOT NULL DEFAULT 'kept' CHECK (return_status IN ('kept', 'returned'))
    );
    CREATE INDEX purchase_items_purchase ON purchase_items (purchase_id);

    CREATE TRIGGER purchases_stats AFTER INSERT ON purchases BEGIN
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

    -- Append-only: an interaction row is never changed. A correction is a new row with amends_id set.
    CREATE TABLE interactions (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER REFERENCES customers (id),
      created_at TEXT NOT NULL,
      local_day TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('inquiry', 'purchase', 'return', 'complaint', 'pickup', 'other')),
      outcome TEXT NOT NULL CHECK (outcome IN ('resolved', 'follow_up', 'escalated', 'unresolved')),
      sentiment INTEGER CHECK (sentiment BETWEEN 1 AND 5),
      notes TEXT NOT NULL DEFAULT '',
      follow_up_due TEXT,
      clerk_id INTEGER NOT NULL REFERENCES clerks (id),
      terminal_id TEXT NOT NULL,
      suggestion_template_id TEXT,
      resolves_id INTEGER REFERENCES interactions (id),
      amends_id INTEGER REFERENCES interactions (id),
      amend_reason TEXT,
      request_id TEXT UNIQUE,
      CHECK ((amends_id IS NULL) = (amend_reason IS NULL))
    );
    CREATE INDEX interactions_customer_time ON interactions (customer_id, created_at);
    CREATE INDEX interactions_day ON interactions (local_day);
    CREATE INDEX interactions_amends ON interactions (amends_id) WHERE amends_id IS NOT NULL;
    CREATE TRIGGER interactions_no_update BEFORE UPDATE ON interactions BEGIN
      SELECT RAISE(ABORT, 'interactions are append-only');
    END;
    CREATE TRIGGER interactions_no_delete BEFORE DELETE ON interactions BEGIN
      SELECT RAISE(ABORT, 'interactions are append-only');
    END;

    -- Derived, mutable state: what is still owed to a customer. The audit trail stays in interactions.
    CREATE TABLE open_issues (
      interaction_id INTEGER PRIMARY KEY REFERENCES interactions (id),
      customer_id INTEGER REFERENCES customers (id),
      opened_at TEXT NOT NULL,
      due_date TEXT,
      closed_at TEXT,
      closed_by INTEGER REFERENCES interactions (id)
    );
    CREATE INDEX open_issues_customer ON open_issues (customer_id) WHERE closed_at IS NULL;
    CREATE INDEX open_issues_due ON open_issues (due_date) WHERE closed_at IS NULL;

    CREATE TRIGGER interactions_stats AFTER INSERT ON interactions
      WHEN NEW.customer_id IS NOT NULL AND NEW.amends_id IS NULL BEGIN
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
    CREATE TRIGGER interactions_open AFTER INSERT ON interactions
      WHEN NEW.amends_id IS NULL AND NEW.outcome IN ('follow_up', 'escalated', 'unresolved') BEGIN
      INSERT INTO open_issues (interaction_id, customer_id, opened_at, due_date)
        VALUES (NEW.id, NEW.customer_id, NEW.created_at, NEW.follow_up_due);
    END;
    CREATE TRIGGER interactions_resolve AFTER INSERT ON interactions WHEN NEW.resolves_id IS NOT NULL BEGIN
      UPDATE open_issues SET closed_at = NEW.created_at, closed_by = NEW.id
        WHERE interaction_id = NEW.resolves_id AND closed_at IS NULL;
    END;
    -- An amendment restates the original: its outcome decides whether the original is still open.
    CREATE TRIGGER interactions_amend AFTER INSERT ON interactions WHEN NEW.amends_id IS NOT NULL BEGIN
      UPDATE open_issues SET closed_at = NEW.created_at, closed_by = NEW.id
        WHERE interaction_id = NEW.amends_id AND closed_at IS NULL
          AND NEW.outcome NOT IN ('follow_up', 'escalated', 'unresolved');
      INSERT INTO open_issues (interaction_id, customer_id, opened_at, due_date)
        SELECT NEW.amends_id, NEW.customer_id, NEW.created_at, NEW.follow_up_due
        WHERE NEW.outcome IN ('follow_up', 'escalated', 'unresolved')
        ON CONFLICT (interaction_id) DO UPDATE SET closed_at = NULL, closed_by = NULL, due_date = excluded.due_date;
    END;

    -- Unsent log-form text per terminal and clerk, so a crash or restart loses nothing typed.
    CREATE TABLE drafts (
      key TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
