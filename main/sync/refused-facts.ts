// A pulled fact this store's schema refuses (a kind a newer terminal knows and this one does not, a purchase without
// a customer) is counted in sync_state 'refusedFacts' and passed over: it must not hold back every change behind it.
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';

const statements = preparedFor((db: DB) => ({
  refused: db.prepare(
    "INSERT INTO sync_state (key, value) VALUES ('refusedFacts', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
  ),
}));

/** Counts one refused fact. Inside applyChanges' transaction. */
export const countRefused = (db: DB): void => void statements(db).refused.run();

/** Runs `write`, which holds its own savepoint: a constraint it breaks undoes only it and is counted. */
export function countIfRefused(db: DB, write: () => unknown): void {
  try {
    write();
  } catch (err) {
    if (!String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw err;
    countRefused(db);
  }
}

/** Runs `write` in a savepoint; a constraint it breaks undoes only it and is counted. */
export const writeOrCount = (db: DB, write: () => unknown): void => countIfRefused(db, () => db.transaction(write)());
