// A grant above the clerk's authority, approved on the spot: the manager's PIN is checked like a sign-in (attempts
// counted before the slow hash, lockout, wrong PINs audited; accounts.ts), then the entry is written by
// logInteraction, which checks the authority again inside its own transaction. The PIN goes no further than the check.
import { logInteractionSchema, type LogInteractionInput } from '@common/contract';
import type { Interaction } from '@common/domain';
import { interactionsRepo } from '../db/interactions.repo';
import { confirmManagerPin } from './accounts';
import type { ServiceContext } from './context';
import { getInteraction, logInteraction, type VerifiedApprover } from './interactions';

export async function logWithApproval(
  ctx: ServiceContext,
  clerkId: number,
  input: LogInteractionInput,
): Promise<Interaction> {
  const { approval, ...entry } = logInteractionSchema.parse(input);
  // A retried save of an entry already on disk answers with it, without asking for the PIN a second time.
  const existing = entry.requestId ? interactionsRepo(ctx.db).byRequestId.get(entry.requestId) : undefined;
  if (existing) return getInteraction(ctx, existing.id);
  // Only a grant is approved: a PIN sent with nothing to approve is not checked, so it costs no attempt.
  const grants = entry.recovery !== null && entry.recovery.amountMinor > 0;
  const approver = approval && grants ? await verified(ctx, approval.managerId, approval.pin) : null;
  return logInteraction(ctx, clerkId, entry, approver);
}

async function verified(ctx: ServiceContext, managerId: number, pin: string): Promise<VerifiedApprover> {
  const manager = await confirmManagerPin(ctx, managerId, pin);
  return { managerId: manager.id } as VerifiedApprover;
}
