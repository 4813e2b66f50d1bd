import type Database from 'better-sqlite3';

// The same person created at two stores, as the hub links them (main/hub/merges.ts), on the terminal.
//
// customer_aliases: alias → survivor by global id, as the hub's feed says (a merge adds a row, its undoing removes
// it). By global id because the terminal may hear of a merge before it holds either customer. Resolving follows the
// chain (a survivor can become an alias later). Nothing else is rewritten: interactions are append-only and keep
// naming the customer they were logged for, so undoing a merge needs nothing but deleting its row.
//
// sync_withheld_cards: a pulled customer whose loyalty card another customer of this store holds already (two
// records of one person made offline, or two people the hub lists as a conflict). The card column is unique, so the
// newcomer is kept without it rather than stalling every pull on the index; its card waits here.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE customer_aliases (
      alias_id TEXT PRIMARY KEY,
      survivor_id TEXT NOT NULL,
      merge_id TEXT NOT NULL UNIQUE,
      CHECK (alias_id <> survivor_id)
    ) WITHOUT ROWID;
    CREATE INDEX customer_aliases_survivor ON customer_aliases (survivor_id);

    CREATE TABLE sync_withheld_cards (
      row_id INTEGER PRIMARY KEY REFERENCES customers (id),
      loyalty_id TEXT NOT NULL
    );
    -- An erasure (whichever path: the counter, the command line, the hub's feed) takes the card set aside too.
    CREATE TRIGGER sync_withheld_card_erased AFTER UPDATE OF name_key, phone_digits, email, loyalty_id ON customers
      WHEN NOT (NEW.name_key <> '' OR coalesce(NEW.phone_digits, '') <> '' OR coalesce(NEW.email, '') <> '' OR coalesce(NEW.loyalty_id, '') <> '')
    BEGIN
      DELETE FROM sync_withheld_cards WHERE row_id = NEW.id;
    END;
  `);
}
