import type { InteractionKind, InteractionOutcome } from '@common/domain';
import type { StoreCalendar } from './calendar';
import { CATEGORIES, CATEGORY_PICK, NOTES, PRODUCTS, type NoteKey, type Product } from './catalog';
import { WeightedPick, type Rng } from './random';

export interface GenItem {
  product: Product;
  quantity: number;
  returned: boolean;
}

export interface GenPurchase {
  /** Days before today. */
  day: number;
  /** UTC milliseconds. */
  at: number;
  items: GenItem[];
}

export interface GenInteraction {
  day: number;
  at: number;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  sentiment: number | null;
  notes: string;
  followUpDue: string | null;
  /** Index into the store's clerks. */
  clerk: number;
  terminal: number;
  resolves: GenInteraction | null;
  amends: GenInteraction | null;
  amendReason: string | null;
  /** Assigned by the writer, in insertion order. */
  id: number;
}

export interface History {
  /** UTC milliseconds the customer record was created. */
  createdAt: number;
  purchases: GenPurchase[];
  interactions: GenInteraction[];
  /** Categories the customer keeps coming back for (indexes into CATEGORIES). */
  interests: number[];
}

/** How a customer uses the shop: most come once, some return now and then, a few are regulars. */
export type Segment = 'none' | 'once' | 'occasional' | 'regular' | 'heavy';
export const SEGMENT_PICK = new WeightedPick<Segment>(
  ['none', 'once', 'occasional', 'regular', 'heavy'],
  [3, 37, 40, 16, 4],
);

/** The store has been open this many days; the oldest history starts then. */
export const STORE_AGE_DAYS = 2190;

export interface StaffShape {
  /** Clerk indexes weighted by how often each works the counter. */
  counter: WeightedPick<number>;
  /** Managers and admins, who take escalations. */
  seniors: number[];
}

const TERMINAL_PICK = new WeightedPick([0, 1, 2], [60, 30, 10]);
const ITEM_COUNT = new WeightedPick([1, 2, 3, 4], [56, 26, 12, 6]);
const VISIT_KIND = new WeightedPick(['pos', 'served', 'talk'] as const, [40, 22, 38]);
const TALK_KIND = new WeightedPick<InteractionKind>(['inquiry', 'complaint', 'pickup', 'other'], [52, 13, 18, 17]);
const OUTCOMES: Record<InteractionKind, WeightedPick<InteractionOutcome>> = {
  inquiry: new WeightedPick(['resolved', 'follow_up', 'unresolved', 'escalated'], [84, 10, 4, 2]),
  purchase: new WeightedPick(['resolved', 'follow_up'], [96, 4]),
  return: new WeightedPick(['resolved', 'follow_up', 'escalated', 'unresolved'], [85, 6, 5, 4]),
  complaint: new WeightedPick(['resolved', 'follow_up', 'escalated', 'unresolved'], [40, 26, 16, 18]),
  pickup: new WeightedPick(['resolved', 'follow_up'], [93, 7]),
  other: new WeightedPick(['resolved', 'follow_up'], [92, 8]),
};
const HAPPY = new WeightedPick([1, 2, 3, 4, 5], [1, 2, 12, 45, 40]);
const AMEND_DETAIL = ['Paid by card.', 'Has the receipt.', 'Checked with the manager.', 'Box and manual returned too.'];

/** Builds one customer's purchases and counter interactions, oldest first, all before "now". */
export class HistoryBuilder {
  readonly returnWindowDays: number;

  /** `notes` false leaves note templates unfilled, for a writer that stores no interactions (see note()). */
  constructor(
    private readonly cal: StoreCalendar,
    private readonly staff: StaffShape,
    returnWindowDays: number,
    private readonly notes = true,
  ) {
    this.returnWindowDays = returnWindowDays;
    const [open, close] = cal.hours(0);
    this.todaySoFar = Math.min(1, Math.max(0, (cal.nowSeconds() - 600 - open) / (close - open)));
  }

  /** The share of today's opening hours already past (timeOn keeps today's visits 10 minutes before now). */
  private readonly todaySoFar: number;

