// Hand-written counter situations: who is at the counter, and what the clerk should see first, in which tone.
import { describe, expect, it } from 'vitest';
import type { CommunicationStyle, Suggestion } from '../../../common/domain';
import { shippedPlaybook } from '../../../main/services/suggestions';
import { setSetting } from '../../../main/services/settings';
import { amendAt, buy, customer, dayIn, expectWellFormed, logAt, regular, store, suggest, type Store } from './fixtures';

interface Expectation {
  /** Kind of the top suggestion. */
  kind: string;
  templateId?: string;
  /** Style of the text variant used (the tone). */
  style: CommunicationStyle;
  /** Words the top text must contain (the facts it states, or the tone's marks). */
  says?: (string | RegExp)[];
  /** A reason of the top suggestion must mention this. */
  because?: string | RegExp;
  resolves?: number | null;
  /** Extra checks on the whole list. */
  also?: (list: Suggestion[]) => void;
}

interface Scenario {
  name: string;
  now?: string;
  config?: Parameters<typeof store>[1];
  build(s: Store): { customerId: number | null } & Expectation;
}

const OFFER_IDS = new Set(shippedPlaybook().templates.filter((t) => t.offer).map((t) => t.id));
const kindsOf = (l: Suggestion[]) => l.map((x) => x.templateId);

