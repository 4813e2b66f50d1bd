// The common push: a terminal's batch of facts (interactions, purchases), nothing else. Every push queues on the
// feed's lock (push.ts, FEED_LOCK_KEY) until it commits, so what counts is how long the lock is held: applied one row
// and one round trip at a time, a batch of 20 held it for ~60 round trips, and on a busy machine each round trip is
// milliseconds of waiting for a CPU (bench:sync measured 277–490 interactions/s from 50 terminals). Here the whole
// push is one statement: a function run in autocommit, which inserts the facts in one INSERT before taking the lock,
// and under it writes the feed's rows in one INSERT and commits, with no round trip to this process in between.
//
// The function is a temporary one (pg_temp), made once per pooled connection: the SQL sits beside the code that calls
// it, and the hub's schema and its version are left alone. Its statements each see what committed before them
// (PL/pgSQL takes a new snapshot per statement), so the terminal's last applied mutation read after the lock is exact.
import type { Mutation } from '@common/sync/changes';
import { FACT_ENTITIES, factOrigin } from '@common/sync/changes';
import { HybridClock } from '@common/sync/hlc';
import type { Pool, PoolClient } from './pg';
import type { PushResult } from './push';
import type { Caller } from './terminals';

export type Append = Extract<Mutation, { kind: 'append' }>;

/**
 * - Idempotent by global id: facts known already (a batch sent again) insert nothing and get no feed row; a fact
 *   twice in one batch is inserted and fed once. A retried push waits on the first one's uncommitted rows, then
 *   finds them. Mutation ids at or below the terminal's last applied one are skipped, as in push.ts.
 * - Ordered: feed rows are numbered under the lock, in the batch's order, and the lock is held to the commit.
 * - Erasure wins: an erasure that committed while these facts were inserted (before the lock) did not see them; the
 *   facts of an erased customer lose their personal fields here, under the lock, so every erasure is seen either
 *   there or here.
 */
export const PUSH_FACTS_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION pg_temp.counterpart_push_facts(
  p_terminal uuid, p_store uuid, p_at timestamptz, p_origin jsonb, p_personal jsonb, p_clock text, p_lock bigint, p_channel text,
  p_mids bigint[], p_ids uuid[], p_entities text[], p_customers uuid[], p_hlcs text[], p_fields jsonb[])
RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  seen bigint;
  applied bigint;
  newest bigint := (SELECT max(m) FROM unnest(p_mids) AS m);
  mine uuid[];
BEGIN
  SELECT last_mutation_id INTO seen FROM terminals WHERE id = p_terminal;
  WITH added AS (
    INSERT INTO facts (id, entity, customer_id, hlc, fields, origin_store_id, origin_terminal_id, recorded_at)
    SELECT x.id, x.entity, x.customer_id, x.hlc, x.fields || p_origin, p_store, p_terminal, p_at
      FROM unnest(p_ids, p_entities, p_customers, p_hlcs, p_fields, p_mids) AS x(id, entity, customer_id, hlc, fields, mid)
     WHERE x.mid > seen
    ON CONFLICT (id) DO NOTHING
    RETURNING id)
  SELECT coalesce(array_agg(id), '{}') INTO mine FROM added;

  PERFORM pg_advisory_xact_lock(p_lock);
  SELECT last_mutation_id INTO applied FROM terminals WHERE id = p_terminal;
  IF applied >= newest THEN
    -- The same mutations committed while this push waited: what it inserted is not its own.
    DELETE FROM facts WHERE id = ANY(mine);
    RETURN applied;
  END IF;
  -- Inserted for a mutation id that another push of this terminal applied meanwhile: not this push's either.
  DELETE FROM facts WHERE id = ANY(mine)
     AND id NOT IN (SELECT x.id FROM unnest(p_ids, p_mids) AS x(id, mid) WHERE x.mid > applied);
  INSERT INTO changes (entity, entity_id, kind, hlc, body, origin_store_id, origin_terminal_id, committed_at)
  SELECT f.entity, f.id, 'append', f.hlc, NULL, p_store, p_terminal, p_at
    FROM (SELECT DISTINCT ON (x.id) x.id, x.entity, x.hlc, x.n
            FROM unnest(p_ids, p_entities, p_hlcs, p_mids) WITH ORDINALITY AS x(id, entity, hlc, mid, n)
           WHERE x.mid > applied AND x.id = ANY(mine)
           ORDER BY x.id, x.n) AS f
   ORDER BY f.n;
  UPDATE facts f SET fields = f.fields - ARRAY(SELECT jsonb_array_elements_text(p_personal -> f.entity))
   WHERE f.id = ANY(mine) AND p_personal ? f.entity
     AND f.customer_id IN (SELECT c.id FROM customers c WHERE c.erased_at IS NOT NULL);
  UPDATE terminals SET last_mutation_id = newest WHERE id = p_terminal;
  INSERT INTO hub_clock (only_row, last) VALUES (true, p_clock)
    ON CONFLICT (only_row) DO UPDATE SET last = GREATEST(hub_clock.last, EXCLUDED.last);
  PERFORM pg_notify(p_channel, '');
  RETURN newest;
END
$fn$`;

export const PUSH_FACTS_SQL =
  'SELECT pg_temp.counterpart_push_facts($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) AS last';

/** Each fact entity with personal fields, and those fields: what the function blanks for an erased customer. */
const PERSONAL = JSON.stringify(
  Object.fromEntries(
    Object.entries(FACT_ENTITIES)
      .filter(([, spec]) => spec.personal.length > 0)
      .map(([entity, spec]) => [entity, spec.personal]),
  ),
);

/** Connections that hold the function (it lives as long as the connection). */
const ready = new WeakSet<PoolClient>();

/**
 * A push this path takes: facts only, none stamped too far ahead (those are re-stamped by the hub's clock, one by
 * one, in push.ts).
 */
export function factsOnly(mutations: Mutation[], now: Date, node: string): mutations is Append[] {
  const wall = new HybridClock(node, () => now.getTime());
  return mutations.every((m) => m.kind === 'append' && !wall.tooFarAhead(m.hlc));
}

export async function pushFacts(
  pool: Pool,
  caller: Caller,
  facts: Append[],
  now: Date,
  lock: { key: string; channel: string },
): Promise<PushResult> {
  // The latest stamp of the batch: the hub's clock only moves forward to it (none is too far ahead, see factsOnly).
  const clock = new HybridClock(caller.terminal.id, () => now.getTime());
  for (const m of facts) clock.observe(m.hlc);
  const client = await pool.connect();
  try {
    if (!ready.has(client)) {
      await client.query(PUSH_FACTS_FUNCTION_SQL);
      ready.add(client);
    }
    const { rows } = await client.query<{ last: string }>(PUSH_FACTS_SQL, [
      caller.terminal.id,
      caller.store.id,
      now,
      JSON.stringify(factOrigin(caller)),
      PERSONAL,
      clock.current(),
      lock.key,
      lock.channel,
      facts.map((m) => m.mutationId),
      facts.map((m) => m.id),
      facts.map((m) => m.entity),
      facts.map((m) => m.customerId),
      facts.map((m) => m.hlc),
      facts.map((m) => JSON.stringify(m.fields)),
    ]);
    return { lastMutationId: Number(rows[0]!.last), restamped: 0 };
  } finally {
    client.release();
  }
}
