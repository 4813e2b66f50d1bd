import { describe, expect, it } from 'vitest';
import type { LogInteractionInput } from '@common/contract';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { assignFollowUp, counterQueue, listFollowUps } from '../../main/services/reports/follow-ups';
import { reportsRepo } from '../../main/services/reports/reports.repo';
import { reviewInteraction } from '../../main/services/reports/review';
import { tempStore, type TempStore } from '../helpers/temp-store';

function logAt(s: TempStore, iso: string, input: LogInteractionInput, clerkId = s.clerkId) {
  s.setNow(iso);
  return logInteraction(s.ctx, clerkId, input);
}

function queue() {
  const s = tempStore('2026-11-10T09:00:00.000Z');
  const ann = createCustomer(s.ctx, { firstName: 'Ann', lastName: 'Lee', phone: '087 123 4567' }).id;
  const bob = addClerk(s.ctx, 'Bob Clerk').id;
  const f = {
    dueLater: logAt(s, '2026-11-10T10:00:00.000Z', {
      customerId: ann,
      kind: 'pickup',
      outcome: 'follow_up',
      followUpDue: '2026-11-25',
      notes: 'order arriving',
    }),
    noDate: logAt(s, '2026-11-10T11:00:00.000Z', {
      customerId: null,
      kind: 'complaint',
      outcome: 'escalated',
      notes: 'walk-in, head office',
    }),
    overdue: logAt(
      s,
      '2026-11-12T10:00:00.000Z',
      { customerId: ann, kind: 'return', outcome: 'follow_up', followUpDue: '2026-11-15', notes: 'refund pending' },
      bob,
    ),
    dueToday: logAt(s, '2026-11-13T10:00:00.000Z', {
      customerId: ann,
      kind: 'inquiry',
      outcome: 'follow_up',
      followUpDue: '2026-11-20',
      notes: 'call back',
    }),
    resolved: logAt(s, '2026-11-13T11:00:00.000Z', { customerId: ann, kind: 'inquiry', outcome: 'resolved' }),
  };
  s.setNow('2026-11-20T12:00:00.000Z');
  return { s, ann, bob, f };
}

