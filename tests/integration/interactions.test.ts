import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { createCustomer, getProfile } from '../../main/services/customers';
import { timeline } from '../../main/services/history';
import { amendInteraction, getInteraction, logInteraction } from '../../main/services/interactions';
import { addPurchase, tempStore } from '../helpers/temp-store';

describe('logging interactions', () => {
  it('is durable: a committed entry is in the file when another connection opens it', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann', lastName: 'Lee' }).id;
    const logged = logInteraction(s.ctx, s.clerkId, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 4,
      notes: 'asked about opening hours',
    });
    const other = new Database(s.file, { readonly: true });
    expect(other.prepare('SELECT notes, local_day FROM interactions WHERE id = ?').get(logged.id)).toEqual({
      notes: 'asked about opening hours',
      local_day: '2026-11-23',
    });
    other.close();
  });

  it('records the clerk and terminal, and logs walk-ins without a customer', () => {
    const s = tempStore();
    const walkIn = logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'inquiry', outcome: 'resolved' });
    expect(walkIn).toMatchObject({
      customerId: null,
      clerkId: s.clerkId,
      clerkName: 'Aoife Byrne',
      terminalId: 'counter-1',
    });
  });

  it('uses the store time zone for the calendar day', () => {
    const s = tempStore('2026-11-23T23:30:00.000Z', { timeZone: 'Asia/Tokyo' });
    const i = logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'other', outcome: 'resolved' });
    expect(s.db.prepare('SELECT local_day FROM interactions WHERE id = ?').get(i.id)).toEqual({
      local_day: '2026-11-24',
    });
  });

  it('does not log twice when a save is retried with the same request id', () => {
    const s = tempStore();
    const input = { customerId: null, kind: 'inquiry', outcome: 'resolved', requestId: 'req-12345678' } as const;
    const a = logInteraction(s.ctx, s.clerkId, input);
    const b = logInteraction(s.ctx, s.clerkId, input);
    expect(b.id).toBe(a.id);
    expect(s.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 1 });
  });

  it('rejects bad input with a clear error and writes nothing', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    expect(() => logInteraction(s.ctx, s.clerkId, { customerId: c, kind: 'complaint', outcome: 'follow_up' })).toThrow(
      /due date/,
    );
    expect(() => logInteraction(s.ctx, s.clerkId, { customerId: 999, kind: 'complaint', outcome: 'resolved' })).toThrow(
      /No customer/,
    );
    expect(() =>
      logInteraction(s.ctx, s.clerkId, { customerId: c, kind: 'gossip' as never, outcome: 'resolved' }),
    ).toThrow();
    expect(() =>
      logInteraction(s.ctx, s.clerkId, { customerId: c, kind: 'other', outcome: 'resolved', sentiment: 9 }),
    ).toThrow();
    expect(s.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 0 });
  });

  it('leaves nothing behind when the write fails half-way', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    // A trigger that fails after the row (and the open-issue row) were written inside the transaction.
    s.db.exec(`CREATE TRIGGER explode AFTER INSERT ON open_issues BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    expect(() =>
      logInteraction(s.ctx, s.clerkId, {
        customerId: c,
        kind: 'complaint',
        outcome: 'follow_up',
        followUpDue: '2026-11-30',
      }),
    ).toThrow(/disk on fire/);
    expect(s.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 0 });
    expect(getProfile(s.ctx, c)).toMatchObject({ interactionCount: 0, visitCount: 0, openIssues: [] });
    s.db.close();
    expect(openDatabase(s.file).pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('append-only history', () => {
  it('refuses to update or delete an interaction', () => {
    const s = tempStore();
    const i = logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'other', outcome: 'resolved' });
    expect(() => s.db.prepare('UPDATE interactions SET notes = ? WHERE id = ?').run('x', i.id)).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM interactions WHERE id = ?').run(i.id)).toThrow(/append-only/);
  });

  it('corrects by amendment: the original row stays, the profile shows the correction', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const orig = logInteraction(s.ctx, s.clerkId, {
      customerId: c,
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2026-11-30',
      notes: 'kettel',
    });
    s.setNow('2026-11-23T11:00:00.000Z');
    const amended = amendInteraction(s.ctx, s.clerkId, { interactionId: orig.id, reason: 'typo', notes: 'kettle' });
    expect(amended).toMatchObject({
      id: orig.id,
      notes: 'kettle',
      amendReason: 'typo',
      outcome: 'follow_up',
      createdAt: orig.createdAt,
    });
    expect(s.db.prepare('SELECT notes FROM interactions WHERE id = ?').get(orig.id)).toEqual({ notes: 'kettel' });
    expect(getProfile(s.ctx, c)).toMatchObject({
      interactionCount: 1,
      openIssues: [{ interactionId: orig.id, notes: 'kettle' }],
    });
    const page = timeline(s.ctx, c, null, 10);
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      type: 'interaction',
      amendmentCount: 1,
      open: true,
      interaction: { notes: 'kettle' },
    });
    // An amendment to "resolved" closes the issue; amending back re-opens it.
    amendInteraction(s.ctx, s.clerkId, { interactionId: orig.id, reason: 'sorted on the phone', outcome: 'resolved' });
    expect(getProfile(s.ctx, c).openIssues).toEqual([]);
    amendInteraction(s.ctx, s.clerkId, {
      interactionId: orig.id,
      reason: 'customer called back',
      outcome: 'escalated',
    });
    expect(getProfile(s.ctx, c).openIssues.map((o) => o.interactionId)).toEqual([orig.id]);
    expect(() => amendInteraction(s.ctx, s.clerkId, { interactionId: orig.id, reason: ' ' })).toThrow();
    expect(() => amendInteraction(s.ctx, s.clerkId, { interactionId: 9999, reason: 'x' })).toThrow(/No interaction/);
    expect(getInteraction(s.ctx, orig.id).amendReason).toBe('customer called back');
  });

  it('closes an open issue when a later interaction resolves it', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const other = createCustomer(s.ctx, { firstName: 'Bob' }).id;
    const complaint = logInteraction(s.ctx, s.clerkId, {
      customerId: c,
      kind: 'complaint',
      outcome: 'unresolved',
      sentiment: 1,
    });
    expect(getProfile(s.ctx, c).openIssues).toHaveLength(1);
    expect(() =>
      logInteraction(s.ctx, s.clerkId, {
        customerId: other,
        kind: 'other',
        outcome: 'resolved',
        resolves: [complaint.id],
      }),
    ).toThrow(/not an issue of this customer/);
    logInteraction(s.ctx, s.clerkId, {
      customerId: c,
      kind: 'return',
      outcome: 'resolved',
      resolves: [complaint.id],
      sentiment: 5,
    });
    expect(getProfile(s.ctx, c).openIssues).toEqual([]);
    expect(s.db.prepare('SELECT closed_by FROM open_issues WHERE interaction_id = ?').get(complaint.id)).toEqual({
      closed_by: complaint.id + 1,
    });
  });

  it('flags a follow-up as overdue after its due date in the store time zone', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    logInteraction(s.ctx, s.clerkId, {
      customerId: c,
      kind: 'pickup',
      outcome: 'follow_up',
      followUpDue: '2026-11-24',
    });
    expect(getProfile(s.ctx, c).openIssues[0]?.overdue).toBe(false);
    s.setNow('2026-11-25T08:00:00.000Z');
    expect(getProfile(s.ctx, c).openIssues[0]?.overdue).toBe(true);
  });
});

describe('profile and timeline', () => {
  it('keeps visits, spend and last visit from purchases and interactions, counting a day once', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    addPurchase(s, c, '2026-11-20T10:00:00.000Z', [{ description: 'Kettle', priceCents: 4999 }]);
    addPurchase(s, c, '2026-11-20T15:00:00.000Z', [{ description: 'Mug', priceCents: 899, quantity: 2 }]);
    addPurchase(s, c, '2026-10-01T15:00:00.000Z', [{ description: 'Toaster', priceCents: 3999 }]);
    logInteraction(s.ctx, s.clerkId, { customerId: c, kind: 'inquiry', outcome: 'resolved' });
    expect(getProfile(s.ctx, c)).toMatchObject({
      visitCount: 3,
      purchaseCount: 3,
      interactionCount: 1,
      lifetimeSpendCents: 4999 + 1798 + 3999,
      lastVisitAt: '2026-11-23T10:00:00.000Z',
      tier: 'bronze',
    });
  });

  it('pages newest first through purchases and interactions without gaps or repeats', () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const expected: string[] = [];
    for (let d = 1; d <= 25; d++) {
      const day = `2026-10-${String(d).padStart(2, '0')}`;
      addPurchase(s, c, `${day}T09:00:00.000Z`, [{ description: `Item ${d}`, priceCents: 100 * d }]);
      s.setNow(`${day}T09:00:00.000Z`); // same instant as the purchase: the tie must still page cleanly
      logInteraction(s.ctx, s.clerkId, { customerId: c, kind: 'purchase', outcome: 'resolved' });
      // At the same instant a purchase sorts above the interaction about it.
      expected.push(`interaction@${day}T09:00:00.000Z`, `purchase@${day}T09:00:00.000Z`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = timeline(s.ctx, c, cursor, 7);
      seen.push(...page.entries.map((e) => `${e.type}@${e.at}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected.reverse());
    const first = timeline(s.ctx, c, null, 1).entries[0]!;
    expect(first).toMatchObject({
      type: 'purchase',
      items: [{ description: 'Item 25', quantity: 1, returnStatus: 'kept' }],
      returnWindowEndsOn: '2026-11-24',
    });
    expect(() => timeline(s.ctx, c, 'garbage', 5)).toThrow(/not valid/);
  });
});
