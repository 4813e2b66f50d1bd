import type Database from 'better-sqlite3';

// What a till's customer export carries beyond a name and contact details (Shopify, Square: import/presets.ts).
//
// city, postcode, country: the customer's town, kept because it is what tells two namesakes apart at the counter;
// shown in search results. Personal data: the data export includes them, erasure nulls them.
//
// Consent: marketing_consent keeps its meaning (agreed to hear about offers, the email consent a till exports as
// "Accepts Email Marketing"); sms_consent is agreement to marketing by text message, kept apart because the tills
// record the two apart and one does not imply the other.
//
// opening_spend_cents, opening_orders, opening_as_of: what the customer spent over how many orders before
// Counterpart, as the till's export said on opening_as_of (the day of the import that set them). Counted towards the
// tier with what is bought here, and shown on the profile as what came before; never mixed into lifetime_spend_cents,
// which the purchase triggers keep.
//
// customer_external_ids: a customer's id in another system (source 'shopify', 'square', or 'import' for a column a
// mapping file names), so the next export from that till is matched by it first. One id names one customer per
// source; a customer may hold several (two till records merged into one person). Deleted with the customer and by
// erasure.
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN city TEXT;
    ALTER TABLE customers ADD COLUMN postcode TEXT;
    ALTER TABLE customers ADD COLUMN country TEXT;
    ALTER TABLE customers ADD COLUMN sms_consent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN opening_spend_cents INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN opening_orders INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN opening_as_of TEXT;

    CREATE TABLE customer_external_ids (
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      external_id TEXT NOT NULL,
      PRIMARY KEY (source, external_id)
    ) WITHOUT ROWID;
    CREATE INDEX customer_external_ids_customer ON customer_external_ids (customer_id);
  `);
}