const scenarios: Scenario[] = [
  {
    name: 'a customer created today with no history gets a first-visit welcome',
    build: (s) => ({
      customerId: customer(s, { style: 'blue' }, 0),
      kind: 'greeting',
      templateId: 'welcome-first-visit',
      style: 'blue',
      says: ['Aoife', 'lovely to meet you'],
      because: 'first visit',
    }),
  },
  {
    name: 'a walk-in gets the generic welcome, help and honest answer in a neutral tone',
    build: () => ({
      customerId: null,
      kind: 'greeting',
      templateId: 'walk-in-welcome',
      style: 'unknown',
      says: ['Counterpart Demo Store'],
      because: 'walk-in',
      also: (l) => expect(kindsOf(l)).toEqual(['walk-in-welcome', 'how-can-i-help', 'honest-unknown']),
    }),
  },
  {
    name: 'a regular with 10,000 interactions is greeted as a regular, from the latest history only',
    build: (s) => {
      const c = customer(s, { style: 'orange' }, 3000);
      const ins = s.db.prepare(
        `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, clerk_id, terminal_id)
         VALUES (?, ?, ?, 'inquiry', 'resolved', 4, 'asked about paint', ?, 'counter-1')`,
      );
      s.db.transaction(() => {
        for (let i = 10_000; i >= 1; i--) {
          const at = new Date(Date.parse(s.now) - i * 6 * 3_600_000 - 86_400_000).toISOString();
          ins.run(c, at, at.slice(0, 10), s.clerkId);
        }
      })();
      return {
        customerId: c,
        kind: 'greeting',
        templateId: 'greeting-regular',
        style: 'orange',
        says: ['Great to see you'],
        because: /visits, last yesterday/,
        also: () => expect(s.db.prepare('SELECT interaction_count AS n FROM customers WHERE id = ?').get(c)).toEqual({ n: 10_000 }),
      };
    },
  },
  {
    name: 'a customer who only ever returns things is helped to a better fit',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      for (const d of [60, 30, 9]) logAt(s, d, { customerId: c, kind: 'return', outcome: 'resolved', sentiment: 3, notes: 'Returned, wrong size' });
      return { customerId: c, kind: 'return_help', templateId: 'returns-assist', style: 'green', says: ['better match'], because: '3 returns in the last 90 days' };
    },
  },
  {
    name: 'only a last name: the greeting drops the name instead of saying something odd',
    build: (s) => {
      const c = customer(s, { firstName: '', lastName: 'Byrne', style: 'blue' });
      regular(s, c);
      return {
        customerId: c,
        kind: 'greeting',
        style: 'blue',
        says: [/^Hi, always good to see you!/],
        also: (l) => l.forEach((x) => expect(x.text).not.toMatch(/Byrne|, ,|\[/)),
      };
    },
  },
  {
    name: 'a Chinese full name stored in the first-name field is used whole',
    build: (s) => {
      const c = customer(s, { firstName: '王小明', lastName: '', style: 'gold' });
      regular(s, c);
      return { customerId: c, kind: 'greeting', style: 'gold', says: ['Hello 王小明, welcome back'] };
    },
  },
  {
    name: 'a first name that is only an initial is not used to address the customer',
    build: (s) => {
      const c = customer(s, { firstName: 'J.', lastName: 'Murphy', style: 'unknown' });
      regular(s, c);
      return { customerId: c, kind: 'greeting', style: 'unknown', says: ['Hello, good to see you again.'], also: (l) => l.forEach((x) => expect(x.text).not.toContain('J.')) };
    },
  },
  {
    name: 'an unknown communication style gets the neutral text',
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      regular(s, c);
      return { customerId: c, kind: 'greeting', templateId: 'greeting-regular', style: 'unknown', says: ['Hello Aoife, good to see you again.'] };
    },
  },
  {
    name: 'a 29 February birthday is marked on 28 February in a non-leap year',
    now: '2027-02-26T10:00:00.000Z',
    build: (s) => {
      const c = customer(s, { birthday: '1992-02-29', style: 'blue' });
      regular(s, c);
      return {
        customerId: c,
        kind: 'birthday',
        templateId: 'birthday-this-week',
        style: 'blue',
        says: ['28 Feb', 'happy birthday in advance'],
        because: /birthday on 28 Feb, in 2 days \(born on 29 Feb\)/,
      };
    },
  },
  {
    name: 'on 28 February of a non-leap year a leap-day birthday is today',
    now: '2027-02-28T10:00:00.000Z',
    build: (s) => {
      const c = customer(s, { birthday: '2000-02-29', style: 'orange' });
      return { customerId: c, kind: 'birthday', templateId: 'birthday-today', style: 'orange', says: ['Happy birthday, Aoife!'], because: 'birthday today' };
    },
  },
  {
    name: 'an unresolved complaint from last week is ranked first, with an apology, and closes when used',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      const complaint = logAt(s, 7, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2, notes: 'Kettle leaks from the base. Wants a replacement.' });
      return {
        customerId: c,
        kind: 'service_recovery',
        templateId: 'service-recovery',
        style: 'blue',
        says: ["I'm so sorry", 'complaint from 16 Nov', '“Kettle leaks from the base”'],
        because: 'complaint on 16 Nov, still open (unresolved)',
        resolves: complaint.id,
        also: (l) => expect(l[0]!.reasons.some((r) => r.ref === `interaction:${complaint.id}`)).toBe(true),
      };
    },
  },
  {
    name: 'an item inside the return window, closing soon, is pointed out',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      const p = buy(s, c, 25, [{ description: 'Kettle', priceCents: 3999 }]);
      return {
        customerId: c,
        kind: 'return_window',
        templateId: 'return-window-closing',
        style: 'gold',
        says: ['Kettle', '29 Oct', '30-day return window until 28 Nov'],
        because: 'bought Kettle on 29 Oct, return window ends 28 Nov',
        also: (l) => expect(l[0]!.reasons[0]!.ref).toBe(`purchase:${p}`),
      };
    },
  },
  {
    name: 'an item just outside the return window gets the goodwill answer',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      buy(s, c, 33, [{ description: 'Toaster', priceCents: 2999 }]);
      return {
        customerId: c,
        kind: 'return_window',
        templateId: 'return-window-just-closed',
        style: 'green',
        says: ['30-day return window', 'ended on 20 Nov', 'exception'],
        because: 'return window ended 20 Nov',
      };
    },
  },
  {
    name: 'the goodwill allowance is a setting: at 0 days nothing is said about a closed window',
    build: (s) => {
      setSetting(s.ctx, 'policy.goodwill_days', '0');
      const c = customer(s, { style: 'green' });
      buy(s, c, 33, [{ description: 'Toaster', priceCents: 2999 }]);
      return { customerId: c, kind: 'recommendation', style: 'green', also: (l) => expect(l.map((x) => x.templateId)).not.toContain('return-window-just-closed') };
    },
  },
  {
    name: 'the return window length comes from the store settings',
    config: { returnWindowDays: 14 },
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      buy(s, c, 10, [{ description: 'Lamp', priceCents: 5999 }]);
      return { customerId: c, kind: 'return_window', templateId: 'return-window-closing', style: 'unknown', says: ['until 27 Nov'] };
    },
  },
  {
    name: 'a follow-up due today comes first and resolves that interaction',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      regular(s, c);
      const q = logAt(s, 4, { customerId: c, kind: 'inquiry', outcome: 'follow_up', followUpDue: dayIn(s, 0), notes: 'Check stock of the blue casserole' });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-due-today',
        style: 'gold',
        says: ['question from 19 Nov', 'by today', 'record the outcome'],
        because: 'follow-up due today for the inquiry on 19 Nov',
        resolves: q.id,
      };
    },
  },
  {
    name: 'an overdue follow-up opens with an apology',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      const q = logAt(s, 10, { customerId: c, kind: 'pickup', outcome: 'follow_up', followUpDue: dayIn(s, -3), notes: 'Paint to be mixed' });
      return { customerId: c, kind: 'follow_up', templateId: 'follow-up-overdue', style: 'blue', says: ["I'm sorry", 'order', 'by 20 Nov'], resolves: q.id };
    },
  },
  {
    name: 'a follow-up due later this week offers an update',
    build: (s) => {
      const c = customer(s, { style: 'orange' });
      regular(s, c);
      const q = logAt(s, 2, { customerId: c, kind: 'inquiry', outcome: 'follow_up', followUpDue: dayIn(s, 3) });
      return { customerId: c, kind: 'follow_up', templateId: 'follow-up-upcoming', style: 'orange', says: ['26 Nov'], resolves: q.id };
    },
  },
  {
    name: 'after a long absence the greeting is a welcome back',
    build: (s) => {
      const c = customer(s, { style: 'green' }, 900);
      regular(s, c, [400, 300, 200]);
      return { customerId: c, kind: 'greeting', templateId: 'welcome-back', style: 'green', says: ['200 days ago', '7 May'], because: /3 visits, last on 7 May \(200 days ago\)/ };
    },
  },
  {
    name: 'a customer who opted out of marketing gets no offer, even when every offer would match',
    build: (s) => {
      const c = customer(s, { style: 'orange', marketingConsent: false, tags: ['coffee'], birthday: '1985-11-26' }, 900);
      regular(s, c, [400, 300, 200]);
      return {
        customerId: c,
        kind: 'birthday',
        templateId: 'birthday-this-week',
        style: 'orange',
        also: (l) => {
          for (const x of l) expect(OFFER_IDS.has(x.templateId)).toBe(false);
          expect(kindsOf(l)).toContain('welcome-back');
          expect(kindsOf(l)).toContain('recommendation-interest');
        },
      };
    },
  },
  {
    name: 'the same customer having agreed to marketing gets the offer variants',
    build: (s) => {
      const c = customer(s, { style: 'orange', marketingConsent: true, tags: ['coffee'], birthday: '1985-11-26' }, 900);
      regular(s, c, [400, 300, 200]);
      return {
        customerId: c,
        kind: 'birthday',
        templateId: 'birthday-offer',
        style: 'orange',
        says: ["what's on offer"],
        also: (l) => expect(kindsOf(l)).toEqual(expect.arrayContaining(['welcome-back-offer', 'recommendation-offer'])),
      };
    },
  },
  {
    name: 'an order waiting for pickup is raised and resolved by the pickup suggestion',
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      regular(s, c);
      const p = logAt(s, 3, { customerId: c, kind: 'pickup', outcome: 'unresolved', notes: 'Weber kettle BBQ ordered in' });
      return { customerId: c, kind: 'pickup', templateId: 'pending-pickup', style: 'unknown', says: ['order from 20 Nov'], because: 'order waiting since 20 Nov', resolves: p.id };
    },
  },
  {
    name: 'an escalated complaint brings in the manager, and no second suggestion claims the same issue',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      const e = logAt(s, 5, { customerId: c, kind: 'complaint', outcome: 'escalated', sentiment: 1, notes: 'Refund refused at till' });
      return {
        customerId: c,
        kind: 'escalation',
        templateId: 'complaint-escalation',
        style: 'gold',
        says: ['store manager'],
        resolves: e.id,
        also: (l) => expect(l.filter((x) => x.resolvesInteractionId === e.id)).toHaveLength(1),
      };
    },
  },
  {
    name: 'a second complaint within three months is escalated too',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      logAt(s, 50, { customerId: c, kind: 'complaint', outcome: 'resolved', sentiment: 2 });
      const second = logAt(s, 4, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2 });
      return { customerId: c, kind: 'escalation', style: 'blue', says: ['my manager'], because: 'complaint on 19 Nov', resolves: second.id };
    },
  },
  {
    name: 'a closed but unhappy last visit gets a service-recovery check',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      regular(s, c);
      logAt(s, 5, { customerId: c, kind: 'inquiry', outcome: 'resolved', sentiment: 1, notes: 'Long queue' });
      return {
        customerId: c,
        kind: 'service_recovery',
        templateId: 'service-recovery-after-bad-visit',
        style: 'green',
        says: ['question on 18 Nov', 'poor experience'],
        because: 'inquiry on 18 Nov, resolved, sentiment 1/5',
        resolves: null,
      };
    },
  },
  {
    name: 'a purchase from last week gets a check-in',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      buy(s, c, 6, [
        { description: 'Microfibre cloths', priceCents: 899 },
        { description: 'Vileda spin mop', priceCents: 3499 },
      ]);
      return { customerId: c, kind: 'check_in', templateId: 'check-in-recent-purchase', style: 'blue', says: ['Vileda spin mop'], because: /bought Vileda spin mop \(\+1 more\) on 17 Nov/ };
    },
  },
  {
    name: 'a purchase lifting the customer into silver is thanked',
    config: { returnWindowDays: 0 },
    build: (s) => {
      setSetting(s.ctx, 'policy.goodwill_days', '0');
      const c = customer(s, { style: 'unknown' });
      buy(s, c, 200, [{ description: 'Drill', priceCents: 40_000 }]);
      buy(s, c, 3, [{ description: 'Mixer', priceCents: 29_999 }]);
      return { customerId: c, kind: 'loyalty', templateId: 'loyalty-tier-up', style: 'unknown', says: ['silver tier'], because: 'reached silver with the purchase on 20 Nov' };
    },
  },
  {
    name: 'a tenth visit is a milestone worth a thank-you',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c, [200, 180, 160, 140, 120, 100, 80, 60, 40, 20]);
      return { customerId: c, kind: 'loyalty', templateId: 'loyalty-visit-milestone', style: 'blue', says: ["Aoife, that's 10 visits now"], because: '10 visits' };
    },
  },
  {
    name: 'an interest tag drives a recommendation; service tags do not',
    build: (s) => {
      const c = customer(s, { style: 'gold', tags: ['prefers-email', 'Baking'] });
      regular(s, c);
      return {
        customerId: c,
        kind: 'recommendation',
        templateId: 'recommendation-interest',
        style: 'gold',
        says: ['interest in baking'],
        because: 'tagged “prefers-email”, “baking”',
      };
    },
  },
  {
    name: 'only service tags: no interest is made up',
    build: (s) => {
      const c = customer(s, { style: 'gold', tags: ['prefers-email', 'wheelchair-access'] });
      regular(s, c);
      return { customerId: c, kind: 'greeting', style: 'gold', also: (l) => expect(kindsOf(l)).not.toContain('recommendation-interest') };
    },
  },
  {
    name: 'a complaint amended to resolved is no longer apologised for, but checked on',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      const orig = logAt(s, 6, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 3 });
      amendAt(s, 5, { interactionId: orig.id, reason: 'replacement was sent', outcome: 'resolved', sentiment: 4 });
      return {
        customerId: c,
        kind: 'check_in',
        templateId: 'check-in-after-resolved-issue',
        style: 'blue',
        says: ['complaint on 17 Nov'],
        because: 'complaint on 17 Nov, resolved, sentiment 4/5',
        also: (l) => expect(l.every((x) => x.resolvesInteractionId === null)).toBe(true),
      };
    },
  },
  {
    name: 'an issue closed by a later follow-up no longer appears as open',
    build: (s) => {
      const c = customer(s, { style: 'orange' });
      regular(s, c);
      const q = logAt(s, 9, { customerId: c, kind: 'inquiry', outcome: 'unresolved' });
      logAt(s, 8, { customerId: c, kind: 'inquiry', outcome: 'resolved', sentiment: 5, resolves: [q.id] });
      return { customerId: c, kind: 'greeting', style: 'orange', also: (l) => expect(l.every((x) => x.resolvesInteractionId === null)).toBe(true) };
    },
  },
  {
    name: 'a second visit is greeted as a returning customer with the last visit date',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      regular(s, c, [30, 14]);
      return { customerId: c, kind: 'greeting', templateId: 'greeting-returning', style: 'gold', says: ['Your last visit was on 9 Nov'] };
    },
  },
  {
    name: 'a follow-up due today outranks an older unresolved complaint; both are offered for their own issue',
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      const comp = logAt(s, 20, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2 });
      const q = logAt(s, 3, { customerId: c, kind: 'inquiry', outcome: 'follow_up', followUpDue: dayIn(s, 0) });
      return {
        customerId: c,
        kind: 'follow_up',
        style: 'unknown',
        resolves: q.id,
        also: (l) => expect(l[1]).toMatchObject({ templateId: 'service-recovery', resolvesInteractionId: comp.id }),
      };
    },
  },
  {
    name: 'one open complaint that is also due today is offered once, as the follow-up',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      const comp = logAt(s, 6, { customerId: c, kind: 'complaint', outcome: 'follow_up', sentiment: 2, followUpDue: dayIn(s, 0) });
      return {
        customerId: c,
        kind: 'follow_up',
        style: 'green',
        resolves: comp.id,
        also: (l) => expect(l.filter((x) => x.resolvesInteractionId === comp.id)).toHaveLength(1),
      };
    },
  },
  {
    name: 'a gold-tier customer is thanked, in the gold (procedural) tone',
    config: { returnWindowDays: 0 },
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      buy(s, c, 300, [{ description: 'Range cooker', priceCents: 250_000 }]);
      regular(s, c, [100, 50]);
      return { customerId: c, kind: 'loyalty', templateId: 'loyalty-gold-thanks', style: 'gold', says: ['As a gold customer of Counterpart Demo Store'] };
    },
  },
  {
    name: 'a customer whose last purchase was fully returned gets no check-in on it',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      buy(s, c, 5, [{ description: 'Kettle', priceCents: 3999, returned: true }]);
      return {
        customerId: c,
        kind: 'greeting',
        style: 'blue',
        also: (l) => expect(kindsOf(l).filter((k) => /check-in-recent|return-window|from-purchase/.test(k))).toEqual([]),
      };
    },
  },
  {
    name: 'an all-caps first name is spoken normally',
    build: (s) => {
      const c = customer(s, { firstName: 'SIOBHAN', lastName: 'KELLY', style: 'unknown' });
      regular(s, c);
      return { customerId: c, kind: 'greeting', style: 'unknown', says: ['Hello Siobhan, good to see you again.'] };
    },
  },
];

