import type Database from 'better-sqlite3';

// The chain's sync on the terminal (main/sync/).
//
// sync_ids: every synced row's global id (UUID v7) beside its local integer id, kept in a table of its own so the
// append-only interactions table is never touched. Rows get theirs when inserted (a trigger, so every write path is
// covered: the counter, imports, the command line); rows from before this migration get one made from their
// created_at, so global ids still sort by creation time.
//
// sync_outbox: what this terminal changed and the hub does not have yet, written by triggers in the same
// transaction as the change, only once the store has joined a hub (sync_state 'node' holds the terminal's id there).
// It names the row and the fields that changed, never their values: the pusher reads the values as they are when it
// sends, so an erasure leaves no personal data behind in the outbox. mutation_id (AUTOINCREMENT: never reused) is the
// push's mutation id. The applier of pulled changes sets sync_state 'applying' in its own transaction, so what it
// writes is not sent back.
//
// sync_state: the terminal's sync bookkeeping (its id at the hub, the pull cursor, the clock).
export const MS_NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;
export const msOf = (iso: string) => `CAST(unixepoch(${iso}, 'subsec') * 1000 AS INTEGER)`;
/** RFC 9562 version 7 in SQL: 48 bits of milliseconds, version, variant, random bits. */
export const uuidV7 = (
  ms: string,
) => `(SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(r, 4, 3) || '-' || substr(r, 7, 12)
  FROM (SELECT lower(printf('%012x', ${ms})) AS h, lower(hex(randomblob(9))) AS r))`;

/**
 * Gives every customer and interaction without a global id one made from its creation time: the migration's backfill,
 * and a bulk seed's (which drops the insert triggers while it writes).
 */
export const BACKFILL_SYNC_IDS = `
  INSERT INTO sync_ids (entity, row_id, global_id)
    SELECT 'customer', id, ${uuidV7(msOf('created_at'))} FROM customers
     WHERE id NOT IN (SELECT row_id FROM sync_ids WHERE entity = 'customer');
  INSERT INTO sync_ids (entity, row_id, global_id)
    SELECT 'interaction', id, ${uuidV7(msOf('created_at'))} FROM interactions
     WHERE id NOT IN (SELECT row_id FROM sync_ids WHERE entity = 'interaction');`;

export const ENABLED = `EXISTS (SELECT 1 FROM sync_state WHERE key = 'node')`;
export const APPLYING = `EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')`;
/** The customer's own fields as the protocol names them (common/sync/changes.ts), as of this migration. */
const FIELDS: [string, string][] = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['loyaltyId', 'loyalty_id'],
  ['birthday', 'birthday'],
  ['style', 'style'],
  ['language', 'language'],
  ['marketingConsent', 'marketing_consent'],
  ['tags', 'tags'],
  ['notes', 'notes'],
];
const identity = (row: 'OLD' | 'NEW') =>
  `(${row}.name_key <> '' OR coalesce(${row}.phone_digits, '') <> '' OR coalesce(${row}.email, '') <> '' OR coalesce(${row}.loyalty_id, '') <> '')`;

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

    CREATE TABLE sync_ids (
      entity TEXT NOT NULL CHECK (entity IN ('customer', 'interaction')),
      row_id INTEGER NOT NULL,
      global_id TEXT NOT NULL UNIQUE,
      PRIMARY KEY (entity, row_id)
    ) WITHOUT ROWID;
    ${BACKFILL_SYNC_IDS}

    CREATE TRIGGER sync_customer_id AFTER INSERT ON customers WHEN NOT ${APPLYING} BEGIN
      INSERT INTO sync_ids (entity, row_id, global_id) VALUES ('customer', NEW.id, ${uuidV7(MS_NOW)});
    END;
    CREATE TRIGGER sync_interaction_id AFTER INSERT ON interactions WHEN NOT ${APPLYING} BEGIN
      INSERT INTO sync_ids (entity, row_id, global_id) VALUES ('interaction', NEW.id, ${uuidV7(MS_NOW)});
    END;

    CREATE TABLE sync_outbox (
      mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL CHECK (entity IN ('customer', 'interaction')),
      row_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('upsert', 'append', 'erase')),
      fields TEXT,
      at_ms INTEGER NOT NULL,
      hlc TEXT
    );
    CREATE INDEX sync_outbox_row ON sync_outbox (entity, row_id);

    CREATE TRIGGER sync_customer_created AFTER INSERT ON customers WHEN ${ENABLED} AND NOT ${APPLYING} BEGIN
      INSERT INTO sync_outbox (entity, row_id, kind, fields, at_ms)
        VALUES ('customer', NEW.id, 'upsert', '${JSON.stringify(FIELDS.map(([f]) => f))}', ${MS_NOW});
    END;
    CREATE TRIGGER sync_customer_edited AFTER UPDATE OF ${FIELDS.map(([, c]) => c).join(', ')} ON customers
      WHEN ${ENABLED} AND NOT ${APPLYING} AND ${identity('NEW')} BEGIN
      INSERT INTO sync_outbox (entity, row_id, kind, fields, at_ms)
        SELECT 'customer', NEW.id, 'upsert', json_group_array(f), ${MS_NOW}
          FROM (${FIELDS.map(([f, c]) => `SELECT '${f}' AS f WHERE OLD.${c} IS NOT NEW.${c}`).join(' UNION ALL ')})
        HAVING count(*) > 0;
    END;
    -- Erasure leaves a row without a name, phone, email or card; its unsent edits go with it.
    CREATE TRIGGER sync_customer_erased AFTER UPDATE OF name_key, phone_digits, email, loyalty_id ON customers
      WHEN ${ENABLED} AND NOT ${APPLYING} AND ${identity('OLD')} AND NOT ${identity('NEW')} BEGIN
      DELETE FROM sync_outbox WHERE entity = 'customer' AND row_id = NEW.id AND kind = 'upsert';
      INSERT INTO sync_outbox (entity, row_id, kind, at_ms) VALUES ('customer', NEW.id, 'erase', ${MS_NOW});
    END;
  `);
}
