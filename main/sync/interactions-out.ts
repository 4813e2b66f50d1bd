// An interaction leaving this terminal: the outbox names it (trigger sync_interaction_logged, migration
// 0015-sync-interactions); this reads it as it is when sent (an erasure meanwhile has already blanked and unlinked
// it) and turns local ids into global ones: the customer, the clerk, the entry an amendment corrects, the issues it
// settles. An entry its customer's erasure unlinked still names that customer (the outbox row kept the global id:
// migration 0018-sync-erased-entries), so the hub and the other terminals treat it as an erased customer's entry.
import { uuidv7 } from '@common/sync/ids';
import type { Mutation } from '@common/sync/changes';
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';
import { INTERACTION_FIELDS } from './interaction-fields';
import { useStyleOf } from './playbook-uses';

type Row = Record<string, string | number | null> & {
  customer_id: number | null;
  clerk_id: number;
  amends_id: number | null;
};

const statements = preparedFor((db: DB) => ({
  interaction: db.prepare<[number], Row>('SELECT * FROM interactions WHERE id = ?'),
  globalId: db.prepare<[string, number], { global_id: string }>(
    'SELECT global_id FROM sync_ids WHERE entity = ? AND row_id = ?',
  ),
  settled: db.prepare<[number], { global_id: string }>(
    `SELECT s.global_id FROM interaction_resolves r JOIN sync_ids s ON s.entity = 'interaction' AND s.row_id = r.issue_id
      WHERE r.interaction_id = ? ORDER BY r.issue_id`,
  ),
  clerk: db.prepare<[number], { display_name: string; global_id: string | null }>(
    'SELECT c.display_name, s.global_id FROM clerks c LEFT JOIN sync_clerks s ON s.clerk_id = c.id WHERE c.id = ?',
  ),
  nameClerk: db.prepare<[string, number]>('INSERT INTO sync_clerks (global_id, clerk_id, stand_in) VALUES (?, ?, 0)'),
  /** Queues what the store held when it joined, after its customers (an entry names its customer). */
  queueAll: db.prepare(
    `INSERT INTO sync_outbox (entity, row_id, kind, at_ms)
     SELECT 'interaction', id, 'append', CAST(unixepoch(created_at, 'subsec') * 1000 AS INTEGER) FROM interactions ORDER BY id`,
  ),
}));

/** Queues every interaction the store holds: joining a hub shares the history it had. Inside startOutbox's transaction. */
export const queueInteractions = (db: DB): number => statements(db).queueAll.run().changes;

/** The clerk's id across the chain, made the first time an entry (or template) of theirs leaves. Inside a write transaction. */
export function clerkOf(db: DB, clerkId: number): { clerkId: string; clerkName: string } {
  const s = statements(db);
  const c = s.clerk.get(clerkId)!;
  let id = c.global_id;
  if (id === null) {
    id = uuidv7();
    s.nameClerk.run(id, clerkId);
  }
  return { clerkId: id, clerkName: c.display_name };
}

/** The customer an erasure unlinked the entry from, as its outbox row (`fields`) kept it; null when none did. */
function unlinkedFrom(fields: string | null): string | null {
  if (fields === null) return null;
  const kept = (JSON.parse(fields) as { customerId?: unknown }).customerId;
  return typeof kept === 'string' ? kept : null;
}

/**
 * The mutation for the outbox row of interaction `rowId` (`fields`: the row's own column); null when the row is gone
 * (it never is: append-only).
 */
export function interactionMutation(
  db: DB,
  rowId: number,
  fields: string | null,
  base: Pick<Mutation, 'mutationId' | 'id' | 'hlc'>,
): Mutation | null {
  const s = statements(db);
  const row = s.interaction.get(rowId);
  if (!row) return null;
  const gid = (entity: string, id: number | null) =>
    id === null ? null : (s.globalId.get(entity, id)?.global_id ?? null);
  const values: Record<string, string | number | null | string[]> = {};
  for (const f of INTERACTION_FIELDS) values[f.field] = row[f.column] ?? null;
  Object.assign(values, clerkOf(db, row.clerk_id));
  values.amendsId = gid('interaction', row.amends_id);
  values.resolves = s.settled.all(rowId).map((r) => r.global_id);
  // The customer's style when the suggestion was used: the learning counts are per style (playbook-uses.ts).
  const useStyle = useStyleOf(db, rowId);
  if (useStyle !== null) values.useStyle = useStyle;
  const customerId = gid('customer', row.customer_id) ?? unlinkedFrom(fields);
  return { ...base, entity: 'interaction', kind: 'append', customerId, fields: values };
}
