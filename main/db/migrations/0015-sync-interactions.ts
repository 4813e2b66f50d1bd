import type Database from 'better-sqlite3';
import { APPLYING, ENABLED, MS_NOW, msOf } from './0011-sync';

// Interactions travel between the terminals of a chain (main/sync/interactions-out.ts, interactions-apply.ts).
//
// The outbox: once the store has joined a hub, every interaction written here (an entry, an amendment, a manager's
// review) queues itself in the same transaction, like a customer's change (0011-sync). The row names the interaction
// only; the pusher reads it, the issues it settles and who logged it when it sends (by then the settled issues are on
// disk: they are written in the entry's own transaction). A store that joined before this migration queues the
// interactions it holds now, once, oldest first.
//
// sync_clerks: a clerk's id across the chain, so an entry logged at another terminal names its clerk without local
// ids ever meeting (clerk 3 there is not clerk 3 here). A clerk of this store gets one when an entry of theirs is
// first sent. A clerk of another terminal is a stand-in here: a clerks row that is not active and has no PIN, so it
// never signs in nor shows in the sign-in list, under its own local id, with the name the entry gave.
//
// interaction_origins: where an interaction pulled from the hub was logged (store and terminal, as the hub named
// them), for the profile's timeline ("Galway, till-2") and for telling this store's entries from other stores'.
// Entries logged here have no row.
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sync_clerks (
      global_id TEXT PRIMARY KEY,
      clerk_id INTEGER NOT NULL UNIQUE REFERENCES clerks (id),
      stand_in INTEGER NOT NULL CHECK (stand_in IN (0, 1))
    ) WITHOUT ROWID;

    CREATE TABLE interaction_origins (
      interaction_id INTEGER PRIMARY KEY REFERENCES interactions (id),
      store_id TEXT NOT NULL,
      store_name TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      terminal_name TEXT NOT NULL
    );

    CREATE TRIGGER sync_interaction_logged AFTER INSERT ON interactions WHEN ${ENABLED} AND NOT ${APPLYING} BEGIN
      INSERT INTO sync_outbox (entity, row_id, kind, at_ms) VALUES ('interaction', NEW.id, 'append', ${MS_NOW});
    END;

    INSERT INTO sync_outbox (entity, row_id, kind, at_ms)
      SELECT 'interaction', id, 'append', ${msOf('created_at')} FROM interactions WHERE ${ENABLED} ORDER BY id;
  `);
}
