import type Database from 'better-sqlite3';

// An entry still in the outbox when its customer is erased keeps saying whose it was.
//
// The erasure unlinks the customer's interactions (customer_id NULL: services/privacy.ts), and the pusher reads an
// entry as it is when it sends (interactions-out.ts). An entry logged here and erased before it left went out
// without a customer, so the other terminals kept it as a walk-in's entry and its open follow-up stayed open there,
// anonymous, while here the erasure had closed it: the chain no longer agreed. Whichever path unlinks (the counter,
// the command line, an erasure pulled from the hub, the erasure of a merged person's other record), the customer's
// global id is written into the entry's pending outbox rows, and the pusher names it. The hub then keeps the entry as
// an erased customer's (its words dropped) and every receiver applies the erasure rule to it: unlinked, without its
// words, what it opens closed (interactions-apply.ts).
//
// Only the global id travels, which names nobody: the receivers' shells of erased customers carry the same id.
// Entries unlinked before this migration cannot be told apart any more and go as they did.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TRIGGER sync_interaction_unlinked AFTER UPDATE OF customer_id ON interactions
      WHEN OLD.customer_id IS NOT NULL AND NEW.customer_id IS NULL BEGIN
      UPDATE sync_outbox
         SET fields = json_object('customerId', (SELECT global_id FROM sync_ids WHERE entity = 'customer' AND row_id = OLD.customer_id))
       WHERE entity = 'interaction' AND row_id = NEW.id AND kind = 'append';
    END;
  `);
}
