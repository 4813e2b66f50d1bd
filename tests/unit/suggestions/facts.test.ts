// Facts are read with the engine's own statements; they must agree with the history the clerk sees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyRepo } from '../../../main/db/history.repo';
import { playbookRepo } from '../../../main/db/playbook.repo';
import { effectiveInteractions, openIssuesFor } from '../../../main/services/history';
import { evaluate, parseCondition } from '../../../main/services/suggestions/conditions';
import { gatherFacts, interestFrom, type SubjectFact } from '../../../main/services/suggestions/facts';
import { amendAt, buy, customer, dayIn, logAt, read, store } from './fixtures';

/** A fact as the clerk reads it in the house English, with what it points at and its age. */
const readFact = (f: SubjectFact | undefined) => f && { ...f, fact: read(f.fact) };
import { applyHistory, historyArb } from './histories';

describe('facts', () => {
  it('apply amendments and read open issues exactly as the history service does (generated histories)', () => {
    const s = store();
    fc.assert(
      fc.property(historyArb, (h) => {
        const c = applyHistory(s, h);
        const ids = s.db
          .prepare<[number], { id: number }>(
            'SELECT id FROM interactions WHERE customer_id = ? AND amends_id IS NULL ORDER BY created_at DESC, id DESC LIMIT 20',
          )
          .all(c)
          .map((r) => r.id);
        const effective = effectiveInteractions(s.ctx, historyRepo(s.db).interactionsByIds(ids));
        const expected = ids.map((id) => {
          const i = effective.get(id)!.interaction;
          return {
            id,
            created_at: i.createdAt,
            kind: i.kind,
            outcome: i.outcome,
            sentiment: i.sentiment,
            notes: i.notes,
            follow_up_due: i.followUpDue,
          };
        });
        expect(playbookRepo(s.db).recentInteractions.all(c, 20)).toEqual(expected);
        const open = openIssuesFor(s.ctx, c).map((o) => ({
          interaction_id: o.interactionId,
          opened_at: o.openedAt,
          due_date: o.dueDate,
          kind: o.kind,
          outcome: o.outcome,
          notes: o.notes,
        }));
        expect(
          new Set(
            playbookRepo(s.db)
              .openIssues.all(c)
              .map((r) => JSON.stringify(r)),
          ),
        ).toEqual(new Set(open.map((r) => JSON.stringify(r))));
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it('make the condition examples from the product spec hold for the situation they describe', () => {
    const s = store();
    const c = customer(s);
    const i = logAt(s, 5, {
      customerId: c,
      kind: 'complaint',
      outcome: 'follow_up',
      sentiment: 2,
      followUpDue: dayIn(s, 2),
    });
    const f = gatherFacts(s.ctx, c, s.clerkId);
    const example = parseCondition({
      all: [
        { field: 'lastInteraction.sentiment', op: '<=', value: 2 },
        { field: 'openFollowUps', op: '>', value: 0 },
      ],
    });
    expect(evaluate(example, f.values)).toEqual({ ok: true, fields: ['lastInteraction.sentiment', 'openFollowUps'] });
    expect(readFact(f.subjects.lastInteraction)).toEqual({
      fact: 'complaint on 18 Nov, follow-up pending, sentiment 2/5',
      ref: `interaction:${i.id}`,
      ageDays: 5,
    });
    // The clerk of a German store reads the same fact in German, the day written the German way.
    expect(read(f.subjects.lastInteraction!.fact, 'de-DE')).toBe(
      'Reklamation am 18. Nov., Nachfassen offen, Stimmung 2/5',
    );
    expect(f.resolvable).toEqual({ openIssue: i.id, followUp: i.id, pickup: null });
    amendAt(s, 1, { interactionId: i.id, reason: 'called back', outcome: 'resolved', sentiment: 4 });
    const after = gatherFacts(s.ctx, c, s.clerkId);
    expect(after.values).toMatchObject({
      openIssues: 0,
      openFollowUps: 0,
      'lastInteraction.outcome': 'resolved',
      'lastInteraction.sentiment': 4,
    });
    expect(evaluate(example, after.values).ok).toBe(false);
  });

  it('describe purchases and return windows from the store policy', () => {
    const s = store(undefined, { returnWindowDays: 28 });
    const c = customer(s);
    const p = buy(s, c, 30, [
      { description: 'Spin mop', priceCents: 3499 },
      { description: 'Cloths', priceCents: 899, returned: true },
    ]);
    const f = gatherFacts(s.ctx, c, s.clerkId);
    expect(f.values).toMatchObject({
      'purchase.daysAgo': 30,
      'purchase.returnWindowEndsInDays': -2,
      'purchase.withinReturnWindow': false,
      'purchase.withinGoodwill': true,
      'purchase.allReturned': false,
      'purchase.itemCount': 2,
    });
    expect(f.vars).toMatchObject({
      'lastPurchase.item': 'Spin mop',
      returnWindowEnds: '21 Nov',
      returnWindowDays: '28',
      goodwillDays: '7',
    });
    expect(readFact(f.subjects.purchase)).toEqual({
      fact: 'bought Spin mop (+1 more) on 24 Oct, return window ended 21 Nov',
      ref: `purchase:${p}`,
      ageDays: 30,
    });
    expect(read(f.subjects.purchase!.fact, 'de-DE')).toBe(
      'kaufte Spin mop (+1 weitere) am 24. Okt., Rückgabefrist endete am 21. Nov.',
    );
  });

  it('a walk-in has no customer facts at all', () => {
    const s = store();
    const f = gatherFacts(s.ctx, null, s.clerkId);
    expect(f.values.isWalkIn).toBe(true);
    expect(Object.entries(f.values).filter(([k, v]) => k !== 'isWalkIn' && v !== null)).toEqual([]);
    expect(f.vars).toEqual({
      storeName: 'Counterpart Demo Store',
      clerkName: 'Aoife',
      returnWindowDays: '30',
      goodwillDays: '7',
    });
  });

  it('read interests from tags, skipping tags about how to serve the customer', () => {
    expect(interestFrom(['prefers-email', 'trade', 'coffee'])).toBe('coffee');
    expect(interestFrom(['likes: green tea', 'coffee'])).toBe('green tea');
    expect(interestFrom(['prefers-text', 'wheelchair-access', 'x:y'])).toBeNull();
  });
});
