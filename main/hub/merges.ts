// The same person created offline at two stores: the hub links them. When a pushed customer shares a card, email or
// phone with another customer (compared by identifier_key, migration 0003-merges) and the names agree by the rule
// the import uses (common/same-person.ts), one becomes an alias of the other in the push's own transaction and the
// feed says so, so every terminal resolves the alias to the survivor. Names that disagree make a conflict listed for
// a manager, never a merge: a wrong merge would hand one person's history to another unnoticed.
//
// Which id survives: the older, by the creation time its UUID v7 carries (ties by the rest of the id). It is known
// by more terminals and more facts already name it, and the choice depends only on the two ids, so it is the same
// whichever store's push arrives first and on whichever hub process.
//
// Nothing is rewritten: facts keep naming the customer they were logged for, and the alias keeps its own fields.
// Resolving follows the active merges to the root, so a manager's undo (unmergeCustomers) gives the alias back its
// own facts at once, on the hub and, through the feed, on every terminal. An undone merge stays recorded as the
// manager's word that the two are different people: the pair is never merged again.
import { samePerson } from '@common/same-person';
import { HybridClock } from '@common/sync/hlc';
import { uuidv7, UUID_V7 } from '@common/sync/ids';
import { type ConflictView, IDENTIFIER_FIELDS, type IdentifierField, type MergeView } from '@common/sync/merges';
import { HubFailure } from './errors';
import { inTransaction, type Pool, type PoolClient } from './pg';
import { feed, FEED_CHANNEL, FEED_LOCK_KEY, type Push } from './push';

export { type ConflictView, IDENTIFIER_FIELDS, type IdentifierField, type MergeView };
/** A change of one of these can make or unmake a match; an edit of anything else (notes, tags) is not looked at. */
export const LINKING_FIELDS: readonly string[] = [...IDENTIFIER_FIELDS, 'firstName', 'lastName'];

/** Other live customers sharing an identifier with $1, the card first (the surest), then email, then phone. */
export const SHARED_IDENTIFIERS_SQL = `SELECT o.customer_id AS other, o.field
  FROM customer_fields mine
  JOIN customer_fields o ON o.field = mine.field AND o.customer_id <> mine.customer_id
   AND identifier_key(o.field, o.value) = identifier_key(mine.field, mine.value)
   -- Said again of o, or the planner cannot use the partial index customer_fields_identifier.
   AND o.field IN ('email', 'phone', 'loyaltyId')
  JOIN customers c ON c.id = o.customer_id AND c.erased_at IS NULL
 WHERE mine.customer_id = $1 AND mine.field IN ('email', 'phone', 'loyaltyId') AND identifier_key(mine.field, mine.value) <> ''
 ORDER BY array_position(ARRAY['loyaltyId', 'email', 'phone'], o.field::text), o.customer_id`;

/** Where an id lands: the end of its chain of active merges. */
export const ROOT_SQL = `WITH RECURSIVE up(id, depth) AS (
  SELECT $1::uuid, 0
  UNION ALL
  SELECT m.survivor_id, up.depth + 1 FROM up JOIN customer_merges m ON m.alias_id = up.id AND m.undone_at IS NULL WHERE up.depth < 100
) SELECT id FROM up ORDER BY depth DESC LIMIT 1`;

/** An id and every id that resolves to it. */
export const TREE_SQL = `WITH RECURSIVE down(id, depth) AS (
  SELECT $1::uuid, 0
  UNION ALL
  SELECT m.alias_id, down.depth + 1 FROM down JOIN customer_merges m ON m.survivor_id = down.id AND m.undone_at IS NULL WHERE down.depth < 100
) SELECT id FROM down ORDER BY depth, id`;

type Queryable = Pick<PoolClient, 'query'>;

export async function rootOf(db: Queryable, id: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(ROOT_SQL, [id]);
  return rows[0]!.id;
}

