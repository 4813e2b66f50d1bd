// The hub's side of clerk accounts (common/sync/clerks.ts): a store's counters share them, no other store sees them.
//
// Lockouts across counters: the store's count of wrong PINs lives here, one row per account, and every step is one
// UPDATE … RETURNING. A 'count' is refused once MAX_PIN_ATTEMPTS are counted (or the account is locked), and
// PostgreSQL re-checks that condition on the row it waited for, so counters hammering at once are handed out no
// more checks between them than the limit. A refused count locks a spent account, and a new PIN synced from a
// counter lifts the lock. The terminal keeps its own count too, so it still locks offline.
import { lockDuration, MAX_PIN_ATTEMPTS } from '@common/pin-lockout';
import type { ClerkChange, HubClerk, PinAttemptResponse, ReviewScope } from '@common/sync/clerks';
import { HybridClock } from '@common/sync/hlc';
import { uuidv7, UUID_V7 } from '@common/sync/ids';
import { HubFailure } from './errors';
import { inTransaction, type Pool, type PoolClient } from './pg';
import { FEED_LOCK_KEY } from './push';
import type { Caller } from './terminals';

/** Sets each field whose stored stamp is older than this one (as MERGE_FIELDS_SQL does for customers); names those set. */
const MERGE_CLERK_FIELDS_SQL = `INSERT INTO clerk_fields (clerk_id, field, value, hlc)
SELECT $1, f.key, f.value, $3 FROM jsonb_each($2::jsonb) AS f
ON CONFLICT (clerk_id, field) DO UPDATE SET value = EXCLUDED.value, hlc = EXCLUDED.hlc
 WHERE clerk_fields.hlc < EXCLUDED.hlc
RETURNING field`;
const CLEAR_SQL =
  'UPDATE clerks SET failed_pins = 0, lockouts = 0, locked_until = NULL WHERE id = $1 AND store_id = $2 RETURNING failed_pins, lockouts, locked_until';

/** The account's row, made on first sight; refused when the id is another store's account. */
async function ownRow(client: PoolClient, storeId: string, clerkId: string, now: Date): Promise<void> {
  await client.query('INSERT INTO clerks (id, store_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
    clerkId,
    storeId,
    now,
  ]);
  const { rows } = await client.query<{ store_id: string }>('SELECT store_id FROM clerks WHERE id = $1', [clerkId]);
  if (rows[0]!.store_id !== storeId)
    throw new HubFailure(
      'FORBIDDEN',
      "That clerk account belongs to another store; a terminal changes only its own store's clerks.",
    );
}

async function storeClerks(db: Pick<PoolClient, 'query'>, storeId: string): Promise<HubClerk[]> {
  const { rows } = await db.query<{ id: string; fields: Record<string, { value: unknown; hlc: string }> }>(
    `SELECT c.id, coalesce(jsonb_object_agg(f.field, jsonb_build_object('value', f.value, 'hlc', f.hlc)) FILTER (WHERE f.field IS NOT NULL), '{}') AS fields
       FROM clerks c LEFT JOIN clerk_fields f ON f.clerk_id = c.id
      WHERE c.store_id = $1 GROUP BY c.id ORDER BY c.id`,
    [storeId],
  );
  return rows;
}

/**
 * Where the store's accounts stand, for a pull answer to carry (common/sync/changes.ts): a digest of every field's
 * stamp. A field changes only with a later stamp (MERGE_CLERK_FIELDS_SQL), so any change a terminal could take from
 * /v1/clerks changes the tag, and nothing else does (the lockout counts travel on /v1/pin-attempt).
 */
export const CLERKS_TAG_SQL = `SELECT md5(coalesce(string_agg(f.clerk_id || ' ' || f.field || ' ' || f.hlc, ',' ORDER BY f.clerk_id, f.field), '')) AS tag
  FROM clerks c JOIN clerk_fields f ON f.clerk_id = c.id
 WHERE c.store_id = $1`;
export async function clerksTag(db: Pick<PoolClient, 'query'>, storeId: string): Promise<string> {
  const { rows } = await db.query<{ tag: string }>(CLERKS_TAG_SQL, [storeId]);
  return rows[0]!.tag;
}