describe('suggestion scenarios', () => {
  it('covers at least 30 situations', () => expect(scenarios.length).toBeGreaterThanOrEqual(30));

  it.each(scenarios.map((sc) => [sc.name, sc] as const))('%s', (_name, sc) => {
    const s = store(sc.now, sc.config);
    const e = sc.build(s);
    const list = suggest(s, e.customerId);
    expectWellFormed(list, { walkIn: e.customerId === null });
    const top = list[0]!;
    expect(top.templateId.length).toBeGreaterThan(0);
    const kindOf = (id: string) => shippedPlaybook().templates.find((t) => t.id === id)?.kind;
    expect({ kind: kindOf(top.templateId), style: top.style }).toEqual({ kind: e.kind, style: e.style });
    for (const x of list) expect(x.style).toBe(e.style);
    if (e.templateId) expect(top.templateId).toBe(e.templateId);
    for (const w of e.says ?? []) expect(top.text).toMatch(typeof w === 'string' ? new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : w);
    if (e.because) {
      const facts = top.reasons.map((r) => r.fact);
      expect(facts.some((f) => (typeof e.because === 'string' ? f.includes(e.because) : e.because!.test(f)))).toBe(true);
    }
    if (e.resolves !== undefined) expect(top.resolvesInteractionId).toBe(e.resolves);
    e.also?.(list);
    // Same inputs, same answer.
    expect(suggest(s, e.customerId)).toEqual(list);
  });

  it('a customer with no history still gets reasons, all pointing at the customer record', () => {
    const s = store();
    const c = customer(s, {}, 0);
    const list = suggest(s, c);
    expect(list.map((x) => x.templateId)).toEqual(['welcome-first-visit', 'how-can-i-help', 'honest-unknown']);
    for (const x of list) for (const r of x.reasons) expect(r.ref).toBe(`customer:${c}`);
    expect(list[0]!.reasons).toContainEqual({ fact: 'first visit, no history yet', ref: `customer:${c}` });
  });

  it('an unknown customer id is NOT_FOUND, not an empty list', () => {
    const s = store();
    expect(() => suggest(s, 999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
