// Applying a terminal's push: per terminal idempotent (mutation ids), per customer field last writer wins, facts
// append-only, erasure final. One push is one transaction; its changes enter the feed in commit order.
import type { Mutation } from '@common/sync/changes';
import { FACT_ENTITIES, factOrigin } from '@common/sync/changes';
import { HybridClock } from '@common/sync/hlc';
import { inTransaction, type Pool, type PoolClient } from './pg';
import { LINKING_FIELDS, linkSamePerson, sameRecords } from './merges';
import { factsOnly, pushFacts } from './push-facts';
import type { Caller } from './terminals';

/**
 * Transaction-level advisory lock every push takes first ("CptFeed!" in ASCII). Pushes then commit one after
 * another, so feed numbers are handed out in commit order and a pull that has read up to seq N never later finds a
 * smaller number committed behind it. Pushes are short (one batch, no network inside), so a single queue is cheap;
 * bench:sync measures it.
 */
export const FEED_LOCK_KEY = '4859511843630441505';
/** Every hub process LISTENs on this channel; a push NOTIFYs it, delivered when the push commits. */
export const FEED_CHANNEL = 'counterpart_changes';

export interface PushResult {
  lastMutationId: number;
  restamped: number;
}

export interface Push {
  client: PoolClient;
  /** Whose change it is: a terminal, or the hub itself on a store's behalf (an unmerge, merges.ts). */
  caller: Pick<Caller, 'store' | 'terminal'>;
  now: Date;
}