describe('follow-up queue', () => {
  it('lists open follow-ups soonest due first (overdue leading), undated last, with what the counter needs', () => {
    const { s, ann, bob, f } = queue();
    const q = listFollowUps(s.ctx);
    expect(q.map((x) => x.interactionId)).toEqual([f.overdue.id, f.dueToday.id, f.dueLater.id, f.noDate.id]);
    expect(q.map((x) => x.overdue)).toEqual([true, false, false, false]);
    expect(q[0]).toEqual({
      interactionId: f.overdue.id,
      customer: { id: ann, displayName: 'Ann Lee', phone: '087 123 4567' },
      kind: 'return',
      outcome: 'follow_up',
      notes: 'refund pending',
      openedAt: '2026-11-12T10:00:00.000Z',
      loggedOn: '2026-11-12',
      loggedBy: { id: bob, displayName: 'Bob Clerk' },
      dueDate: '2026-11-15',
      overdue: true,
      assignedClerk: null,
    });
    expect(q[3]).toMatchObject({ customer: null, dueDate: null, outcome: 'escalated' });
    expect(listFollowUps(s.ctx, 2)).toHaveLength(2);
  });

  it('shows notes and dates as amended, and drops an entry once a visit resolves it', () => {
    const { s, ann, f } = queue();
    amendInteraction(s.ctx, s.clerkId, {
      interactionId: f.dueLater.id,
      reason: 'new date',
      followUpDue: '2026-11-21',
      notes: 'order delayed',
    });
    reviewInteraction(s.ctx, s.clerkId, { interactionId: f.overdue.id, flagged: true, note: 'chase head office' });
    let q = listFollowUps(s.ctx);
    expect(q.map((x) => [x.interactionId, x.dueDate, x.overdue])).toEqual([
      [f.overdue.id, '2026-11-15', true],
      [f.dueToday.id, '2026-11-20', false],
      [f.dueLater.id, '2026-11-21', false],
      [f.noDate.id, null, false],
    ]);
    expect(q[2]!.notes).toBe('order delayed');
    // Marking done is logging the follow-up visit with its id in resolves; nothing else is needed.
    logInteraction(s.ctx, s.clerkId, {
      customerId: ann,
      kind: 'return',
      outcome: 'resolved',
      resolves: [f.overdue.id],
    });
    q = listFollowUps(s.ctx);
    expect(q.map((x) => x.interactionId)).toEqual([f.dueToday.id, f.dueLater.id, f.noDate.id]);
  });

  it('assigns a follow-up to a clerk and back to nobody; the assignment survives an amendment', () => {
    const { s, bob, f } = queue();
    expect(assignFollowUp(s.ctx, f.dueToday.id, bob)).toMatchObject({
      interactionId: f.dueToday.id,
      assignedClerk: { id: bob, displayName: 'Bob Clerk' },
    });
    amendInteraction(s.ctx, s.clerkId, { interactionId: f.dueToday.id, reason: 'typo', notes: 'call back after 5' });
    expect(listFollowUps(s.ctx).find((x) => x.interactionId === f.dueToday.id)).toMatchObject({
      notes: 'call back after 5',
      assignedClerk: { id: bob },
    });
    expect(assignFollowUp(s.ctx, f.dueToday.id, null).assignedClerk).toBeNull();
    expect(
      s.db.prepare('SELECT assigned_clerk_id FROM open_issues WHERE interaction_id = ?').get(f.dueToday.id),
    ).toEqual({ assigned_clerk_id: null });
  });

  it('refuses to assign a closed or unknown follow-up, or to an unknown clerk', () => {
    const { s, ann, bob, f } = queue();
    logInteraction(s.ctx, s.clerkId, {
      customerId: ann,
      kind: 'return',
      outcome: 'resolved',
      resolves: [f.overdue.id],
    });
    expect(() => assignFollowUp(s.ctx, f.overdue.id, bob)).toThrow(/already done/);
    expect(() => assignFollowUp(s.ctx, f.resolved.id, bob)).toThrow(/no follow-up/);
    expect(() => assignFollowUp(s.ctx, f.dueToday.id, 999)).toThrow(/No active clerk/);
    expect(s.db.prepare('SELECT count(*) AS n FROM open_issues WHERE assigned_clerk_id IS NOT NULL').get()).toEqual({
      n: 0,
    });
  });

  it("gives the counter what is due today or overdue, promised callbacks first, and the clerk's own", () => {
    const { s, ann, bob, f } = queue();
    s.setNow('2026-11-12T09:00:00.000Z');
    const escalated = logInteraction(s.ctx, s.clerkId, {
      customerId: ann,
      kind: 'complaint',
      outcome: 'escalated',
      followUpDue: '2026-11-14',
      notes: 'head office to ring',
    });
    s.setNow('2026-11-20T12:00:00.000Z');
    assignFollowUp(s.ctx, f.dueLater.id, bob);
    assignFollowUp(s.ctx, f.overdue.id, bob);

    const forBob = counterQueue(s.ctx, bob);
    expect(forBob.today).toBe('2026-11-20');
    // The escalation is the longest overdue, but the two callbacks promised to the customer lead.
    expect(forBob.due.map((x) => x.interactionId)).toEqual([f.overdue.id, f.dueToday.id, escalated.id]);
    expect(forBob.mine.map((x) => x.interactionId)).toEqual([f.overdue.id, f.dueLater.id]);
    expect(counterQueue(s.ctx, s.clerkId).mine).toEqual([]);

    // Today in the store's time zone: at 23:30 UTC on the 20th it is already the 21st in Auckland.
    s.setNow('2026-11-20T23:30:00.000Z');
    const auckland = counterQueue({ ...s.ctx, config: { ...s.ctx.config, timeZone: 'Pacific/Auckland' } }, bob);
    expect(auckland.today).toBe('2026-11-21');
  });

  it("reads the clerk's own follow-ups through an index, not every open issue", () => {
    const { s } = queue();
    const stmt = reportsRepo(s.db).assignedTo;
    const plan = s.db
      .prepare(`EXPLAIN QUERY PLAN ${stmt.source}`)
      .all({ clerkId: 1, limit: 5 })
      .map((r) => (r as { detail: string }).detail);
    expect(plan.join(' | ')).toMatch(/SEARCH oi USING INDEX open_issues_assigned \(assigned_clerk_id=\?\)/);
  });
});