/** The other records linked with `id` as one person: its root and every alias of that root, without `id`. */
export async function sameRecords(db: Queryable, id: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(TREE_SQL, [await rootOf(db, id)]);
  return rows.map((r) => r.id).filter((r) => r !== id);
}

async function namesOf(db: Queryable, id: string): Promise<{ first: string | null; last: string | null }> {
  const { rows } = await db.query<{ field: string; value: unknown }>(
    "SELECT field, value FROM customer_fields WHERE customer_id = $1 AND field IN ('firstName', 'lastName')",
    [id],
  );
  const get = (f: string) => {
    const v = rows.find((r) => r.field === f)?.value;
    return typeof v === 'string' ? v : null;
  };
  return { first: get('firstName'), last: get('lastName') };
}

async function undoneBetween(db: Queryable, a: string, b: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM customer_merges WHERE undone_at IS NOT NULL
       AND ((alias_id = $1 AND survivor_id = $2) OR (alias_id = $2 AND survivor_id = $1))`,
    [a, b],
  );
  return rows.length > 0;
}

/**
 * After a push changed customer `id`: links it to every live customer that shares a card, email or phone with it
 * and is the same person by name; records a conflict for one that is not. Runs inside the push's transaction, under
 * the feed lock, so two pushes never merge the same pair twice.
 */
export async function linkSamePerson(p: Push, id: string, hlc: string): Promise<void> {
  const { rows } = await p.client.query<{ other: string; field: IdentifierField }>(SHARED_IDENTIFIERS_SQL, [id]);
  const seen = new Set<string>();
  for (const { other, field } of rows) {
    if (seen.has(other)) continue;
    seen.add(other);
    const [a, b] = [await rootOf(p.client, id), await rootOf(p.client, other)];
    if (a === b) continue;
    if ((await undoneBetween(p.client, id, other)) || (await undoneBetween(p.client, a, b))) continue;
    const [mine, theirs] = [await namesOf(p.client, id), await namesOf(p.client, other)];
    if (!samePerson(mine.first, mine.last, theirs.first, theirs.last)) {
      await p.client.query(
        `INSERT INTO customer_conflicts (customer_a, customer_b, matched_on, found_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id < other ? id : other, id < other ? other : id, field, p.now],
      );
      continue;
    }
    const [survivor, alias] = a < b ? [a, b] : [b, a];
    const mergeId = uuidv7(p.now.getTime());
    await p.client.query(
      'INSERT INTO customer_merges (id, alias_id, survivor_id, matched_on, merged_at) VALUES ($1, $2, $3, $4, $5)',
      [mergeId, alias, survivor, field, p.now],
    );
    await feed(p, { entity: 'customer', id: alias, kind: 'merge' }, hlc, { survivorId: survivor, mergeId });
  }
}

/** A customer as a manager sees it in these lists: the name (null once erased) and the store it was made at. */
const PERSON_SQL = (col: string) => `(SELECT nullif(btrim(concat_ws(' ', fn.value #>> '{}', ln.value #>> '{}')), '')
    FROM customers c LEFT JOIN customer_fields fn ON fn.customer_id = c.id AND fn.field = 'firstName'
    LEFT JOIN customer_fields ln ON ln.customer_id = c.id AND ln.field = 'lastName' WHERE c.id = ${col})`;
const STORE_SQL = (col: string) =>
  `(SELECT s.name FROM customers c JOIN stores s ON s.id = c.origin_store_id WHERE c.id = ${col})`;

/** Whether either of a row's two records was made at store $1 ($1 null: every row passes). */
const TOUCHES_STORE_SQL = (a: string, b: string) =>
  `($1::uuid IS NULL OR EXISTS (SELECT 1 FROM customers c WHERE c.id IN (${a}, ${b}) AND c.origin_store_id = $1))`;

/**
 * The merges, newest first. With `storeId`, only those that touch that store (either record made there): what its
 * managers see and may undo.
 */