/** Puts one change in the feed, numbered in commit order (the caller holds FEED_LOCK_KEY). */
export async function feed(
  p: Push,
  m: { entity: string; id: string; kind: string },
  hlc: string,
  body: unknown,
): Promise<void> {
  await p.client.query(
    `INSERT INTO changes (entity, entity_id, kind, hlc, body, origin_store_id, origin_terminal_id, committed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      m.entity,
      m.id,
      m.kind,
      hlc,
      body === null ? null : JSON.stringify(body),
      p.caller.store.id,
      p.caller.terminal.id,
      p.now,
    ],
  );
}

/** The customer's row (made on first sight, by whichever change comes first); whether it is erased. */
async function customerRow(p: Push, id: string): Promise<{ erased: boolean }> {
  await p.client.query(
    `INSERT INTO customers (id, origin_store_id, origin_terminal_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
    [id, p.caller.store.id, p.caller.terminal.id, p.now],
  );
  const { rows } = await p.client.query<{ erased: boolean }>(
    'SELECT erased_at IS NOT NULL AS erased FROM customers WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

/** Sets each field whose stored stamp is older than this one; the feed gets every touched field's state after. */
export const MERGE_FIELDS_SQL = `INSERT INTO customer_fields (customer_id, field, value, hlc)
SELECT $1, f.key, f.value, $3 FROM jsonb_each($2::jsonb) AS f
ON CONFLICT (customer_id, field) DO UPDATE SET value = EXCLUDED.value, hlc = EXCLUDED.hlc
 WHERE customer_fields.hlc < EXCLUDED.hlc`;

async function upsertCustomer(p: Push, m: Extract<Mutation, { kind: 'upsert' }>, hlc: string): Promise<void> {
  // Erasure wins over every write, earlier or later: an edit that arrives after it is dropped.
  if ((await customerRow(p, m.id)).erased) return;
  await p.client.query(MERGE_FIELDS_SQL, [m.id, JSON.stringify(m.fields), hlc]);
  const { rows } = await p.client.query<{ field: string; value: unknown; hlc: string }>(
    'SELECT field, value, hlc FROM customer_fields WHERE customer_id = $1 AND field = ANY($2)',
    [m.id, Object.keys(m.fields)],
  );
  await feed(p, m, hlc, { fields: Object.fromEntries(rows.map((r) => [r.field, { value: r.value, hlc: r.hlc }])) });
  if (LINKING_FIELDS.some((f) => f in m.fields)) await linkSamePerson(p, m.id, hlc);
}

/** Blanks a person's own words in each fact entity's stored fields. */
const SCRUB_FACTS = Object.entries(FACT_ENTITIES).filter(([, spec]) => spec.personal.length > 0);

async function eraseCustomer(p: Push, m: Extract<Mutation, { kind: 'erase' }>, hlc: string): Promise<void> {
  await customerRow(p, m.id);
  const erased = await p.client.query(
    'UPDATE customers SET erased_at = $2, erased_hlc = $3 WHERE id = $1 AND erased_at IS NULL',
    [m.id, p.now, hlc],
  );
  if (erased.rowCount === 0) return; // erased before: nothing more to do or to tell
  await p.client.query('DELETE FROM customer_fields WHERE customer_id = $1', [m.id]);
  // Changes pulled later must not bring the values back either.
  await p.client.query(
    `UPDATE changes SET body = '{"fields":{}}' WHERE entity = 'customer' AND entity_id = $1 AND kind = 'upsert'`,
    [m.id],
  );
  for (const [entity, spec] of SCRUB_FACTS) {
    await p.client.query('UPDATE facts SET fields = fields - $3::text[] WHERE customer_id = $1 AND entity = $2', [
      m.id,
      entity,
      spec.personal,
    ]);
  }
  await feed(p, m, hlc, null);
  // The hub's other records of this person go too (merges.ts): an erasure is of a person, not of one record.
  for (const other of await sameRecords(p.client, m.id)) await eraseCustomer(p, { ...m, id: other }, hlc);
}

async function appendFact(p: Push, m: Extract<Mutation, { kind: 'append' }>, hlc: string): Promise<void> {
  // Where it was recorded, as this hub names the pushing terminal (not as the terminal says): "Galway, till-2".
  let fields: Record<string, unknown> = { ...m.fields, ...factOrigin(p.caller) };
  if (m.customerId) {
    const { rows } = await p.client.query('SELECT 1 FROM customers WHERE id = $1 AND erased_at IS NOT NULL', [
      m.customerId,
    ]);
    // A fact logged offline for a customer erased meanwhile is kept, anonymous.
    if (rows.length > 0)
      fields = Object.fromEntries(
        Object.entries(fields).filter(([k]) => !(FACT_ENTITIES[m.entity].personal as readonly string[]).includes(k)),
      );
  }
  const inserted = await p.client.query(
    `INSERT INTO facts (id, entity, customer_id, hlc, fields, origin_store_id, origin_terminal_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [m.id, m.entity, m.customerId, hlc, JSON.stringify(fields), p.caller.store.id, p.caller.terminal.id, p.now],
  );
  if (inserted.rowCount === 1) await feed(p, m, hlc, null);
}

export async function applyPush(pool: Pool, caller: Caller, mutations: Mutation[], now: Date): Promise<PushResult> {
  // The common push, facts only, in one statement (push-facts.ts); the rest one by one, here.
  if (factsOnly(mutations, now, caller.terminal.id))
    return pushFacts(pool, caller, mutations, now, { key: FEED_LOCK_KEY, channel: FEED_CHANNEL });
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
    const { rows } = await client.query<{ last: string }>(
      'SELECT last_mutation_id AS last FROM terminals WHERE id = $1',
      [caller.terminal.id],
    );
    const applied = Number(rows[0]!.last);
    const fresh = mutations.filter((m) => m.mutationId > applied);
    if (fresh.length === 0) return { lastMutationId: applied, restamped: 0 };

    const kept = await client.query<{ last: string }>('SELECT last FROM hub_clock');
    const clock = new HybridClock(caller.terminal.id, () => now.getTime(), kept.rows[0]?.last ?? null);
    const p: Push = { client, caller, now };
    let restamped = 0;
    for (const m of fresh) {
      let hlc = m.hlc;
      if (clock.tooFarAhead(hlc)) {
        hlc = clock.tick();
        restamped += 1;
      } else {
        clock.observe(hlc);
      }
      if (m.kind === 'upsert') await upsertCustomer(p, m, hlc);
      else if (m.kind === 'erase') await eraseCustomer(p, m, hlc);
      else await appendFact(p, m, hlc);
    }
    const last = fresh.at(-1)!.mutationId;
    await client.query('UPDATE terminals SET last_mutation_id = $2 WHERE id = $1', [caller.terminal.id, last]);
    await client.query(
      'INSERT INTO hub_clock (only_row, last) VALUES (true, $1) ON CONFLICT (only_row) DO UPDATE SET last = EXCLUDED.last',
      [clock.current()],
    );
    await client.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, '']);
    return { lastMutationId: last, restamped };
  });
}
