// An interaction pulled from the hub, written into this store as if it had been logged here, so the schema's own
// triggers keep what derives from it (visits, open issues, the playbook's counts), and nothing of it is sent back
// (the applier's transaction is marked 'applying': replica.ts).
//
// - Idempotent by global id: this terminal's own entries come back in the feed, and a page may be applied twice
//   after a crash; an interaction known here already is left as it is.
// - Global ids become local ones: the customer, the entry an amendment corrects, the issues it settles (each closes
//   here as it closed there, by the interaction_resolves trigger). An issue this store has never seen is skipped.
// - Who logged it: a stand-in clerk (sync_clerks, migration 0015), never a local clerk id; where: its store and
//   terminal as the hub named them (interaction_origins), shown on the profile as "Galway, till-2".
// - Erasure wins: an entry for a customer erased here (or never seen here, which in the hub's order means erased
//   before this terminal heard of them) arrives unlinked, without its free text, and any issue it opens is closed,
//   as the erasure itself leaves that customer's entries (services/privacy.ts).
import { FACT_ENTITIES, type Change } from '@common/sync/changes';
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';
import type { ServiceContext } from '../services/context';
import { hasIdentity } from '../services/customers';
import { INTERACTION_FIELDS } from './interaction-fields';
import { countIfRefused } from './refused-facts';
import { countPulledUse } from './playbook-uses';

/** A fact's change; this file is called for those of entity 'interaction'. */
export type InteractionChange = Extract<Change, { kind: 'append' }>;

const LINKS = ['customer_id', 'clerk_id', 'terminal_id', 'amends_id'] as const;
/** The interactions columns a pulled entry is written with, in interactionRow's names. */
export const INTERACTION_COLUMNS = [...INTERACTION_FIELDS.map((f) => f.column), ...LINKS];
const COLUMNS = INTERACTION_COLUMNS;
const PERSONAL = new Set<string>(FACT_ENTITIES.interaction.personal);

