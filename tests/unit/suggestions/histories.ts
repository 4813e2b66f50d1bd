// Random customer histories for property tests: any mix of visits, purchases, issues, amendments and follow-ups.
import fc from 'fast-check';
import { COMMUNICATION_STYLES, INTERACTION_KINDS, INTERACTION_OUTCOMES } from '@common/domain';
import { openIssuesFor } from '../../../main/services/history';
import { amendAt, buy, customer, dayIn, logAt, type Store } from './fixtures';

const interactionEvent = fc.record({
  type: fc.constant('interaction' as const),
  daysAgo: fc.integer({ min: 0, max: 800 }),
  kind: fc.constantFrom(...INTERACTION_KINDS),
  outcome: fc.constantFrom(...INTERACTION_OUTCOMES),
  sentiment: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  notes: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 80 }),
    fc.constantFrom('Kettle leaks. Wants a refund.', 'Paint order\nsecond line'),
  ),
  dueIn: fc.integer({ min: -20, max: 20 }),
  /** Amend it a day later to this outcome. */
  amendTo: fc.option(fc.constantFrom(...INTERACTION_OUTCOMES), { nil: null }),
  /** A later visit that resolves the most recent open item. */
  resolveLater: fc.boolean(),
});

const purchaseEvent = fc.record({
  type: fc.constant('purchase' as const),
  daysAgo: fc.integer({ min: 0, max: 800 }),
  items: fc.array(
    fc.record({
      description: fc.oneof(
        fc.constantFrom('Kettle', 'Terracotta planter 30cm', 'Gift card'),
        fc.string({ minLength: 1, maxLength: 30 }).filter((d) => d.trim() !== ''),
      ),
      priceCents: fc.integer({ min: 0, max: 300_000 }),
      returned: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

export const historyArb = fc.record({
  firstName: fc.constantFrom('Aoife', '', 'J.', '王小明', 'SEÁN', 'Mary-Kate'),
  lastName: fc.constantFrom('Byrne', '', '田中', "O'Brien"),
  style: fc.constantFrom(...COMMUNICATION_STYLES),
  marketingConsent: fc.boolean(),
  birthdayOffset: fc.option(fc.integer({ min: 0, max: 366 * 60 }), { nil: null }),
  tags: fc.subarray(['coffee', 'prefers-email', 'likes:tea', 'trade', 'gardening', 'VIP']),
  createdDaysAgo: fc.integer({ min: 0, max: 2000 }),
  events: fc.array(fc.oneof(interactionEvent, purchaseEvent), { maxLength: 25 }),
});
export type History = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes a generated history through the real services; returns the customer id. */
export function applyHistory(s: Store, h: History): number {
  const birthday =
    h.birthdayOffset === null
      ? undefined
      : new Date(Date.UTC(1940, 0, 1) + h.birthdayOffset * 86_400_000).toISOString().slice(0, 10);
  const c = customer(
    s,
    {
      firstName: h.firstName,
      lastName: h.lastName,
      phone: '087 123 4567',
      style: h.style,
      marketingConsent: h.marketingConsent,
      tags: h.tags,
      ...(birthday ? { birthday } : {}),
    },
    h.createdDaysAgo,
  );
  const open: number[] = [];
  const events = [...h.events].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const e of events) {
    if (e.type === 'purchase') {
      buy(s, c, e.daysAgo, e.items);
      continue;
    }
    const i = logAt(s, e.daysAgo, {
      customerId: c,
      kind: e.kind,
      outcome: e.outcome,
      sentiment: e.sentiment,
      notes: e.notes,
      // A follow-up is promised from the day it is logged to a year ahead (common/follow-up-due.ts).
      followUpDue: e.outcome === 'follow_up' || e.dueIn > 10 ? dayIn(s, Math.max(0, e.dueIn) - e.daysAgo) : null,
    });
    if (e.outcome !== 'resolved') open.push(i.id);
    if (e.amendTo && e.daysAgo >= 1) {
      amendAt(s, e.daysAgo - 1, {
        interactionId: i.id,
        reason: 'corrected',
        outcome: e.amendTo,
        followUpDue: dayIn(s, Math.max(0, e.dueIn) - (e.daysAgo - 1)),
      });
    }
    const last = open.pop();
    // Only an issue still open can be settled (an amendment may have closed it already).
    if (
      e.resolveLater &&
      e.daysAgo >= 1 &&
      last !== undefined &&
      openIssuesFor(s.ctx, c).some((o) => o.interactionId === last)
    ) {
      logAt(s, e.daysAgo - 1, { customerId: c, kind: 'other', outcome: 'resolved', sentiment: 4, resolves: [last] });
    } else if (last !== undefined) {
      open.push(last);
    }
  }
  return c;
}
