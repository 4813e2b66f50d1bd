// Enrolment: an admin issues a one-time code for a named terminal at a store (`counterpart hub enroll`); the terminal
// trades it, once and within a day, for its id and credential (POST /v1/enrol).
import { formatEnrolmentCode } from '@common/sync/api';
import { uuidv7 } from '@common/sync/ids';
import { HubFailure } from './errors';
import { inTransaction, type Pool, type PoolClient } from './pg';
import { newCredential, newEnrolmentCode, sha256 } from './secrets';

export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;
const UNIQUE_VIOLATION = '23505';

export interface Named {
  id: string;
  name: string;
}

export interface IssuedCode {
  /** As shown to people: XXXX-XXXX-XXXX-XXXX. Not stored anywhere; only its digest is. */
  code: string;
  store: Named & { created: boolean };
  terminalName: string;
  expiresAt: string;
}

/** The store of that name (any case), made on first use. */
async function storeNamed(client: PoolClient, name: string, now: Date): Promise<Named & { created: boolean }> {
  const inserted = await client.query<Named>(
    'INSERT INTO stores (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id, name',
    [uuidv7(now.getTime()), name, now],
  );
  if (inserted.rows[0]) return { ...inserted.rows[0], created: true };
  const { rows } = await client.query<Named>('SELECT id, name FROM stores WHERE lower(name) = lower($1)', [name]);
  return { ...rows[0]!, created: false };
}

/**
 * A new code for `terminalName` at `storeName`. An earlier unused code for the same terminal stops working, so only
 * the newest code handed out is live.
 */
export async function issueEnrolmentCode(
  pool: Pool,
  input: { storeName: string; terminalName: string; now: Date },
): Promise<IssuedCode> {
  const { storeName, terminalName, now } = input;
  return inTransaction(pool, async (client) => {
    const store = await storeNamed(client, storeName, now);
    const active = await client.query<{ name: string }>(
      'SELECT name FROM terminals WHERE store_id = $1 AND lower(name) = lower($2) AND revoked_at IS NULL',
      [store.id, terminalName],
    );
    if (active.rows[0]) {
      throw new HubFailure(
        'CONFLICT',
        `${active.rows[0].name} is already enrolled at ${store.name}: revoke it first (counterpart hub revoke "${active.rows[0].name}" --store "${store.name}").`,
      );
    }
    await client.query(
      'DELETE FROM enrolment_codes WHERE store_id = $1 AND lower(terminal_name) = lower($2) AND used_at IS NULL',
      [store.id, terminalName],
    );
    const code = newEnrolmentCode();
    const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_TTL_MS);
    await client.query(
      'INSERT INTO enrolment_codes (code_hash, store_id, terminal_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sha256(code), store.id, terminalName, now, expiresAt],
    );
    return { code: formatEnrolmentCode(code), store, terminalName, expiresAt: expiresAt.toISOString() };
  });
}

export interface Enrolled {
  terminal: Named;
  store: Named;
  credential: string;
}

const ASK_AGAIN = 'ask for a new one (counterpart hub enroll)';

/**
 * Trades a code (normalised, as enrolmentCodeSchema leaves it) for a terminal. The code's row is locked for the
 * transaction, so of two terminals sending the same code at once, even to two hub processes, exactly one wins.
 */
export async function redeemEnrolmentCode(
  pool: Pool,
  input: { code: string; appVersion: string; protocolVersion: number; now: Date },
): Promise<Enrolled> {
  const { code, appVersion, protocolVersion, now } = input;
  return inTransaction(pool, async (client) => {
    const found = await client.query<{
      store_id: string;
      store_name: string;
      terminal_name: string;
      expires_at: Date;
      used_at: Date | null;
    }>(
      `SELECT c.store_id, s.name AS store_name, c.terminal_name, c.expires_at, c.used_at
         FROM enrolment_codes c JOIN stores s ON s.id = c.store_id
        WHERE c.code_hash = $1
          FOR UPDATE OF c`,
      [sha256(code)],
    );
    const row = found.rows[0];
    if (!row || row.used_at !== null)
      throw new HubFailure('UNAUTHENTICATED', `This enrolment code is unknown or was used already: ${ASK_AGAIN}.`);
    if (row.expires_at.getTime() <= now.getTime()) {
      throw new HubFailure(
        'UNAUTHENTICATED',
        `This enrolment code expired at ${row.expires_at.toISOString()}: ${ASK_AGAIN}.`,
      );
    }
    const credential = newCredential();
    const terminal: Named = { id: uuidv7(now.getTime()), name: row.terminal_name };
    try {
      await client.query(
        `INSERT INTO terminals (id, store_id, name, credential_hash, enrolled_at, app_version, protocol_version, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $5)`,
        [terminal.id, row.store_id, terminal.name, sha256(credential), now, appVersion, protocolVersion],
      );
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      throw new HubFailure(
        'CONFLICT',
        `A terminal called ${terminal.name} is already enrolled at ${row.store_name}: revoke it first, then ${ASK_AGAIN}.`,
      );
    }
    await client.query('UPDATE enrolment_codes SET used_at = $2, terminal_id = $3 WHERE code_hash = $1', [
      sha256(code),
      now,
      terminal.id,
    ]);
    return { terminal, store: { id: row.store_id, name: row.store_name }, credential };
  });
}