const statements = preparedFor((db: DB) => ({
  insert: db.prepare<Record<string, unknown>>(
    `INSERT INTO interactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ),
  localId: db.prepare<[string, string], { row_id: number }>(
    'SELECT row_id FROM sync_ids WHERE entity = ? AND global_id = ?',
  ),
  // One probe, and only what hasIdentity reads: the whole row (byId) for every entry was 7% of a bootstrap.
  customer: db.prepare<
    [string],
    { id: number; name_key: string; phone_digits: string | null; email: string | null; loyalty_id: string | null }
  >(
    `SELECT c.id, c.name_key, c.phone_digits, c.email, c.loyalty_id
       FROM sync_ids s JOIN customers c ON c.id = s.row_id WHERE s.entity = 'customer' AND s.global_id = ?`,
  ),
  remember: db.prepare<[number, string]>(
    "INSERT INTO sync_ids (entity, row_id, global_id) VALUES ('interaction', ?, ?)",
  ),
  origin: db.prepare<[number, string, string, string, string]>(
    'INSERT INTO interaction_origins (interaction_id, store_id, store_name, terminal_id, terminal_name) VALUES (?, ?, ?, ?, ?)',
  ),
  settle: db.prepare<[number, number]>(
    'INSERT OR IGNORE INTO interaction_resolves (interaction_id, issue_id) VALUES (?, ?)',
  ),
  closeErased: db.prepare<[string, number, number]>(
    'UPDATE open_issues SET closed_at = ? WHERE interaction_id IN (?, ?) AND customer_id IS NULL AND closed_at IS NULL',
  ),
  clerk: db.prepare<[string], { clerk_id: number; stand_in: number }>(
    'SELECT clerk_id, stand_in FROM sync_clerks WHERE global_id = ?',
  ),
  addStandIn: db.prepare<[string, string]>(
    "INSERT INTO clerks (display_name, role, active, created_at) VALUES (?, 'clerk', 0, ?)",
  ),
  rememberClerk: db.prepare<[string, number]>(
    'INSERT INTO sync_clerks (global_id, clerk_id, stand_in) VALUES (?, ?, 1)',
  ),
  renameStandIn: db.prepare<[string, number, string]>(
    'UPDATE clerks SET display_name = ? WHERE id = ? AND display_name <> ?',
  ),
}));

const text = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() !== '' ? v : fallback);

/** The local clerk row behind a clerk's global id: a stand-in made on first sight, renamed when the name changed. */
export function clerkFor(ctx: ServiceContext, globalId: unknown, name: unknown): number {
  const s = statements(ctx.db);
  const id = text(globalId, 'unknown clerk');
  const display = text(name, 'A clerk');
  const known = s.clerk.get(id);
  if (known) {
    if (known.stand_in === 1) s.renameStandIn.run(display, known.clerk_id, display);
    return known.clerk_id;
  }
  const clerkId = Number(s.addStandIn.run(display, ctx.now().toISOString()).lastInsertRowid);
  s.rememberClerk.run(id, clerkId);
  return clerkId;
}

/**
 * clerkFor for many entries written in one transaction (a bootstrap's run, bulk-apply.ts): a clerk met again under
 * the name it was last given here needs no second look, since nothing else changes the clerk meanwhile.
 */
export function clerksOfRun(ctx: ServiceContext): (globalId: unknown, name: unknown) => number {
  const last = new Map<string, { display: string; clerkId: number }>();
  return (globalId, name) => {
    const id = text(globalId, 'unknown clerk');
    const display = text(name, 'A clerk');
    const seen = last.get(id);
    if (seen?.display === display) return seen.clerkId;
    const clerkId = clerkFor(ctx, globalId, name);
    last.set(id, { display, clerkId });
    return clerkId;
  };
}

/** The customer's local id, or null when the entry must arrive unlinked (erased here, or never seen here). */
export function customerFor(db: DB, globalId: string | null): { id: number | null; erased: boolean } {
  if (globalId === null) return { id: null, erased: false };
  const row = statements(db).customer.get(globalId);
  return row && hasIdentity(row) ? { id: row.id, erased: false } : { id: null, erased: true };
}

/** writeInteraction in a savepoint of its own, made once per connection: one made per entry took 4% of a bootstrap. */
const inSavepoint = preparedFor((db: DB) => db.transaction(writeInteraction));

/**
 * Writes one pulled interaction; inside applyChanges' transaction. Returns the local customer it was written for.
 * One this store's schema refuses (a kind a newer terminal knows and this one does not) is counted in sync_state
 * 'refusedFacts' and passed over, so it cannot hold every later change back.
 */
export function applyInteraction(ctx: ServiceContext, change: InteractionChange): number | null {
  let id: number | null = null;
  countIfRefused(ctx.db, () => {
    id = inSavepoint(ctx.db)(ctx, change);
  });
  return id;
}

/**
 * The interactions row a pulled entry is written as (COLUMNS): its fields, blanked of a person's words when its
 * customer is erased here, and its links as local ids; the stand-in clerk is made or renamed on the way (clerkFor).
 */
export function interactionRow(
  ctx: ServiceContext,
  change: InteractionChange,
  customer: { id: number | null; erased: boolean },
  amends: number | null,
  clerk: (globalId: unknown, name: unknown) => number = (g, n) => clerkFor(ctx, g, n),
): Record<string, unknown> {
  const f = change.fields;
  const row: Record<string, unknown> = {};
  for (const { field, column, missing } of INTERACTION_FIELDS) {
    const value = f[field] === undefined || Array.isArray(f[field]) ? missing : f[field];
    row[column] = customer.erased && PERSONAL.has(field) && value !== null ? '' : value;
  }
  // An amendment always has a reason (a CHECK): the hub drops it, like all free text, once the customer is erased.
  if (amends !== null) row.amend_reason ??= '';
  // A recovery is all or nothing (a CHECK): what went wrong, dropped with the free text, comes back as ''.
  if (row.recovery_root_cause != null) row.recovery_what ??= '';
  row.customer_id = customer.id;
  row.clerk_id = clerk(f.clerkId, f.clerkName);
  row.terminal_id = text(f.originTerminal, change.origin.terminalId);
  row.amends_id = amends;
  return row;
}

/**
 * Where a pulled fact (an entry, a purchase) was made, as interaction_origins and purchase_origins keep it after the
 * fact's id: the store and terminal the hub named, with their names as the fact carries them.
 */
export const factOrigin = (change: InteractionChange): [string, string, string, string] => [
  change.origin.storeId,
  text(change.fields.originStore, 'another store'),
  change.origin.terminalId,
  text(change.fields.originTerminal, 'another terminal'),
];

/** Writes the entry; returns the local customer it was written for (null: none, or nothing written). */
function writeInteraction(ctx: ServiceContext, change: InteractionChange): number | null {
  const db = ctx.db;
  const s = statements(db);
  if (s.localId.get('interaction', change.id)) return null;
  const f = change.fields;
  const amends = typeof f.amendsId === 'string' ? (s.localId.get('interaction', f.amendsId)?.row_id ?? null) : null;
  if (typeof f.amendsId === 'string' && amends === null) return null; // corrects an entry this store never had
  const customer = customerFor(db, change.customerId);
  const row = interactionRow(ctx, change, customer, amends);
  const id = Number(s.insert.run(row).lastInsertRowid);
  s.remember.run(id, change.id);
  s.origin.run(id, ...factOrigin(change));
  countPulledUse(db, id, ctx.config.storeId, change.origin.storeId, f.useStyle);
  for (const issue of Array.isArray(f.resolves) ? f.resolves : []) {
    const issueId = typeof issue === 'string' ? s.localId.get('interaction', issue)?.row_id : undefined;
    if (issueId !== undefined) s.settle.run(id, issueId);
  }
  if (customer.erased) s.closeErased.run(String(row.created_at), id, amends ?? id);
  return customer.id;
}
