import type { InteractionKind, InteractionOutcome } from '@common/domain';
import type { StoreCalendar } from './calendar';
import { productBySku } from './catalog';
import type { GenPurchase, History, HistoryBuilder, Segment } from './history';
import { loyaltyNumber, type Identity } from './people';
import type { Rng } from './random';

/**
 * The first customers of every demo store are written by hand, so a demo (and the end-to-end tests) can count on
 * the situations a counter meets: a complaint from last week still open, a follow-up due today, a purchase inside
 * its return window, a birthday this week and one on 29 February, a regular who stopped coming, names with
 * apostrophes, accents, hyphens and Chinese characters, a very long name, a customer with no phone or email.
 * Every time is relative to the seed's "today".
 */
export interface ShowcaseCustomer {
  who: Omit<Identity, 'loyaltyId' | 'birthday'> & { card?: boolean };
  /** A fixed birthday, or [year, days from today] for one that falls this week. */
  birthday?: string | [number, number];
  segment: Segment;
  visits?: number;
  /** The random part of the history ends this many days ago; the script below adds the recent, meaningful part. */
  historyEndsDaysAgo: number;
  script?: (s: Script) => void;
}

interface TalkOptions {
  outcome: InteractionOutcome;
  sentiment?: number | null;
  notes?: string;
  dueIn?: number;
  /** Days after which someone settles it; omit to leave it open. */
  resolvedAfter?: number;
  senior?: boolean;
}

export interface Script {
  cal: StoreCalendar;
  buy(daysAgo: number, time: string, skus: string[]): GenPurchase;
  talk(daysAgo: number, time: string, kind: InteractionKind, sku: string, o: TalkOptions): void;
}

const contact = (first: string, last: string, phone: string | null, email: string | null) => ({
  firstName: first,
  lastName: last,
  phone,
  email,
  language: null,
  marketingConsent: true,
  tags: [] as string[],
  notes: '',
});

export const SHOWCASE: ShowcaseCustomer[] = [
  {
    who: {
      ...contact('Mary', "O'Brien", '087 123 4567', 'mary.obrien@gmail.com'),
      style: 'gold',
      tags: ['prefers-email'],
      notes: 'Usually in on Saturday mornings.',
    },
    birthday: '1961-05-14',
    segment: 'regular',
    visits: 24,
    historyEndsDaysAgo: 21,
    script: (s) => {
      s.buy(19, '11:20', ['KIT-3001', 'COF-2007']);
      s.talk(19, '11:24', 'purchase', 'KIT-3001', {
        outcome: 'resolved',
        sentiment: 5,
        notes: 'Bought the Russell Hobbs kettle and some Colombian. Chatty as ever.',
      });
      s.talk(5, '10:05', 'complaint', 'KIT-3001', {
        outcome: 'unresolved',
        sentiment: 1,
        notes: `Kettle bought on ${s.cal.label(s.cal.day(19))} stopped working after two weeks. Wants a replacement, not a refund - none in stock. Left upset.`,
      });
    },
  },
  {
    who: {
      ...contact('Zoë', 'Smith-Jones', '+353 86 234 5678', 'Zoe.SmithJones@outlook.com'),
      style: 'blue',
      tags: ['prefers-email'],
    },
    segment: 'occasional',
    visits: 5,
    historyEndsDaysAgo: 30,
    script: (s) => {
      s.buy(6, '14:40', ['GAR-1001', 'GAR-1002', 'GAR-1008']);
      s.talk(4, '16:10', 'inquiry', 'GAR-1001', {
        outcome: 'follow_up',
        dueIn: 4,
        sentiment: 4,
        notes: 'Wants the terracotta planter in the 40cm size as well. Ordered in, ring when it lands (due {due}).',
      });
    },
  },
  {
    who: { ...contact('José', 'García', '+34 612 345 678', 'jose.garcia@gmail.com'), style: 'orange', language: 'es' },
    birthday: [1984, 2],
    segment: 'regular',
    visits: 14,
    historyEndsDaysAgo: 13,
    script: (s) => {
      s.buy(12, '09:45', ['COF-2001', 'COF-2002']);
      s.talk(12, '09:50', 'purchase', 'COF-2001', {
        outcome: 'resolved',
        sentiment: 5,
        notes:
          'Bought the Bialetti Moka Express and a bag of espresso beans. Interested in the burr grinder next time.',
      });
    },
  },
  {
    who: {
      ...contact('王芳', '', '086 555 0188', 'fang.wang@163.com'),
      style: 'green',
      language: 'zh',
      marketingConsent: false,
    },
    segment: 'occasional',
    visits: 4,
    historyEndsDaysAgo: 10,
    script: (s) =>
      s.talk(3, '12:30', 'inquiry', 'BAK-4002', {
        outcome: 'follow_up',
        dueIn: 3,
        sentiment: 4,
        notes: 'Asked for the Kenwood stand mixer in red. Checking with the supplier, call back by {due}.',
      }),
  },
  {
    who: { ...contact('Mary-Kate', 'Fitzgerald', '0851234567', 'marykate.fitz@icloud.com'), style: 'orange' },
    birthday: '1996-02-29',
    segment: 'regular',
    visits: 18,
    historyEndsDaysAgo: 2,
  },
  {
    who: {
      ...contact(
        'Alexandrina-Maximiliana',
        'Fitzgerald-Montgomery Ó Súilleabháin-Delacroix',
        '+353 87 765 4321',
        'a.fitzgerald-montgomery@protonmail.com',
      ),
      style: 'gold',
    },
    segment: 'occasional',
    visits: 6,
    historyEndsDaysAgo: 15,
    script: (s) => {
      s.buy(14, '15:00', ['CLE-8005']);
      s.talk(9, '11:15', 'return', 'CLE-8005', {
        outcome: 'escalated',
        sentiment: 2,
        notes:
          'Returning the Dyson cordless vacuum, battery dies after five minutes. Refund is over my limit - passed to the manager.',
      });
    },
  },
  {
    who: {
      ...contact('Seán', 'Ó Súilleabháin', '087 998 1122', 'sean.osuilleabhain@eircom.net'),
      style: 'green',
      language: 'ga',
      notes: 'Likes to chat about the garden.',
    },
    segment: 'heavy',
    visits: 45,
    historyEndsDaysAgo: 270,
  },
  {
    who: {
      ...contact('Bridget', 'Walsh', null, null),
      style: 'unknown',
      marketingConsent: false,
      notes: 'Pays cash, no phone or email on file.',
      card: false,
    },
    segment: 'once',
    historyEndsDaysAgo: 700,
  },
  {
    who: {
      ...contact('Pádraig', 'Murphy', '+353 89 432 1098', 'padraig.murphy@gmail.com'),
      style: 'blue',
      tags: ['trade'],
    },
    birthday: [1957, 0],
    segment: 'heavy',
    visits: 110,
    historyEndsDaysAgo: 7,
    script: (s) =>
      s.talk(6, '10:30', 'inquiry', 'TOO-5010', {
        outcome: 'follow_up',
        dueIn: 4,
        sentiment: 4,
        notes: 'Wants a quote for 3 x Makita jigsaw for the workshop. Will email it by {due}.',
      }),
  },
  {
    who: { ...contact('Niamh', 'Kelly', '083 321 6547', 'niamh.kelly@hotmail.com'), style: 'gold' },
    segment: 'occasional',
    visits: 6,
    historyEndsDaysAgo: 20,
    script: (s) => {
      s.buy(18, '13:10', ['KIT-3007']);
      s.talk(8, '17:20', 'complaint', 'KIT-3007', {
        outcome: 'escalated',
        sentiment: 2,
        notes: 'Air fryer basket coating peeling after a week. Very upset, wants compensation. Passed to the manager.',
      });
    },
  },
  {
    who: { ...contact('Chidi', 'Okafor', '+353 87 246 8101', 'chidi.okafor@gmail.com'), style: 'unknown' },
    segment: 'none',
    historyEndsDaysAgo: 1,
  },
  {
    who: {
      ...contact('Małgorzata', 'Wójcik', '+48 601 234 567', null),
      style: 'green',
      language: 'pl',
      tags: ['prefers-text'],
    },
    birthday: [1979, 5],
    segment: 'regular',
    visits: 12,
    historyEndsDaysAgo: 1,
  },
];

