// Which store's entries the daily review shows: this store by default; another store of the chain, or all of them,
// for a manager whose account carries the chain scope the hub granted (`counterpart hub grant`, clerks-sync.ts).
// An entry pulled from another counter names its store in interaction_origins; an entry logged here has no row and
// is this store's. The store's own hub id is kept when it joins (sync_state 'hubStore'); a store that never joined
// has only its own entries.
import { AppError, words } from '@common/errors';
import { ROLE_RANK } from '@common/permissions';
import type { ReviewStores, StoreSelection } from '@common/reports';
import { preparedFor } from '../../db/prepared';
import { hubStoreOf } from '../../sync/clerks-sync';
import { requireClerk } from '../clerks';
import type { ServiceContext } from '../context';

/** Bound with every review query: the store asked for (null: all) and this store's hub id ('' before joining). */
export interface StoreParams {
  store: string | null;
  home: string;
}

/** SQL: the entry with id `idExpr` belongs to the store asked for. */
export const IN_STORE = (idExpr: string) =>
  `(@store IS NULL OR coalesce((SELECT so.store_id FROM interaction_origins so WHERE so.interaction_id = ${idExpr}), @home) = @store)`;

const statements = preparedFor((db: ServiceContext['db']) => ({
  otherStores: db.prepare<[string], { id: string; name: string }>(
    'SELECT store_id AS id, max(store_name) AS name FROM interaction_origins WHERE store_id <> ? GROUP BY store_id ORDER BY name',
  ),
  scope: db.prepare<[number], { review_scope: string }>('SELECT review_scope FROM clerks WHERE id = ?'),
}));

export function storeParams(ctx: ServiceContext, selection: StoreSelection = 'this'): StoreParams {
  const home = hubStoreOf(ctx.db)?.id ?? '';
  if (selection === 'all') return { store: null, home };
  return { store: selection === 'this' ? home : selection, home };
}

/** Whether the clerk may review beyond this store: a manager or admin with the chain scope. */
function hasChainScope(ctx: ServiceContext, clerkId: number): boolean {
  const clerk = requireClerk(ctx, clerkId);
  return ROLE_RANK[clerk.role] >= ROLE_RANK.manager && statements(ctx.db).scope.get(clerkId)?.review_scope === 'chain';
}

/** The selection, once the clerk is known to be allowed it; FORBIDDEN otherwise. */
export function allowedStore(
  ctx: ServiceContext,
  clerkId: number | null,
  selection: StoreSelection = 'this',
): StoreSelection {
  const home = hubStoreOf(ctx.db)?.id;
  if (selection === 'this' || selection === home) return 'this';
  if (clerkId === null || !hasChainScope(ctx, clerkId)) {
    throw new AppError('FORBIDDEN', words('reports.storeOnly'));
  }
  return selection;
}

/** The stores this clerk may pick in the review, this store first; with the chain scope, the others and "all". */
export function reviewStores(ctx: ServiceContext, clerkId: number): ReviewStores {
  const here = { id: 'this' as const, name: hubStoreOf(ctx.db)?.name ?? ctx.config.storeName };
  if (!hasChainScope(ctx, clerkId)) return { stores: [here], chain: false };
  const home = hubStoreOf(ctx.db)?.id ?? '';
  return {
    stores: [here, ...statements(ctx.db).otherStores.all(home), { id: 'all', name: 'All stores' }],
    chain: true,
  };
}

/** The selection's name, for the PDF's heading, the file names and the audit. */
export function storeLabel(ctx: ServiceContext, selection: StoreSelection = 'this'): string {
  if (selection === 'this') return hubStoreOf(ctx.db)?.name ?? ctx.config.storeName;
  if (selection === 'all') return 'All stores';
  return (
    statements(ctx.db)
      .otherStores.all('')
      .find((s) => s.id === selection)?.name ?? 'Another store'
  );
}