export async function listMerges(pool: Pool, opts: { storeId?: string; limit?: number } = {}): Promise<MergeView[]> {
  const { rows } = await pool.query<{
    id: string;
    alias_id: string;
    survivor_id: string;
    alias_name: string | null;
    survivor_name: string | null;
    alias_store: string;
    survivor_store: string;
    matched_on: IdentifierField;
    merged_at: Date;
    undone_at: Date | null;
    undone_by: string | null;
  }>(
    `SELECT m.id, m.alias_id, m.survivor_id, ${PERSON_SQL('m.alias_id')} AS alias_name, ${PERSON_SQL('m.survivor_id')} AS survivor_name,
            ${STORE_SQL('m.alias_id')} AS alias_store, ${STORE_SQL('m.survivor_id')} AS survivor_store,
            m.matched_on, m.merged_at, m.undone_at, m.undone_by
       FROM customer_merges m
      WHERE ${TOUCHES_STORE_SQL('m.alias_id', 'm.survivor_id')}
      ORDER BY m.merged_at DESC, m.id DESC LIMIT $2`,
    [opts.storeId ?? null, opts.limit ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    alias: { id: r.alias_id, name: r.alias_name, store: r.alias_store },
    survivor: { id: r.survivor_id, name: r.survivor_name, store: r.survivor_store },
    matchedOn: r.matched_on,
    mergedAt: r.merged_at.toISOString(),
    undoneAt: r.undone_at?.toISOString() ?? null,
    undoneBy: r.undone_by,
  }));
}

/**
 * The pairs the hub refused to link, newest first. With `storeId`, only those touching that store (either record made
 * there), as with the merges: a manager sees their own store's, never two other stores' customers.
 */
export async function listConflicts(
  pool: Pool,
  opts: { storeId?: string; limit?: number } = {},
): Promise<ConflictView[]> {
  const { rows } = await pool.query<{
    customer_a: string;
    customer_b: string;
    a_name: string | null;
    b_name: string | null;
    a_store: string;
    b_store: string;
    matched_on: IdentifierField;
    found_at: Date;
  }>(
    `SELECT customer_a, customer_b, ${PERSON_SQL('customer_a')} AS a_name, ${PERSON_SQL('customer_b')} AS b_name,
            ${STORE_SQL('customer_a')} AS a_store, ${STORE_SQL('customer_b')} AS b_store, matched_on, found_at
       FROM customer_conflicts
      WHERE ${TOUCHES_STORE_SQL('customer_a', 'customer_b')}
      ORDER BY found_at DESC, customer_a, customer_b LIMIT $2`,
    [opts.storeId ?? null, opts.limit ?? null],
  );
  return rows.map((r) => ({
    a: { id: r.customer_a, name: r.a_name, store: r.a_store },
    b: { id: r.customer_b, name: r.b_name, store: r.b_store },
    matchedOn: r.matched_on,
    foundAt: r.found_at.toISOString(),
  }));
}

/**
 * Undoes a merge: the alias is its own customer again (with its own facts, which always named it), everywhere, as
 * the feed tells every terminal. Audited with who asked. The pair is never merged again by itself.
 */
