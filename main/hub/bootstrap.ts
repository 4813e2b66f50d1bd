// A page of a new terminal's bootstrap (common/sync/bootstrap.ts), read from the hub's tables as they are now:
// customers with every field's value and stamp (an erased one as its erasure, an alias followed by its merge), or
// facts from the history window. Keyset pages by id, so every page costs the same however deep the terminal is.
import type { BootstrapRequest, BootstrapResponse } from '@common/sync/bootstrap';
import { firstIdAt } from '@common/sync/bootstrap';
import { TIMELESS_FACTS, type Change } from '@common/sync/changes';
import { DEFAULT_PULL_LIMIT, feedEnd } from './feed';
import type { Pool } from './pg';

export const CUSTOMER_PAGE_SQL = `SELECT c.id, c.erased_hlc, c.origin_store_id, c.origin_terminal_id,
       (SELECT jsonb_object_agg(f.field, jsonb_build_object('value', f.value, 'hlc', f.hlc)) FROM customer_fields f WHERE f.customer_id = c.id) AS fields,
       (SELECT max(f.hlc) FROM customer_fields f WHERE f.customer_id = c.id) AS hlc,
       m.id AS merge_id, m.survivor_id, m.merged_at
  FROM customers c LEFT JOIN customer_merges m ON m.alias_id = c.id AND m.undone_at IS NULL
 WHERE c.id > $1
 ORDER BY c.id
 LIMIT $2`;

export const FACT_PAGE_SQL = `SELECT id, entity, customer_id, hlc, fields, origin_store_id, origin_terminal_id
  FROM facts WHERE id > $1 ORDER BY id LIMIT $2`;

/**
 * The playbook's facts from before the history window (TIMELESS_FACTS), all of them, on the facts phase's first page:
 * a new terminal needs every template whatever its age. They are few (a chain's templates and their edits), and
 * those inside the window come again with the pages, which changes nothing (facts are kept once by id).
 */
export const TIMELESS_FACTS_SQL = `SELECT id, entity, customer_id, hlc, fields, origin_store_id, origin_terminal_id
  FROM facts WHERE entity = ANY($1) AND id < $2 ORDER BY id`;

interface CustomerPageRow {
  id: string;
  erased_hlc: string | null;
  origin_store_id: string;
  origin_terminal_id: string;
  fields: Record<string, { value: unknown; hlc: string }> | null;
  hlc: string | null;
  merge_id: string | null;
  survivor_id: string | null;
}

function customerChanges(r: CustomerPageRow): Change[] {
  const origin = { storeId: r.origin_store_id, terminalId: r.origin_terminal_id };
  // The link goes with an erased alias too: the terminals that followed the feed hold it, and an unmerge may follow.
  const link = (hlc: string): Change[] =>
    r.merge_id && r.survivor_id
      ? [{ entity: 'customer', kind: 'merge', id: r.id, hlc, survivorId: r.survivor_id, mergeId: r.merge_id, origin }]
      : [];
  if (r.erased_hlc)
    return [{ entity: 'customer', kind: 'erase', id: r.id, hlc: r.erased_hlc, origin }, ...link(r.erased_hlc)];
  if (!r.fields || !r.hlc) return []; // known only as named by a fact: nothing to show
  return [{ entity: 'customer', kind: 'upsert', id: r.id, hlc: r.hlc, fields: r.fields, origin }, ...link(r.hlc)];
}

interface FactRow {
  id: string;
  entity: string;
  customer_id: string | null;
  hlc: string;
  fields: Record<string, unknown>;
  origin_store_id: string;
  origin_terminal_id: string;
}

/** The smallest id, below every UUID: where a phase starts. */
const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

export async function bootstrapPage(pool: Pool, input: BootstrapRequest): Promise<BootstrapResponse> {
  const limit = input.limit ?? DEFAULT_PULL_LIMIT;
  const first = input.after === null;
  const windowStart = firstIdAt(new Date(input.since).getTime());
  // Read before the page, so whatever changes while the terminal pages arrives again through the feed.
  const feedCursor = first ? await feedEnd(pool) : null;
  if (input.phase === 'customers') {
    const total = first
      ? Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM customers')).rows[0]!.n)
      : null;
    const { rows } = await pool.query<CustomerPageRow>(CUSTOMER_PAGE_SQL, [input.after ?? BEFORE_ALL, limit]);
    return {
      changes: rows.flatMap(customerChanges),
      after: rows.length < limit ? null : rows.at(-1)!.id,
      total,
      feedCursor,
    };
  }
  const after = input.after ?? (windowStart > BEFORE_ALL ? windowStart : BEFORE_ALL);
  const total = first
    ? Number(
        (await pool.query<{ n: string }>('SELECT count(*) AS n FROM facts WHERE id >= $1', [windowStart])).rows[0]!.n,
      )
    : null;
  const { rows } = await pool.query<FactRow>(FACT_PAGE_SQL, [after, limit]);
  const timeless = first ? (await pool.query<FactRow>(TIMELESS_FACTS_SQL, [TIMELESS_FACTS, windowStart])).rows : [];
  const changes = [...timeless, ...rows].map(
    (r) =>
      ({
        entity: r.entity,
        kind: 'append',
        id: r.id,
        hlc: r.hlc,
        customerId: r.customer_id,
        fields: r.fields,
        origin: { storeId: r.origin_store_id, terminalId: r.origin_terminal_id },
      }) as Change,
  );
  return { changes, after: rows.length < limit ? null : rows.at(-1)!.id, total, feedCursor };
}
