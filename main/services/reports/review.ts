import { AppError, words } from '@common/errors';
import type { DayEntry } from '@common/reports';
import type { ServiceContext } from '../context';
import { amendInteraction } from '../interactions';
import { entryById } from './entries';

export const REVIEW_REASON = 'manager review';

/**
 * A manager flags (or clears) an entry and notes why. Stored as an amendment that restates the entry unchanged, so
 * the original stays as logged and the review itself is part of the trail. The latest review is the one in force.
 */
export function reviewInteraction(
  ctx: ServiceContext,
  managerId: number,
  input: { interactionId: number; flagged: boolean; note: string | null },
): DayEntry {
  const note = input.note?.trim() || null;
  amendInteraction(
    ctx,
    managerId,
    { interactionId: input.interactionId, reason: REVIEW_REASON },
    { flagged: input.flagged, note },
  );
  const entry = entryById(ctx, input.interactionId);
  if (!entry) throw new AppError('NOT_FOUND', words('interactions.notFound', { id: input.interactionId }));
  return entry;
}