  /** A random history for a customer of the given segment, ending `endAgo` days ago at the latest. */
  random(r: Rng, segment: Segment, endAgo = 0, startAgo?: number, visitsWanted?: number): History {
    const h: History = { createdAt: 0, purchases: [], interactions: [], interests: this.interests(r) };
    const span = STORE_AGE_DAYS;
    let start: number;
    let end: number;
    let visits: number;
    switch (segment) {
      case 'none':
        start = end = endAgo + r.int(0, 60);
        visits = 0;
        break;
      case 'once':
        start = end = endAgo + Math.floor((span - endAgo) * r.next() * r.next());
        visits = 1;
        break;
      case 'occasional':
        start = endAgo + r.int(30, span - endAgo);
        end = r.chance(0.65) ? endAgo + r.int(0, Math.min(60, start - endAgo)) : endAgo + r.int(0, start - endAgo);
        visits = r.int(2, 7);
        break;
      case 'regular':
        start = endAgo + r.int(365, span - endAgo);
        end = r.chance(0.8) ? endAgo + r.int(0, 10) : endAgo + r.int(60, start - endAgo - 100);
        visits = r.int(10, 26);
        break;
      case 'heavy':
        start = endAgo + r.int(700, span - endAgo);
        end = r.chance(0.9) ? endAgo + r.int(0, 5) : endAgo + r.int(120, 400);
        visits = r.int(40, 100);
        break;
    }
    if (startAgo !== undefined) start = Math.max(startAgo, end);
    if (visitsWanted !== undefined) visits = visitsWanted;
    const days: number[] = visits > 0 ? [start] : [];
    // Customers still coming in come more often lately, which keeps the counter busy in the last few weeks. Their
    // visits run up to today: were they to stop at their drawn last visit, fewer of them would be left each day
    // towards today, and the demo's counter would look half as busy in its last days as a fortnight before.
    const stillComing = end <= endAgo + 10;
    const from = stillComing ? endAgo : end;
    const lately = stillComing ? Math.min(start, end + 45) : end;
    for (let v = 1; v < visits; v++) {
      const to = r.chance(0.2) ? lately : start;
      let day = from + Math.floor(r.next() * (to - from + 1));
      // Today has only had its morning (or not opened yet): the rest of its share goes to the days before.
      if (day === 0 && to > 0 && !r.chance(this.todaySoFar)) day = 1 + Math.floor(r.next() * to);
      days.push(day);
    }
    days.sort((a, b) => b - a);
    let created: { at: number } | null = null;
    for (const d of days) {
      const t = this.timeOn(r, d);
      if (t === null) continue;
      created ??= t;
      this.visit(r, h, t.day, t.at);
    }
    created ??= this.timeOn(r, start);
    // Signed up at the till just before the first visit (or online, for those who never came in).
    h.createdAt = (created?.at ?? this.cal.nowMs - 3_600_000) - r.int(30, 900) * 1000;
    return h;
  }

  /** A random moment in opening hours on day n, before now; slides to the day before when today has no room. */
  timeOn(r: Rng, n: number): { day: number; at: number } | null {
    for (let day = n; day <= n + 1; day++) {
      const [open, close] = this.cal.hours(day);
      const latest = day === 0 ? Math.min(close, this.cal.nowSeconds() - 600) : close;
      if (latest <= open) continue;
      return { day, at: this.cal.instant(day, open + Math.floor(r.next() * (latest - open))) };
    }
    return null;
  }

  /** One trip to the shop: a till receipt, a conversation at the counter, or both. */
  visit(r: Rng, h: History, day: number, at: number): void {
    const what = VISIT_KIND.from(r);
    let bought: GenPurchase | null = null;
    if (what !== 'talk') {
      bought = { day, at, items: this.basket(r, h.interests) };
      h.purchases.push(bought);
    }
    if (what === 'pos') return;
    const talkAt = bought ? at + r.int(1, 6) * 60_000 : at;
    if (bought) {
      const kind: InteractionKind = r.chance(0.8) ? 'purchase' : 'pickup';
      this.talk(r, h, day, talkAt, kind, bought.items[0]!.product);
      return;
    }
    let kind = TALK_KIND.from(r);
    if (r.chance(0.22)) {
      const item = this.returnable(h, day);
      if (item) {
        item.returned = true;
        this.talk(r, h, day, talkAt, 'return', item.product);
        return;
      }
    }
    const last = h.purchases[h.purchases.length - 1];
    const product =
      kind === 'complaint' && last && r.chance(0.7) ? last.items[0]!.product : this.product(r, h.interests);
    if (kind === 'pickup' && r.chance(0.5)) kind = 'inquiry';
    this.talk(r, h, day, talkAt, kind, product);
  }