/** A counter's clerk changes merged in, the store's accounts back (and where they stand); one transaction. */
export async function syncClerks(
  pool: Pool,
  caller: Caller,
  changes: ClerkChange[],
  now: Date,
): Promise<{ clerks: HubClerk[]; clerksTag: string }> {
  return inTransaction(pool, async (client) => {
    if (changes.length > 0) {
      const kept = await client.query<{ last: string }>('SELECT last FROM hub_clock');
      const clock = new HybridClock(caller.terminal.id, () => now.getTime(), kept.rows[0]?.last ?? null);
      for (const c of changes) {
        await ownRow(client, caller.store.id, c.id, now);
        // A clock too far ahead counts as now at the hub (hlc.ts), as for customers.
        const hlc = clock.tooFarAhead(c.hlc) ? clock.tick() : c.hlc;
        const set = await client.query<{ field: string }>(MERGE_CLERK_FIELDS_SQL, [
          c.id,
          JSON.stringify(c.fields),
          hlc,
        ]);
        // A new PIN (a manager's reset, or the clerk's own change after a right PIN) lifts the store's lock, as it
        // does at the counter that set it: otherwise the other counters would lock the account again at once.
        if (set.rows.some((r) => r.field === 'pinHash')) await client.query(CLEAR_SQL, [c.id, caller.store.id]);
      }
    }
    // The tag first: read committed takes a snapshot per statement, so a change committed in between is in the
    // accounts but not the tag, and costs the terminal one more exchange, never a missed one.
    const tag = await clerksTag(client, caller.store.id);
    return { clerks: await storeClerks(client, caller.store.id), clerksTag: tag };
  });
}

interface LockRow {
  failed_pins: number;
  lockouts: number;
  locked_until: Date | null;
}
const answer = (allowed: boolean, r: LockRow): PinAttemptResponse => ({
  allowed,
  failed: r.failed_pins,
  lockouts: r.lockouts,
  lockedUntil: r.locked_until?.toISOString() ?? null,
});

export const COUNT_ATTEMPT_SQL = `UPDATE clerks SET failed_pins = failed_pins + 1
 WHERE id = $1 AND store_id = $2 AND (locked_until IS NULL OR locked_until <= $3) AND failed_pins < $4
 RETURNING failed_pins, lockouts, locked_until`;
/** After a wrong PIN: locks once the attempts are spent, in the same statement that reads the count. */
const LOCK_IF_SPENT_SQL = `UPDATE clerks SET failed_pins = 0, lockouts = lockouts + 1,
       locked_until = $3::timestamptz + make_interval(secs => least($5::float8 * power(2, lockouts), $6::float8) / 1000)
 WHERE id = $1 AND store_id = $2 AND failed_pins >= $4
 RETURNING failed_pins, lockouts, locked_until`;

/** One step of a PIN attempt at one of the store's counters (common/sync/clerks.ts). */
export async function pinAttempt(
  pool: Pool,
  caller: Caller,
  input: { clerkId: string; step: 'count' | 'wrong' | 'right' },
  now: Date,
): Promise<PinAttemptResponse> {
  const args = [input.clerkId, caller.store.id];
  const current = async () => {
    const { rows } = await pool.query<LockRow>(
      'SELECT failed_pins, lockouts, locked_until FROM clerks WHERE id = $1 AND store_id = $2',
      args,
    );
    if (!rows[0]) throw new HubFailure('NOT_FOUND', "This store's hub does not know that clerk account yet.");
    return rows[0];
  };
  // lockDuration(n) = first × 2^(n−1), capped: with lockouts the count before this lock, that is first × 2^lockouts.
  const lockIfSpent = () =>
    pool.query<LockRow>(LOCK_IF_SPENT_SQL, [...args, now, MAX_PIN_ATTEMPTS, lockDuration(1), lockDuration(Infinity)]);
  if (input.step === 'count') {
    const { rows } = await pool.query<LockRow>(COUNT_ATTEMPT_SQL, [...args, now, MAX_PIN_ATTEMPTS]);
    if (rows[0]) return answer(true, rows[0]);
    // Spent and not locked: an attempt counted earlier may never bring its verdict (its counter crashed, or lost
    // the hub before saying 'wrong'). This one, past the limit, locks as a wrong PIN would, so the account is not
    // refused for good; a right PIN still on its way lifts the lock when it arrives.
    const locked = await lockIfSpent();
    return answer(false, locked.rows[0] ?? (await current()));
  }
  if (input.step === 'right') {
    const { rows } = await pool.query<LockRow>(CLEAR_SQL, args);
    return answer(true, rows[0] ?? (await current()));
  }
  const { rows } = await lockIfSpent();
  if (rows[0]) return answer(false, rows[0]);
  // Locked meanwhile by a count past the limit: this wrong PIN says so, rather than "5 attempts left".
  const row = await current();
  return answer(!(row.locked_until && row.locked_until > now), row);
}

