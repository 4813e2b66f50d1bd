import type Database from 'better-sqlite3';
import { APPLYING, ENABLED, MS_NOW, uuidV7 } from './0011-sync';

// Clerk accounts shared by the counters of one store (main/sync/clerks-sync.ts, common/sync/clerks.ts).
//
// A clerk of this store has a global id in sync_clerks (stand_in 0), made when the clerk is created once the store
// has joined a hub (those from before get theirs when the clerk sync first runs). The same id names the clerk on
// the entries they log (0015-sync-interactions), so a clerk who arrives through the clerk sync after their entries
// takes over the stand-in made for them.
//
// clerk_outbox: which fields of which clerk changed here and are not at the hub yet, written by triggers in the same
// transaction as the change, whatever made it (the Team tab, a PIN change, `counterpart init`). Names, never values:
// the PIN hash is read from clerks when sent. The lockout columns (failed_pins, lockouts, locked_until) are this
// counter's own count and never travel: the store's count across counters is the hub's (main/hub/clerks.ts).
//
// review_scope: what the daily review may show this clerk; 'chain' is granted on the hub only (`hub grant`).
export const CLERK_COLUMNS = [
  ['displayName', 'display_name'],
  ['role', 'role'],
  ['active', 'active'],
  ['pinHash', 'pin_hash'],
] as const;

const OURS = `EXISTS (SELECT 1 FROM sync_clerks WHERE clerk_id = NEW.id AND stand_in = 0)`;

export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE clerks ADD COLUMN review_scope TEXT NOT NULL DEFAULT 'store' CHECK (review_scope IN ('store', 'chain'));

    CREATE TABLE clerk_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      clerk_id INTEGER NOT NULL REFERENCES clerks (id),
      fields TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      hlc TEXT
    );

    CREATE TRIGGER clerk_sync_created AFTER INSERT ON clerks WHEN ${ENABLED} AND NOT ${APPLYING} BEGIN
      INSERT INTO sync_clerks (global_id, clerk_id, stand_in) VALUES (${uuidV7(MS_NOW)}, NEW.id, 0);
      INSERT INTO clerk_outbox (clerk_id, fields, at_ms) VALUES (NEW.id, '${JSON.stringify(CLERK_COLUMNS.map(([f]) => f))}', ${MS_NOW});
    END;

    CREATE TRIGGER clerk_sync_changed AFTER UPDATE OF ${CLERK_COLUMNS.map(([, c]) => c).join(', ')} ON clerks
      WHEN ${ENABLED} AND NOT ${APPLYING} AND ${OURS} BEGIN
      INSERT INTO clerk_outbox (clerk_id, fields, at_ms)
        SELECT NEW.id, json_group_array(f), ${MS_NOW} FROM (
          ${CLERK_COLUMNS.map(([f, c]) => `SELECT '${f}' AS f WHERE NEW.${c} IS NOT OLD.${c}`).join('\n          UNION ALL ')}
        ) HAVING count(*) > 0;
    END;
  `);
}