export async function unmergeCustomers(
  pool: Pool,
  input: { mergeId: string; actor: string; now: Date; storeId?: string },
): Promise<MergeView> {
  if (!UUID_V7.test(input.mergeId))
    throw new HubFailure('VALIDATION', `"${input.mergeId}" is not a merge id (see counterpart hub merges).`);
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
    const { rows } = await client.query<{
      alias_id: string;
      survivor_id: string;
      undone_at: Date | null;
      origin_store_id: string;
      origin_terminal_id: string;
      survivor_store_id: string;
    }>(
      `SELECT m.alias_id, m.survivor_id, m.undone_at, c.origin_store_id, c.origin_terminal_id,
              (SELECT s.origin_store_id FROM customers s WHERE s.id = m.survivor_id) AS survivor_store_id
         FROM customer_merges m JOIN customers c ON c.id = m.alias_id WHERE m.id = $1 FOR UPDATE OF m`,
      [input.mergeId],
    );
    const merge = rows[0];
    if (!merge) throw new HubFailure('NOT_FOUND', `No merge ${input.mergeId} (see counterpart hub merges).`);
    // A store's manager answers for the merges of their own store's customers, not for two other stores'.
    if (input.storeId && merge.origin_store_id !== input.storeId && merge.survivor_store_id !== input.storeId) {
      throw new HubFailure(
        'FORBIDDEN',
        "Neither record of this merge was made at this store: a manager of one of those stores, or the hub's operator, can undo it.",
      );
    }
    if (merge.undone_at)
      throw new HubFailure(
        'CONFLICT',
        `Merge ${input.mergeId} was undone already, at ${merge.undone_at.toISOString()}.`,
      );
    await client.query('UPDATE customer_merges SET undone_at = $2, undone_by = $3 WHERE id = $1', [
      input.mergeId,
      input.now,
      input.actor,
    ]);
    // The hub's own clock stamps the change (a manager's act has no terminal clock behind it).
    const kept = await client.query<{ last: string }>('SELECT last FROM hub_clock');
    const clock = new HybridClock(input.mergeId, () => input.now.getTime(), kept.rows[0]?.last ?? null);
    const hlc = clock.tick();
    await client.query(
      'INSERT INTO hub_clock (only_row, last) VALUES (true, $1) ON CONFLICT (only_row) DO UPDATE SET last = EXCLUDED.last',
      [hlc],
    );
    const p: Push = {
      client,
      caller: { store: { id: merge.origin_store_id, name: '' }, terminal: { id: merge.origin_terminal_id, name: '' } },
      now: input.now,
    };
    await feed(p, { entity: 'customer', id: merge.alias_id, kind: 'unmerge' }, hlc, {
      survivorId: merge.survivor_id,
      mergeId: input.mergeId,
    });
    await client.query('INSERT INTO hub_audit (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5)', [
      input.now,
      input.actor,
      'customer.unmerge',
      input.mergeId,
      JSON.stringify({ alias: merge.alias_id, survivor: merge.survivor_id }),
    ]);
    await client.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, '']);
  });
  return (await listMerges(pool)).find((m) => m.id === input.mergeId)!;
}

export interface HubCustomer {
  /** The id asked for resolves here. */
  id: string;
  /** Every id that resolves to it (the aliases, at any depth). */
  aliases: string[];
  fields: Record<string, unknown>;
  /** The facts of the customer and its aliases, oldest first. */
  facts: { id: string; entity: string; customerId: string; fields: Record<string, unknown> }[];
}

/** A lookup on the hub: an alias lands on its survivor, with the merged history. */
export async function customerOnHub(pool: Pool, id: string): Promise<HubCustomer | null> {
  const root = await rootOf(pool, id);
  const tree = (await pool.query<{ id: string }>(TREE_SQL, [root])).rows.map((r) => r.id);
  const found = await pool.query('SELECT 1 FROM customers WHERE id = $1', [root]);
  if (found.rows.length === 0) return null;
  const fields = await pool.query<{ field: string; value: unknown }>(
    'SELECT field, value FROM customer_fields WHERE customer_id = $1',
    [root],
  );
  const facts = await pool.query<{ id: string; entity: string; customer_id: string; fields: Record<string, unknown> }>(
    'SELECT id, entity, customer_id, fields FROM facts WHERE customer_id = ANY($1) ORDER BY id',
    [tree],
  );
  return {
    id: root,
    aliases: tree.filter((t) => t !== root),
    fields: Object.fromEntries(fields.rows.map((r) => [r.field, r.value])),
    facts: facts.rows.map((r) => ({ id: r.id, entity: r.entity, customerId: r.customer_id, fields: r.fields })),
  };
}
