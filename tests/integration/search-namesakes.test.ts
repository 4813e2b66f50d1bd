import { describe, expect, it } from 'vitest';
import { searchCustomers } from '../../main/services/customer-search';
import { createCustomer } from '../../main/services/customers';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { addDays } from '../../main/services/time';
import { addPurchase, tempStore, type TempStore } from '../helpers/temp-store';

const NOW = '2026-11-23T10:00:00.000Z';

/** A visit (a purchase) on each of the given days before NOW. */
function visits(s: TempStore, id: number, daysAgo: number[], cents = 1000) {
  for (const d of daysAgo)
    addPurchase(s, id, `${addDays(NOW.slice(0, 10), -d)}T11:00:00.000Z`, [{ description: 'Mug', priceCents: cents }]);
}

function namesakes() {
  const s = tempStore(NOW);
  const aidan = (extra: Record<string, string> = {}, last = "O'Brien") =>
    createCustomer(s.ctx, { firstName: 'Aidan', lastName: last, ...extra }).id;
  // Created in this order, so the old alphabetical-then-rowid order would list them so.
  const c = {
    never: aidan(),
    seenIn2019: aidan(),
    regular: aidan(),
    yesterday: aidan(),
    twoYearsAgo: aidan(),
    longerName: aidan({}, "O'Brien-Walsh"),
  };
  visits(s, c.seenIn2019, [2400]);
  visits(s, c.regular, [10, 40, 70, 100, 130, 160, 190, 220, 250, 280, 310, 340]);
  visits(s, c.yesterday, [1]);
  visits(s, c.twoYearsAgo, [730, 760, 790]);
  visits(s, c.longerName, [2, 5, 9, 12, 20, 30, 45, 60, 75, 90, 120, 150, 200, 250]);
  return { s, c };
}

const ids = (s: TempStore, q: string, limit?: number) => searchCustomers(s.ctx, q, limit).map((h) => h.id);

describe('namesakes told apart', () => {
  it('lists equally good name matches regulars and recent visitors first, someone not seen for years last', () => {
    const { s, c } = namesakes();
    const order = [c.regular, c.yesterday, c.twoYearsAgo, c.seenIn2019, c.never];
    expect(ids(s, 'aidan obrien')).toEqual([...order, c.longerName]);
    // By surname: O'Brien is a better match than O'Brien-Walsh, however often that one comes in.
    expect(ids(s, 'obrien')).toEqual([...order, c.longerName]);
  });

  it('finds the regular among more namesakes than the list shows', () => {
    const { s, c } = namesakes();
    expect(ids(s, 'obrien', 2)).toEqual([c.regular, c.yesterday]);
  });

  it('keeps an exact identifier before every name match', () => {
    const { s, c } = namesakes();
    const card = createCustomer(s.ctx, { firstName: 'Nuala', lastName: 'Quinn', loyaltyId: 'obrien' }).id;
    expect(ids(s, 'obrien')).toEqual([
      card,
      c.regular,
      c.yesterday,
      c.twoYearsAgo,
      c.seenIn2019,
      c.never,
      c.longerName,
    ]);
  });
});

describe('what a result row says before the profile is opened', () => {
  it('marks open issues, promises past their day and orders waiting, as amended', () => {
    const s = tempStore(NOW);
    const id = createCustomer(s.ctx, { firstName: 'Kathleen', lastName: 'Maguire' }).id;
    const clean = createCustomer(s.ctx, { firstName: 'Kathleen', lastName: 'Magee' }).id;
    const log = (
      kind: 'complaint' | 'inquiry' | 'pickup' | 'other',
      outcome: 'escalated' | 'follow_up',
      followUpDue: string | null = null,
    ) => logInteraction(s.ctx, s.clerkId, { customerId: id, kind, outcome, followUpDue }).id;
    log('complaint', 'escalated');
    log('inquiry', 'follow_up', '2026-11-24');
    log('pickup', 'follow_up', '2026-11-30');
    const mislabelled = log('pickup', 'escalated');
    amendInteraction(s.ctx, s.clerkId, { interactionId: mislabelled, reason: 'not an order', kind: 'other' });

    const hit = (q: string) => searchCustomers(s.ctx, q).find((h) => h.id === id)!;
    expect(hit('kathleen').markers).toEqual({ openIssues: 3, overduePromises: 0, ordersWaiting: 1 });
    s.setNow('2026-11-26T09:00:00.000Z');
    expect(hit('maguire').markers).toEqual({ openIssues: 3, overduePromises: 1, ordersWaiting: 1 });
    expect(searchCustomers(s.ctx, 'magee')[0]).toMatchObject({
      id: clean,
      markers: { openIssues: 0, overduePromises: 0, ordersWaiting: 0 },
    });
  });

  it("gives each row its tier and visits, from the store's thresholds", () => {
    const s = tempStore(NOW);
    const id = createCustomer(s.ctx, { firstName: 'Róisín', lastName: 'Dunne' }).id;
    expect(searchCustomers(s.ctx, 'dunne')[0]).toMatchObject({ tier: 'new', visitCount: 0 });
    visits(s, id, [3, 9], (s.ctx.config.tierSilverFrom * 100) / 2);
    expect(searchCustomers(s.ctx, 'dunne')[0]).toMatchObject({ tier: 'silver', visitCount: 2 });
  });
});