  /** Logs an interaction; an open outcome gets a later follow-up that closes it, unless that is still ahead. */
  talk(
    r: Rng,
    h: History,
    day: number,
    at: number,
    kind: InteractionKind,
    product: Product,
    forced?: {
      outcome?: InteractionOutcome;
      sentiment?: number | null;
      notes?: string;
      dueIn?: number;
      clerk?: number;
      resolveAfter?: number | null;
    },
  ): GenInteraction {
    const outcome = forced?.outcome ?? OUTCOMES[kind].from(r);
    const open = outcome !== 'resolved';
    const dueIn = outcome === 'follow_up' ? (forced?.dueIn ?? r.int(1, 10)) : null;
    const followUpDue = dueIn === null ? null : this.cal.day(day - dueIn);
    const key = `${kind}.${outcome}` as NoteKey;
    const templates = NOTES.interaction[key] ?? NOTES.interaction[`${kind}.resolved` as NoteKey];
    const i: GenInteraction = {
      day,
      at,
      kind,
      outcome,
      sentiment: forced?.sentiment !== undefined ? forced.sentiment : this.sentiment(r, kind, open),
      notes: forced?.notes ?? this.note(r.pick(templates), product, followUpDue),
      followUpDue,
      clerk: forced?.clerk ?? this.staff.counter.from(r),
      terminal: kind === 'return' || kind === 'complaint' ? (r.chance(0.6) ? 2 : 0) : TERMINAL_PICK.from(r),
      resolves: null,
      amends: null,
      amendReason: null,
      id: 0,
    };
    h.interactions.push(i);
    if (open) {
      const after =
        forced?.resolveAfter !== undefined ? forced.resolveAfter : this.resolutionDelay(r, outcome, dueIn, day);
      if (after !== null) this.resolve(r, h, i, day - after, product);
    } else if (i.notes && r.chance(0.012)) {
      this.amend(r, h, i);
    }
    return i;
  }

  /** A manager or admin, who takes escalations. */
  senior(r: Rng): number {
    return r.pick(this.staff.seniors);
  }

  /** Someone served without being looked up: directions, a price check, a question about stamps. */
  walkIn(r: Rng): GenInteraction | null {
    const t = this.timeOn(r, r.int(0, 365));
    if (!t) return null;
    return {
      day: t.day,
      at: t.at,
      kind: r.chance(0.7) ? 'inquiry' : 'other',
      outcome: 'resolved',
      sentiment: r.chance(0.6) ? null : HAPPY.from(r),
      notes: this.note(r.pick(NOTES.walkIn), this.product(r, [CATEGORY_PICK.from(r)]), null),
      followUpDue: null,
      clerk: this.staff.counter.from(r),
      terminal: TERMINAL_PICK.from(r),
      resolves: null,
      amends: null,
      amendReason: null,
      id: 0,
    };
  }

  /** Days until someone closes an open entry, or null when it stays open. */
  private resolutionDelay(r: Rng, outcome: InteractionOutcome, dueIn: number | null, day: number): number | null {
    let after: number | null;
    if (outcome === 'follow_up') after = r.chance(0.93) ? Math.max(1, dueIn! + r.int(-2, 3)) : null;
    else if (outcome === 'escalated') after = r.chance(0.88) ? r.int(1, 10) : null;
    else after = r.chance(0.65) ? r.int(2, 21) : null;
    // Loose ends get tidied up eventually: few stay open for more than a couple of months.
    if (after === null && day > 60 && r.chance(0.92)) after = r.int(5, 40);
    return after;
  }

  /** A later entry that settles `original`; dropped when it would fall after now. */
  resolve(
    r: Rng,
    h: History,
    original: GenInteraction,
    day: number,
    product: Product,
    notes?: string,
  ): GenInteraction | null {
    if (day < 0) return null;
    const t = this.timeOn(r, day);
    if (!t || t.at <= original.at) return null;
    const senior = original.outcome === 'escalated';
    const i: GenInteraction = {
      day: t.day,
      at: t.at,
      kind: original.kind,
      outcome: 'resolved',
      sentiment: r.chance(0.3) ? null : HAPPY.from(r),
      notes:
        notes ??
        this.note(
          r.pick(NOTES.resolution[original.outcome as 'follow_up' | 'escalated' | 'unresolved']),
          product,
          null,
        ),
      followUpDue: null,
      clerk: senior ? this.senior(r) : this.staff.counter.from(r),
      terminal: senior ? 2 : TERMINAL_PICK.from(r),
      resolves: original,
      amends: null,
      amendReason: null,
      id: 0,
    };
    h.interactions.push(i);
    return i;
  }

