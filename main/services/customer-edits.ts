// Editing a customer at the counter (or with `counterpart customer update`).
//
// An edit changes only the fields it names. It is checked like creation (each field by the draft's own schema; the
// customer must keep a name, phone, email or card) and may not give this customer a phone, email or card another
// customer already has (CONFLICT, naming who): an edit is how a second record of the same person would otherwise
// appear without anyone noticing. Values the customer already held are not checked again, so an edit never fails
// over a phone two customers shared before it.
//
// Each field that really changes becomes one row of customer_field_changes (who, where, when, old and new value as
// JSON) in the same transaction as the update; the audit log names the fields, never their values. The chain's
// sync will merge edits from several terminals field by field from these rows. An erased customer is not edited:
// filling the anonymous shell in again would undo the erasure.
import { customerChangesSchema, valuesOf, type CustomerChanges, type CustomerField } from '@common/contract';
import type { Customer } from '@common/domain';
import { AppError, words } from '@common/errors';
import { customersRepo, type IdRows, type NewCustomerRow } from '../db/customers.repo';
import { profileAuditRepo } from '../db/profile-audit.repo';
import { audit } from './audit';
import type { ServiceContext } from './context';
import {
  customerRowOfValid,
  hasIdentity,
  requireCustomer,
  requireFreeCard,
  requireIdentity,
  toCustomer,
} from './customers';

const asJson = (v: unknown) => JSON.stringify(v ?? null);

/** Refuses a phone or email that is new to this customer and already another customer's. */
function requireUnshared(
  ctx: ServiceContext,
  id: number,
  what: 'phone' | 'email',
  shown: string,
  holders: IdRows,
): void {
  const other = holders.find((h) => h.id !== id);
  if (!other) return;
  const name = toCustomer(requireCustomer(ctx, other.id)).displayName;
  throw new AppError('CONFLICT', words(`customers.taken.${what}`, { value: shown, name, id: other.id }));
}

type Keys = Pick<NewCustomerRow, 'phone' | 'phone_digits' | 'email' | 'loyalty_id'>;

function requireNoClash(ctx: ServiceContext, id: number, before: Keys, after: Keys): void {
  const repo = customersRepo(ctx.db);
  if (after.loyalty_id !== before.loyalty_id) requireFreeCard(ctx, after.loyalty_id, id);
  if (after.phone_digits && after.phone_digits !== before.phone_digits) {
    requireUnshared(ctx, id, 'phone', after.phone ?? after.phone_digits, repo.phoneExact.all(after.phone_digits, 2));
  }
  if (after.email && after.email !== before.email)
    requireUnshared(ctx, id, 'email', after.email, repo.emailExact.all(after.email, 2));
}

export interface CustomerUpdate {
  customer: Customer;
  /** The fields whose value changed, in the draft's order; empty when the edit held only the values already stored. */
  changed: CustomerField[];
}

/** Applies an edit by `clerkId` to customer `id`. Audited, with one change row per field. */
export function updateCustomer(
  ctx: ServiceContext,
  clerkId: number,
  id: number,
  input: CustomerChanges,
): CustomerUpdate {
  const changes = customerChangesSchema.parse(input);
  const named = (Object.keys(changes) as CustomerField[]).filter((f) => changes[f] !== undefined);
  if (named.length === 0) throw new AppError('VALIDATION', words('customers.nothingToChange'));
  const db = ctx.db;
  return db
    .transaction((): CustomerUpdate => {
      const row = requireCustomer(ctx, id);
      if (!hasIdentity(row)) throw new AppError('CONFLICT', words('customers.erased', { id }));
      const before = toCustomer(row);
      // Unchanged fields are taken as stored, not checked again: an old value never blocks an edit of another field.
      const next = customerRowOfValid(ctx, { ...valuesOf(before), ...changes }, row.created_at);
      const after = toCustomer({ ...row, ...next });
      const changed = named.filter((f) => asJson(before[f]) !== asJson(after[f]));
      if (changed.length === 0) return { customer: before, changed };
      requireIdentity(next);
      requireNoClash(ctx, id, row, next);

      const now = ctx.now().toISOString();
      const repo = customersRepo(db);
      const { created_at: _kept, ...columns } = next;
      repo.update.run({ ...columns, id });
      if (changed.includes('style')) repo.setStyleLabel.run(clerkId, now, id);
      const log = profileAuditRepo(db);
      for (const field of changed) {
        log.addChange.run({
          customer_id: id,
          field,
          old_value: asJson(before[field]),
          new_value: asJson(after[field]),
          clerk_id: clerkId,
          terminal_id: ctx.config.terminalId,
          changed_at: now,
        });
      }
      audit(ctx, clerkId, 'customer_update', `customer:${id}`, { fields: changed });
      return { customer: toCustomer(requireCustomer(ctx, id)), changed };
    })
    .immediate();
}

/**
 * Erasure's part for edits: the change rows hold old and new personal values, so they go, and the style label with
 * them. Runs inside the erasure's transaction.
 */
export function forgetEdits(ctx: ServiceContext, customerId: number): void {
  profileAuditRepo(ctx.db).deleteChanges.run(customerId);
  customersRepo(ctx.db).setStyleLabel.run(null, null, customerId);
}