export interface GrantView {
  clerk: { id: string; name: string };
  store: { id: string; name: string };
  scope: ReviewScope;
}

/**
 * `counterpart hub grant`: sets a clerk's review scope, stamped by the hub's clock so it wins over any earlier stamp,
 * and recorded in hub_audit. The clerk is named by name (one of that store's accounts) or by id.
 */
export async function grantScope(
  pool: Pool,
  input: { store: string; clerk: string; scope: ReviewScope; by: string },
  now: Date,
): Promise<GrantView> {
  return inTransaction(pool, async (client) => {
    const { rows: stores } = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM stores WHERE lower(name) = lower($1)',
      [input.store],
    );
    const store = stores[0];
    if (!store)
      throw new HubFailure('NOT_FOUND', `No store ${input.store} on this hub (see counterpart hub terminals).`);
    const { rows } = await client.query<{ id: string; name: string; role: string }>(
      `SELECT c.id, n.value #>> '{}' AS name, r.value #>> '{}' AS role
         FROM clerks c JOIN clerk_fields n ON n.clerk_id = c.id AND n.field = 'displayName'
         LEFT JOIN clerk_fields r ON r.clerk_id = c.id AND r.field = 'role'
        WHERE c.store_id = $1 AND (${UUID_V7.test(input.clerk) ? 'c.id = $2::uuid' : "lower(n.value #>> '{}') = lower($2)"})`,
      [store.id, input.clerk],
    );
    if (rows.length === 0)
      throw new HubFailure(
        'NOT_FOUND',
        `No clerk ${input.clerk} at ${store.name} on this hub yet (a counter shares its clerks when it syncs).`,
      );
    if (rows.length > 1)
      throw new HubFailure(
        'VALIDATION',
        `${store.name} has ${rows.length} clerks named ${input.clerk}: give the id (${rows.map((r) => r.id).join(', ')}).`,
      );
    const clerk = rows[0]!;
    if (input.scope === 'chain' && clerk.role === 'clerk') {
      throw new HubFailure(
        'VALIDATION',
        `${clerk.name} is a clerk; the review of other stores is for managers and admins.`,
      );
    }
    // The hub's clock, under the lock that guards it (push.ts), so the grant is stamped after everything seen.
    await client.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
    const kept = await client.query<{ last: string }>('SELECT last FROM hub_clock');
    const clock = new HybridClock(uuidv7(), () => now.getTime(), kept.rows[0]?.last ?? null);
    const hlc = clock.tick();
    await client.query(MERGE_CLERK_FIELDS_SQL, [clerk.id, JSON.stringify({ reviewScope: input.scope }), hlc]);
    await client.query(
      'INSERT INTO hub_clock (only_row, last) VALUES (true, $1) ON CONFLICT (only_row) DO UPDATE SET last = EXCLUDED.last',
      [hlc],
    );
    await client.query('INSERT INTO hub_audit (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5)', [
      now,
      input.by,
      'grant_scope',
      clerk.id,
      JSON.stringify({ store: store.id, scope: input.scope }),
    ]);
    return { clerk: { id: clerk.id, name: clerk.name }, store, scope: input.scope };
  });
}
