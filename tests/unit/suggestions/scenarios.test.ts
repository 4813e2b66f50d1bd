// Hand-written counter situations: who is at the counter, and what the clerk should see first, in which tone.
import { describe, expect, it } from 'vitest';
import type { CommunicationStyle, Suggestion } from '@common/domain';
import { shippedPlaybook } from '../../../main/services/suggestions';
import { setSetting } from '../../../main/services/settings';
import {
  amendAt,
  buy,
  catalogue,
  customer,
  dayIn,
  declareCompatible,
  expectWellFormed,
  logAt,
  readReasons,
  regular,
  store,
  suggest,
  type Store,
} from './fixtures';

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
  /** The open issue the top suggestion is about. */
  issueId?: number | null;
  /** Extra checks on the whole list. */
  also?: (list: Suggestion[]) => void;
}

interface Scenario {
  name: string;
  now?: string;
  config?: Parameters<typeof store>[1];
  build(s: Store): { customerId: number | null } & Expectation;
}

const OFFER_IDS = new Set(
  shippedPlaybook()
    .templates.filter((t) => t.offer)
    .map((t) => t.id),
);
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
        also: () =>
          expect(s.db.prepare('SELECT interaction_count AS n FROM customers WHERE id = ?').get(c)).toEqual({
            n: 10_000,
          }),
      };
    },
  },
  {
    name: 'a customer who only ever returns things is helped to a better fit',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      for (const d of [60, 30, 9])
        logAt(s, d, {
          customerId: c,
          kind: 'return',
          outcome: 'resolved',
          sentiment: 3,
          notes: 'Returned, wrong size',
        });
      return {
        customerId: c,
        kind: 'return_help',
        templateId: 'returns-assist',
        style: 'green',
        says: ['better match'],
        because: '3 returns in the last 90 days',
      };
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
        also: (l) => {
          for (const x of l) expect(x.text).not.toMatch(/Byrne|, ,|\[/);
        },
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
      return {
        customerId: c,
        kind: 'greeting',
        style: 'unknown',
        says: ['Hello, good to see you again.'],
        also: (l) => {
          for (const x of l) expect(x.text).not.toContain('J.');
        },
      };
    },
  },
  {
    name: 'an unknown communication style gets the neutral text',
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      regular(s, c);
      return {
        customerId: c,
        kind: 'greeting',
        templateId: 'greeting-regular',
        style: 'unknown',
        says: ['Hello Aoife, good to see you again.'],
      };
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
      return {
        customerId: c,
        kind: 'birthday',
        templateId: 'birthday-today',
        style: 'orange',
        says: ['Happy birthday, Aoife!'],
        because: 'birthday today',
      };
    },
  },
  {
    name: 'an unresolved complaint from last week is ranked first, with an apology, and closes when used',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      const complaint = logAt(s, 7, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 2,
        notes: 'Kettle leaks from the base. Wants a replacement.',
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        templateId: 'service-recovery',
        style: 'blue',
        says: ["I'm so sorry", 'complaint from 16 Nov'],
        because: 'complaint on 16 Nov, still open (unresolved): “Kettle leaks from the base”',
        issueId: complaint.id,
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
        says: ['Kettle', 'until 28 Nov', '30-day return window'],
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
      catalogue(s, [{ sku: 'KIT-3005', checkIn: true }]);
      buy(s, c, 33, [{ sku: 'KIT-3005', description: 'Toaster', priceCents: 2999 }]);
      return {
        customerId: c,
        kind: 'recommendation',
        style: 'green',
        also: (l) => expect(l.map((x) => x.templateId)).not.toContain('return-window-just-closed'),
      };
    },
  },
  {
    name: 'the return window length comes from the store settings',
    config: { returnWindowDays: 14 },
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      buy(s, c, 10, [{ description: 'Lamp', priceCents: 5999 }]);
      return {
        customerId: c,
        kind: 'return_window',
        templateId: 'return-window-closing',
        style: 'unknown',
        says: ['until 27 Nov'],
      };
    },
  },
  {
    name: 'a follow-up due today comes first and resolves that interaction',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      regular(s, c);
      const q = logAt(s, 4, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'follow_up',
        followUpDue: dayIn(s, 0),
        notes: 'Check stock of the blue casserole',
      });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-due-today',
        style: 'gold',
        says: ['question from 19 Nov', 'by today', 'make a note'],
        because: 'follow-up due today for the inquiry on 19 Nov',
        issueId: q.id,
      };
    },
  },
  {
    name: 'an overdue follow-up opens with an apology',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      const q = logAt(s, 10, {
        customerId: c,
        kind: 'pickup',
        outcome: 'follow_up',
        followUpDue: dayIn(s, -3),
        notes: 'Paint to be mixed',
      });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-overdue',
        style: 'blue',
        says: ["I'm sorry", 'order', 'by 20 Nov'],
        issueId: q.id,
      };
    },
  },
  {
    name: 'a follow-up due later this week offers an update',
    build: (s) => {
      const c = customer(s, { style: 'orange' });
      regular(s, c);
      const q = logAt(s, 2, { customerId: c, kind: 'inquiry', outcome: 'follow_up', followUpDue: dayIn(s, 3) });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-upcoming',
        style: 'orange',
        says: ['26 Nov'],
        issueId: q.id,
      };
    },
  },
  {
    name: 'after a long absence the greeting is a welcome back',
    build: (s) => {
      const c = customer(s, { style: 'green' }, 900);
      regular(s, c, [400, 300, 200]);
      return {
        customerId: c,
        kind: 'greeting',
        templateId: 'welcome-back',
        style: 'green',
        says: ['since 7 May'],
        because: /3 visits, last on 7 May \(200 days ago\)/,
      };
    },
  },
  {
    name: 'a customer who opted out of marketing gets no offer, even when every offer would match',
    build: (s) => {
      const c = customer(
        s,
        { style: 'orange', marketingConsent: false, tags: ['coffee'], birthday: '1985-11-26' },
        900,
      );
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
      const p = logAt(s, 3, {
        customerId: c,
        kind: 'pickup',
        outcome: 'unresolved',
        notes: 'Weber kettle BBQ ordered in',
      });
      return {
        customerId: c,
        kind: 'pickup',
        templateId: 'pending-pickup',
        style: 'unknown',
        says: ['order from 20 Nov'],
        because: 'order waiting since 20 Nov',
        issueId: p.id,
      };
    },
  },
  {
    name: 'an escalated complaint brings in the manager, and no second suggestion claims the same issue',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      const e = logAt(s, 5, {
        customerId: c,
        kind: 'complaint',
        outcome: 'escalated',
        sentiment: 1,
        notes: 'Refund refused at till',
      });
      return {
        customerId: c,
        kind: 'escalation',
        templateId: 'complaint-escalation',
        style: 'gold',
        says: ['store manager'],
        issueId: e.id,
        also: (l) => expect(l.filter((x) => x.issueId === e.id)).toHaveLength(1),
      };
    },
  },
  {
    name: 'a second complaint within three months is escalated too',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      logAt(s, 50, { customerId: c, kind: 'complaint', outcome: 'resolved', sentiment: 2 });
      const second = logAt(s, 4, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2 });
      return {
        customerId: c,
        kind: 'escalation',
        style: 'blue',
        says: ['my manager'],
        because: 'complaint on 19 Nov',
        issueId: second.id,
      };
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
        says: ['question on 18 Nov', "didn't go well"],
        because: 'inquiry on 18 Nov, resolved, sentiment 1/5',
        issueId: null,
      };
    },
  },
  {
    name: 'a purchase from last week gets a check-in',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      catalogue(s, [{ sku: 'CLE-8001', checkIn: true }]);
      buy(s, c, 6, [
        { sku: 'CLE-8002', description: 'Microfibre cloths, 10 pack', priceCents: 899 },
        { sku: 'CLE-8001', description: 'Vileda spin mop', priceCents: 3499 },
      ]);
      return {
        customerId: c,
        kind: 'check_in',
        templateId: 'check-in-recent-purchase',
        style: 'blue',
        says: ['Vileda spin mop'],
        because: /bought Vileda spin mop \(\+1 more\) on 17 Nov/,
      };
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
      return {
        customerId: c,
        kind: 'loyalty',
        templateId: 'loyalty-tier-up',
        style: 'unknown',
        says: ['silver customer'],
        because: 'reached silver with the purchase on 20 Nov',
      };
    },
  },
  {
    name: 'a tenth visit is a milestone worth a thank-you',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c, [200, 180, 160, 140, 120, 100, 80, 60, 40, 20]);
      return {
        customerId: c,
        kind: 'loyalty',
        templateId: 'loyalty-visit-milestone',
        style: 'blue',
        says: ["Aoife, that's 10 visits now"],
        because: '10 visits',
      };
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
        says: ['interested in baking'],
        because: 'tagged “prefers-email”, “baking”',
      };
    },
  },
  {
    name: 'only service tags: no interest is made up',
    build: (s) => {
      const c = customer(s, { style: 'gold', tags: ['prefers-email', 'wheelchair-access'] });
      regular(s, c);
      return {
        customerId: c,
        kind: 'greeting',
        style: 'gold',
        also: (l) => expect(kindsOf(l)).not.toContain('recommendation-interest'),
      };
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
        also: (l) => expect(l.every((x) => x.issueId === null)).toBe(true),
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
      return {
        customerId: c,
        kind: 'greeting',
        style: 'orange',
        also: (l) => expect(l.every((x) => x.issueId === null)).toBe(true),
      };
    },
  },
  {
    name: 'a second visit is greeted as a returning customer with the last visit date',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      regular(s, c, [30, 14]);
      return {
        customerId: c,
        kind: 'greeting',
        templateId: 'greeting-returning',
        style: 'gold',
        says: ['Your last visit was on 9 Nov'],
      };
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
        issueId: q.id,
        also: (l) => expect(l[1]).toMatchObject({ templateId: 'service-recovery', issueId: comp.id }),
      };
    },
  },
  {
    name: 'one open complaint that is also due today is offered once, as the follow-up',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      const comp = logAt(s, 6, {
        customerId: c,
        kind: 'complaint',
        outcome: 'follow_up',
        sentiment: 2,
        followUpDue: dayIn(s, 0),
      });
      return {
        customerId: c,
        kind: 'follow_up',
        style: 'green',
        issueId: comp.id,
        also: (l) => expect(l.filter((x) => x.issueId === comp.id)).toHaveLength(1),
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
      return {
        customerId: c,
        kind: 'loyalty',
        templateId: 'loyalty-gold-thanks',
        style: 'gold',
        says: ['most valued customers at Counterpart Demo Store'],
      };
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
        also: (l) =>
          expect(kindsOf(l).filter((k) => /check-in-recent|return-window|from-purchase/.test(k))).toEqual([]),
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

const PAN = { sku: 'KIT-3004', description: 'Non-stick frying pan 28cm', priceCents: 3499 };
const KETTLE = { sku: 'KIT-3001', description: 'Russell Hobbs kettle 1.7L', priceCents: 3999 };
const templateOf = (id: string) => shippedPlaybook().templates.find((t) => t.id === id);
/** None of these templates is offered. */
const notOffered =
  (...templateIds: string[]) =>
  (l: Suggestion[]) =>
    expect(kindsOf(l).filter((id) => templateIds.includes(id))).toEqual([]);
/** The first suggestions are one per open issue, in this order. */
const firstAbout = (l: Suggestion[], issues: number[]) =>
  expect(l.slice(0, issues.length).map((x) => x.issueId)).toEqual(issues);
/** Nothing that is not about an open issue and not declared compatible with one is offered. */
const nothingHeldBackShown = (l: Suggestion[]) =>
  expect(
    l
      .filter((x) => x.issueId === null && templateOf(x.templateId)?.compatibleWithOpenIssues === false)
      .map((x) => x.templateId),
  ).toEqual([]);
/** No suggestion that is not about the issue talks about this item (quoted clerk notes aside). */
const silentAbout = (l: Suggestion[], item: RegExp) =>
  expect(
    l.filter((x) => x.issueId === null && item.test(x.text.replace(/“[^”]*”/g, ''))).map((x) => x.templateId),
  ).toEqual([]);

/** Situations where a cheerful line would contradict what the customer is still owed (issue #14, section 3). */
const clashes: Scenario[] = [
  {
    name: 'clash: a complaint about last week’s frying pan — no check-in or upsell on the pan, the complaint first',
    build: (s) => {
      const c = customer(s, { firstName: 'Tony', lastName: "O'Rourke", style: 'blue', tags: ['cooking'] });
      regular(s, c);
      catalogue(s, [{ sku: PAN.sku, checkIn: true }]);
      buy(s, c, 6, [PAN]);
      const comp = logAt(s, 1, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 2,
        notes:
          "Complained the non-stick frying pan 28cm broke within a month. Couldn't agree a fix today, left unhappy.",
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        templateId: 'service-recovery',
        style: 'blue',
        says: ["I'm so sorry", 'complaint from 22 Nov'],
        issueId: comp.id,
        also: (l) => {
          notOffered('check-in-recent-purchase', 'recommendation-from-purchase')(l);
          silentAbout(l, /frying pan/i);
          nothingHeldBackShown(l);
        },
      };
    },
  },
  {
    name: 'clash: three open issues get a suggestion each, before anything else',
    build: (s) => {
      const c = customer(s, { firstName: 'Tony', lastName: "O'Rourke", style: 'blue' });
      regular(s, c, [60, 50, 45]);
      const ret = logAt(s, 36, {
        customerId: c,
        kind: 'return',
        outcome: 'escalated',
        sentiment: 2,
        notes: 'Refund on the raised bed kit over my limit, passed to the manager.',
      });
      const q = logAt(s, 12, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'unresolved',
        sentiment: 2,
        notes: "Asked for a brand we don't carry.",
      });
      const comp = logAt(s, 1, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 2,
        notes: 'Frying pan broke within a month.',
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'blue',
        issueId: comp.id,
        also: (l) => {
          expect(new Set(l.slice(0, 3).map((x) => x.issueId))).toEqual(new Set([ret.id, q.id, comp.id]));
          expect(l.slice(3).every((x) => x.issueId === null)).toBe(true);
          nothingHeldBackShown(l);
        },
      };
    },
  },
  {
    name: 'clash: two open complaints are apologised for one by one',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      const kettle = logAt(s, 100, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 2,
        notes: 'Kettle leaks from the base.',
      });
      const pan = logAt(s, 2, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 1,
        notes: 'Pan handle came loose.',
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'green',
        says: ['complaint from 21 Nov'],
        because: '“Pan handle came loose”',
        issueId: pan.id,
        also: (l) => {
          firstAbout(l, [pan.id, kettle.id]);
          expect(
            readReasons(l[1]!.reasons)
              .map((r) => r.fact)
              .join(),
          ).toContain('“Kettle leaks from the base”');
        },
      };
    },
  },
  {
    name: 'clash: four open issues — three suggestions, the overdue promises first, earliest due first',
    build: (s) => {
      const c = customer(s, { style: 'unknown' });
      const a = logAt(s, 20, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'follow_up',
        followUpDue: dayIn(s, -5),
        notes: 'Quote for a shed',
      });
      const b = logAt(s, 10, {
        customerId: c,
        kind: 'pickup',
        outcome: 'follow_up',
        followUpDue: dayIn(s, -2),
        notes: 'Paint to be mixed',
      });
      const esc = logAt(s, 1, {
        customerId: c,
        kind: 'complaint',
        outcome: 'escalated',
        sentiment: 1,
        notes: 'Refund refused at the till',
      });
      logAt(s, 3, { customerId: c, kind: 'inquiry', outcome: 'unresolved', notes: 'Wanted a brand we do not stock' });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-overdue',
        style: 'unknown',
        issueId: a.id,
        also: (l) => {
          firstAbout(l, [a.id, b.id, esc.id]);
          expect(l.slice(3).every((x) => x.issueId === null)).toBe(true);
        },
      };
    },
  },
  {
    name: 'clash: a gold customer owed an overdue callback about an overcharge is not thanked for loyalty or offered anything',
    config: { returnWindowDays: 0 },
    build: (s) => {
      setSetting(s.ctx, 'policy.goodwill_days', '0');
      const c = customer(s, {
        firstName: 'Dmytro',
        lastName: 'Bondarenko',
        style: 'orange',
        marketingConsent: true,
        tags: ['cooking', 'home'],
      });
      buy(s, c, 200, [{ description: 'Le Creuset casserole 24cm', priceCents: 250_000 }]);
      regular(s, c, [60, 30, 15]);
      const comp = logAt(s, 6, {
        customerId: c,
        kind: 'complaint',
        outcome: 'follow_up',
        followUpDue: dayIn(s, -1),
        notes: 'Says they were overcharged on the Bosch cordless drill 18V. Checking the till roll.',
      });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-overdue',
        style: 'orange',
        issueId: comp.id,
        also: (l) => {
          notOffered('loyalty-gold-thanks')(l);
          for (const x of l) expect(OFFER_IDS.has(x.templateId), x.templateId).toBe(false);
          nothingHeldBackShown(l);
        },
      };
    },
  },
  {
    name: 'clash: a birthday today while a complaint is open — the complaint, not the cake',
    build: (s) => {
      const c = customer(s, { birthday: '1980-11-23', style: 'orange' });
      regular(s, c);
      const comp = logAt(s, 4, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 2,
        notes: 'Toaster burns one side',
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'orange',
        issueId: comp.id,
        also: notOffered('birthday-today'),
      };
    },
  },
  {
    name: 'clash: a tenth visit with an unresolved complaint is no milestone to celebrate',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c, [200, 180, 160, 140, 120, 100, 80, 60, 40]);
      const comp = logAt(s, 5, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2 });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'blue',
        issueId: comp.id,
        also: notOffered('loyalty-visit-milestone'),
      };
    },
  },
  {
    name: 'clash: an escalated return and a coffee interest with consent — no recommendation, no offer',
    build: (s) => {
      const c = customer(s, { style: 'gold', tags: ['coffee'], marketingConsent: true });
      regular(s, c);
      const ret = logAt(s, 3, {
        customerId: c,
        kind: 'return',
        outcome: 'escalated',
        sentiment: 2,
        notes: 'Grinder refund over my limit',
      });
      return {
        customerId: c,
        kind: 'escalation',
        templateId: 'complaint-escalation',
        style: 'gold',
        issueId: ret.id,
        also: (l) => {
          expect(kindsOf(l).filter((id) => id.startsWith('recommendation-'))).toEqual([]);
          nothingHeldBackShown(l);
        },
      };
    },
  },
  {
    name: 'clash: back after months, still owed a refund — no “lovely to see you again”',
    build: (s) => {
      const c = customer(s, { style: 'blue', marketingConsent: true }, 900);
      regular(s, c, [400, 300]);
      const ret = logAt(s, 120, {
        customerId: c,
        kind: 'return',
        outcome: 'escalated',
        sentiment: 1,
        notes: 'Refund on the mower, manager to decide',
      });
      return {
        customerId: c,
        kind: 'escalation',
        style: 'blue',
        issueId: ret.id,
        also: (l) => expect(kindsOf(l).filter((id) => id.startsWith('welcome-back'))).toEqual([]),
      };
    },
  },
  {
    name: 'clash: a regular with an unanswered question gets no chit-chat greeting',
    build: (s) => {
      const c = customer(s, { style: 'orange' });
      regular(s, c);
      const q = logAt(s, 2, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'unresolved',
        notes: 'Wants a spare lid for the slow cooker',
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'orange',
        issueId: q.id,
        also: notOffered('greeting-regular'),
      };
    },
  },
  {
    name: 'clash: one complaint fixed last week, another still open — no “all well since we fixed it?”',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      regular(s, c);
      const open = logAt(s, 20, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'unresolved',
        notes: 'Delivery to Bray not booked',
      });
      logAt(s, 5, { customerId: c, kind: 'complaint', outcome: 'resolved', sentiment: 4, notes: 'Kettle swapped' });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'green',
        issueId: open.id,
        also: notOffered('check-in-after-resolved-issue'),
      };
    },
  },
  {
    name: 'clash: the purchase that made them silver is not celebrated while their return is escalated',
    config: { returnWindowDays: 0 },
    build: (s) => {
      setSetting(s.ctx, 'policy.goodwill_days', '0');
      const c = customer(s, { style: 'unknown' });
      buy(s, c, 200, [{ description: 'Drill', priceCents: 40_000 }]);
      buy(s, c, 3, [{ description: 'Mixer', priceCents: 29_999 }]);
      const ret = logAt(s, 1, {
        customerId: c,
        kind: 'return',
        outcome: 'escalated',
        notes: 'Mixer bowl cracked, refund over my limit',
      });
      return {
        customerId: c,
        kind: 'escalation',
        style: 'unknown',
        issueId: ret.id,
        also: notOffered('loyalty-tier-up'),
      };
    },
  },
  {
    name: 'clash: an order waiting and an escalated return both come before any greeting',
    build: (s) => {
      const c = customer(s, { style: 'gold' });
      regular(s, c);
      const ret = logAt(s, 6, {
        customerId: c,
        kind: 'return',
        outcome: 'escalated',
        sentiment: 2,
        notes: 'Vacuum battery, refund over my limit',
      });
      const pick = logAt(s, 2, {
        customerId: c,
        kind: 'pickup',
        outcome: 'unresolved',
        notes: 'Weber kettle BBQ ordered in',
      });
      return {
        customerId: c,
        kind: 'escalation',
        style: 'gold',
        issueId: ret.id,
        also: (l) => {
          firstAbout(l, [ret.id, pick.id]);
          expect(kindsOf(l).filter((id) => templateOf(id)?.kind === 'greeting')).toEqual([]);
        },
      };
    },
  },
  {
    name: 'clash: an overdue promise comes before a fresh escalation, even where the escalation has the better record',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      const other = customer(s, { firstName: 'Seán', style: 'blue' });
      s.db.transaction(() => {
        for (let i = 0; i < 30; i++) {
          logAt(s, 2, {
            customerId: other,
            kind: 'complaint',
            outcome: 'resolved',
            sentiment: 5,
            suggestionTemplateId: 'complaint-escalation',
          });
          logAt(s, 2, {
            customerId: other,
            kind: 'inquiry',
            outcome: 'resolved',
            sentiment: 1,
            suggestionTemplateId: 'follow-up-overdue',
          });
        }
      })();
      const promise = logAt(s, 40, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'follow_up',
        followUpDue: dayIn(s, -30),
        notes: 'Ring when the 40cm planter lands',
      });
      const esc = logAt(s, 0, {
        customerId: c,
        kind: 'complaint',
        outcome: 'escalated',
        sentiment: 1,
        notes: 'Wants compensation for the air fryer',
      });
      return {
        customerId: c,
        kind: 'follow_up',
        templateId: 'follow-up-overdue',
        style: 'blue',
        issueId: promise.id,
        also: (l) => firstAbout(l, [promise.id, esc.id]),
      };
    },
  },
  {
    name: 'clash: a follow-up promised for the week after next still gets its own suggestion',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      regular(s, c);
      const q = logAt(s, 1, {
        customerId: c,
        kind: 'inquiry',
        outcome: 'follow_up',
        followUpDue: dayIn(s, 12),
        notes: 'Stand mixer in red, checking with the supplier',
      });
      return { customerId: c, kind: 'follow_up', style: 'green', issueId: q.id, also: notOffered('greeting-regular') };
    },
  },
  {
    name: 'clash: a gift card bought last week is not checked in on',
    build: (s) => {
      const c = customer(s, { style: 'green' });
      regular(s, c);
      buy(s, c, 6, [{ sku: 'GIF-1202', description: 'Gift card', priceCents: 5000 }]);
      return {
        customerId: c,
        kind: 'greeting',
        style: 'green',
        also: (l) => {
          notOffered('check-in-recent-purchase')(l);
          for (const x of l) expect(x.text).not.toMatch(/gift card/i);
        },
      };
    },
  },
  {
    name: 'clash: washing-up liquid gets neither a check-in nor “what goes with it”',
    build: (s) => {
      const c = customer(s, { style: 'blue' });
      regular(s, c);
      catalogue(s, [{ sku: 'CLE-8004', checkIn: false }]);
      buy(s, c, 4, [{ sku: 'CLE-8004', description: 'Eco washing-up liquid 1L', priceCents: 399 }]);
      return {
        customerId: c,
        kind: 'greeting',
        style: 'blue',
        also: (l) => {
          notOffered('check-in-recent-purchase', 'recommendation-from-purchase')(l);
          for (const x of l) expect(x.text).not.toMatch(/washing-up/i);
        },
      };
    },
  },
  {
    name: 'clash: a check-in a manager declared compatible still never asks about the purchase under complaint',
    build: (s) => {
      declareCompatible(s, 'check-in-recent-purchase');
      const c = customer(s, { style: 'blue' });
      catalogue(s, [
        { sku: PAN.sku, checkIn: true },
        { sku: KETTLE.sku, checkIn: true },
      ]);
      buy(s, c, 6, [PAN, KETTLE]);
      const comp = logAt(s, 2, {
        customerId: c,
        kind: 'complaint',
        outcome: 'unresolved',
        sentiment: 2,
        notes: 'The non-stick frying pan 28cm is peeling already.',
      });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'blue',
        issueId: comp.id,
        also: notOffered('check-in-recent-purchase'),
      };
    },
  },
  {
    name: 'clash: a complaint logged without notes after a purchase is taken to be about it',
    build: (s) => {
      declareCompatible(s, 'check-in-recent-purchase');
      const c = customer(s, { style: 'green' });
      catalogue(s, [{ sku: KETTLE.sku, checkIn: true }]);
      buy(s, c, 8, [KETTLE]);
      const comp = logAt(s, 3, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2 });
      return {
        customerId: c,
        kind: 'service_recovery',
        style: 'green',
        issueId: comp.id,
        also: notOffered('check-in-recent-purchase'),
      };
    },
  },
];

describe('suggestion scenarios', () => {
  it('covers at least 30 situations', () => expect(scenarios.length).toBeGreaterThanOrEqual(30));
  it('covers at least 15 clashes with what is open', () => expect(clashes.length).toBeGreaterThanOrEqual(15));

  it.each([...scenarios, ...clashes].map((sc) => [sc.name, sc] as const))('%s', (_name, sc) => {
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
    for (const w of e.says ?? [])
      expect(top.text).toMatch(typeof w === 'string' ? new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : w);
    if (e.because) {
      const facts = readReasons(top.reasons).map((r) => r.fact);
      expect(facts.some((f) => (typeof e.because === 'string' ? f.includes(e.because) : e.because!.test(f)))).toBe(
        true,
      );
    }
    if (e.issueId !== undefined) expect(top.issueId).toBe(e.issueId);
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
    expect(readReasons(list[0]!.reasons)).toContainEqual({ fact: 'first visit, no history yet', ref: `customer:${c}` });
  });

  it('an unknown customer id is NOT_FOUND, not an empty list', () => {
    const s = store();
    expect(() => suggest(s, 999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