/** Builds showcase customer `index` (0-based) for the given store. */
export function showcaseCustomer(
  b: HistoryBuilder,
  cal: StoreCalendar,
  r: Rng,
  index: number,
  seed: number,
): { who: Identity; extraTags: string[]; h: History } {
  const spec = SHOWCASE[index]!;
  const h = b.random(r, spec.segment, spec.historyEndsDaysAgo, undefined, spec.visits);
  const at = (daysAgo: number, time: string) => {
    const [hh, mm] = time.split(':').map(Number);
    return cal.instant(daysAgo, hh! * 3600 + mm! * 60);
  };
  spec.script?.({
    cal,
    buy(daysAgo, time, skus) {
      const p: GenPurchase = {
        day: daysAgo,
        at: at(daysAgo, time),
        items: skus.map((sku) => ({ product: productBySku(sku), quantity: 1, returned: false })),
      };
      h.purchases.push(p);
      return p;
    },
    talk(daysAgo, time, kind, sku, o) {
      b.talk(r, h, daysAgo, at(daysAgo, time), kind, productBySku(sku), {
        outcome: o.outcome,
        sentiment: o.sentiment ?? null,
        ...(o.notes
          ? { notes: o.notes.replace('{due}', o.dueIn !== undefined ? cal.label(cal.day(daysAgo - o.dueIn)) : '') }
          : {}),
        ...(o.dueIn !== undefined ? { dueIn: o.dueIn } : {}),
        ...(o.senior ? { clerk: b.senior(r) } : {}),
        resolveAfter: o.resolvedAfter ?? null,
      });
    },
  });
  if (spec.segment === 'none') h.createdAt = at(spec.historyEndsDaysAgo, '15:30');
  const { card, ...who } = spec.who;
  return {
    who: {
      ...who,
      loyaltyId: card === false ? null : loyaltyNumber(index, seed),
      birthday: birthdayOf(cal, spec.birthday),
    },
    extraTags: who.tags,
    h,
  };
}

function birthdayOf(cal: StoreCalendar, b: ShowcaseCustomer['birthday']): string | null {
  if (b === undefined) return null;
  if (typeof b === 'string') return b;
  const [year, inDays] = b;
  const monthDay = cal.day(-inDays).slice(5);
  // A birthday this week that falls on 29 February needs a leap year of birth.
  return `${monthDay === '02-29' && year % 4 !== 0 ? year - (year % 4) : year}-${monthDay}`;
}