  /** A correction appended a few minutes after the original, as the app does it: the original row never changes. */
  private amend(r: Rng, h: History, original: GenInteraction): void {
    const at = original.at + r.int(2, 40) * 60_000;
    if (at >= this.cal.nowMs) return;
    h.interactions.push({
      ...original,
      at,
      notes: `${original.notes} ${r.pick(AMEND_DETAIL)}`,
      resolves: null,
      amends: original,
      amendReason: r.pick(NOTES.amendReasons),
      id: 0,
    });
  }

  /**
   * A note from its template. Without notes the template stands in: a parallel seed's main thread stores no
   * interactions, and filling ten million notes there cost seconds. Only whether a note is empty matters to the
   * draws that follow (talk() amends non-empty ones), and a template is empty exactly when its filled note is.
   */
  private note(template: string, product: Product, due: string | null): string {
    if (!this.notes) return template;
    return fill(template, product, due ? this.cal.label(due) : '');
  }

  private sentiment(r: Rng, kind: InteractionKind, open: boolean): number | null {
    if (r.chance(0.3)) return null;
    if (kind === 'complaint') return open ? r.int(1, 2) : r.int(2, 4);
    if (kind === 'return') return open ? r.int(2, 3) : r.int(3, 4);
    return open ? r.int(2, 4) : HAPPY.from(r);
  }

  /** The most recent kept item still inside the return window on `day`. */
  private returnable(h: History, day: number): GenItem | null {
    for (let p = h.purchases.length - 1; p >= 0; p--) {
      const purchase = h.purchases[p]!;
      if (purchase.day - day > this.returnWindowDays) return null;
      const item = purchase.items.find((it) => !it.returned);
      if (item) return item;
    }
    return null;
  }

  interests(r: Rng): number[] {
    const n = r.int(1, 3);
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const c = CATEGORY_PICK.from(r);
      if (!out.includes(c)) out.push(c);
    }
    return out;
  }

  product(r: Rng, interests: number[]): Product {
    if (r.chance(0.75)) return r.pick(CATEGORIES[r.pick(interests)]!.products);
    return r.chance(0.5) ? r.pick(PRODUCTS) : r.pick(CATEGORIES[CATEGORY_PICK.from(r)]!.products);
  }

  basket(r: Rng, interests: number[]): GenItem[] {
    const n = ITEM_COUNT.from(r);
    const items: GenItem[] = [];
    for (let k = 0; k < n; k++) {
      const product = this.product(r, interests);
      if (items.some((it) => it.product === product)) continue;
      const quantity = product.priceCents < 1500 && r.chance(0.25) ? r.int(2, 4) : 1;
      items.push({ product, quantity, returned: false });
    }
    return items;
  }
}

function fill(template: string, product: Product, due: string): string {
  let s = template;
  if (s.includes('{product}')) s = s.replaceAll('{product}', product.mention);
  if (s.includes('{due}')) s = s.replaceAll('{due}', due);
  return s.length > 0 && s[0] !== s[0]!.toUpperCase() ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Tags a clerk would give: the categories a customer bought from on several visits, plus contact preferences. */
export function interestTags(h: History, extra: string[]): string[] {
  const visits = new Array<number>(CATEGORIES.length).fill(0);
  const lastVisit = new Array<number>(CATEGORIES.length).fill(-1);
  for (let p = 0; p < h.purchases.length; p++) {
    for (const it of h.purchases[p]!.items) {
      const c = it.product.category;
      if (lastVisit[c] !== p) {
        lastVisit[c] = p;
        visits[c]!++;
      }
    }
  }
  const tags = extra.slice();
  for (let round = 0; round < 5; round++) {
    let best = -1;
    for (let c = 0; c < visits.length; c++) if (visits[c]! >= 3 && (best < 0 || visits[c]! > visits[best]!)) best = c;
    if (best < 0) break;
    visits[best] = 0;
    const tag = CATEGORIES[best]!.tag;
    if (!tags.includes(tag) && tags.length < 5) tags.push(tag);
  }
  return tags;
}
