// A pulled customer change as the row it leaves here: one rule for the change applied alone (replica.ts) and for a
// bootstrap's run of new customers written in bulk (bulk-apply.ts).
import { customerDraftSchema, valuesOf } from '@common/contract';
import { CUSTOMER_FIELDS, type Change } from '@common/sync/changes';
import type { CustomerRow, NewCustomerRow } from '../db/customers.repo';
import type { ServiceContext } from '../services/context';
import { customerRowOfValid, toCustomer } from '../services/customers';

export type CustomerUpsert = Extract<Change, { entity: 'customer'; kind: 'upsert' }>;

/**
 * The row a pulled customer change leaves: the local row (`row`, none when new here) with the pulled fields over
 * it, less the `pending` ones (changed here and not yet pushed). A new row is created now, by this store's clock.
 */
export function pulledCustomerRow(
  ctx: ServiceContext,
  change: CustomerUpsert,
  row?: CustomerRow,
  pending: ReadonlySet<string> = new Set(),
): { incoming: Record<string, unknown>; valid: NewCustomerRow } {
  const incoming: Record<string, unknown> = {};
  for (const [field, { value }] of Object.entries(change.fields)) {
    if ((CUSTOMER_FIELDS as string[]).includes(field) && !pending.has(field)) incoming[field] = value ?? '';
  }
  const base = row ? valuesOf(toCustomer(row)) : {};
  const draft = customerDraftSchema.parse({ ...base, ...incoming });
  return { incoming, valid: customerRowOfValid(ctx, draft, row?.created_at ?? ctx.now().toISOString()) };
}
