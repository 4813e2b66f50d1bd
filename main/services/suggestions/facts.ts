// Everything the engine may say anything about, gathered once per call with a handful of indexed, LIMITed queries.
import type { CommunicationStyle, InteractionKind, InteractionOutcome, OpenIssue, Tier } from '@common/domain';
import { AppError, words } from '@common/errors';
import { nameKey } from '@common/normalize';
import { dayValue, monthValue } from '@common/short-day';
import { text, type TextWords } from '@common/words';
import { customersRepo, type CustomerRow } from '../../db/customers.repo';
import { GOODWILL_SETTING, playbookRepo, type LatestPurchaseRow } from '../../db/playbook.repo';
import type { ServiceContext } from '../context';
import { tierBasis, tierFor } from '../customers';
import { addDays, daysBetween, localDay } from '../time';
import { emptyFacts, type FactValues, type Subject } from './conditions';
import { preferredLanguage, storeLanguage, varsIn, type LanguageFacts, type SpokenValues } from './language';
import type { VariableValues } from './variables';
import { addressName, clerkFirstName, formatDay, KIND_NOUN, nextBirthday, summarise } from './wording';

/**
 * One reason-sized fact: what it says (catalogue words, worded by the screen in the clerk's language), what it points
 * at, and how old the event is (for recency).
 */
export interface SubjectFact {
  fact: TextWords;
  ref: string;
  ageDays: number | null;
}

export type Resolvable = 'openIssue' | 'followUp' | 'pickup';

export interface Facts {
  customerId: number | null;
  style: CommunicationStyle;
  marketingConsent: boolean;
  values: FactValues;
  subjects: Partial<Record<Subject, SubjectFact>>;
  vars: VariableValues;
  /** What the language-dependent variables rest on (a day, a kind, a tier), to say them in another language. */
  spoken: SpokenValues;
  /** The customer's preferred language and the store's, for the language a suggestion is said in. */
  language: LanguageFacts;
  /** The variables in a language (vars itself is English): see language.ts. */
  varsIn(language: string): VariableValues;
  /** The open item (interaction id) a suggestion following up that kind of item would be about. */
  resolvable: Record<Resolvable, number | null>;
  /**
   * One view per open issue (the MAX_ISSUE_VIEWS most pressing): these facts as if that issue were the one in
   * question (openIssue.*, followUp.* and pickup.* describe it and nothing else), so each issue can get a suggestion
   * of its own. Empty inside a view.
   */
  issues: IssueView[];
  /** What a check-in or recommendation may say about the most recent purchase; null without a purchase. */
  purchaseTalk: PurchaseTalk | null;
}

export interface IssueView {
  issueId: number;
  /** Its follow-up date, when it has one, and whether that date has passed (a promise broken). */
  dueDate: string | null;
  overdue: boolean;
  facts: Facts;
}

export interface PurchaseTalk {
  /**
   * The spoken name of the dearest kept item of the purchase that the catalog marks as worth asking about (a drill,
   * not washing-up liquid or a gift card); null when none is. Items without a catalog entry are not asked about.
   */
  checkInItem: string | null;
  /**
   * An open issue is about this purchase (see issueIsAbout): it is no subject for small talk then. A function, worked
   * out on first use: only a check-in or recommendation offered beside open issues asks, and a long history can
   * have dozens of issue notes to read.
   */
  underIssue(): boolean;
}

/** How many recent interactions are read; complaint and return counts look no further back than these. */
export const RECENT_INTERACTIONS = 20;
export const DEFAULT_GOODWILL_DAYS = 7;
const TIER_RANK = { new: 0, bronze: 1, silver: 2, gold: 3 } as const;

/** Tags that describe how to serve someone, not what they like: never offered as an interest. */
const SERVICE_TAG =
  /^(prefers-.*|trade|newsletter|large-print|wheelchair-access|vip|staff|wholesale|do-not-contact|accessibility)$/;

export function interestFrom(tags: readonly string[]): string | null {
  for (const t of tags) {
    const m = /^(?:likes|interest|interested-in)\s*:\s*(.+)$/.exec(t);
    if (m) return m[1]!.trim();
  }
  return tags.find((t) => !t.includes(':') && !SERVICE_TAG.test(t)) ?? null;
}

export function goodwillDays(ctx: ServiceContext): number {
  const raw = playbookRepo(ctx.db).setting.get(GOODWILL_SETTING)?.value;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 365 ? n : DEFAULT_GOODWILL_DAYS;
}

function policyVars(ctx: ServiceContext, clerkId: number): VariableValues {
  const clerk = playbookRepo(ctx.db).clerkName.get(clerkId);
  return {
    storeName: ctx.config.storeName || null,
    clerkName: clerk ? clerkFirstName(clerk.display_name) : null,
    returnWindowDays: String(ctx.config.returnWindowDays),
    goodwillDays: String(goodwillDays(ctx)),
  };
}

const OUTCOME_URGENCY = { escalated: 0, unresolved: 1, follow_up: 2, resolved: 3 } as const;

/**
 * Open issues that get a view of their own (Facts.issues), the most pressing ones: a customer with a long history
 * can have dozens open, only a few get a suggestion, and judging every template for each costs time at the counter
 * (50 views took a 10,000-interaction regular's suggestions from 2 to 9 ms).
 */
export const MAX_ISSUE_VIEWS = 8;

/** Promises due today or broken (earliest due first), then the newest: what the customer is most likely here about. */
function mostPressing(today: string): (a: OpenIssue, b: OpenIssue) => number {
  const due = (o: OpenIssue) => o.dueDate !== null && o.dueDate <= today;
  return (a, b) =>
    Number(due(b)) - Number(due(a)) ||
    (due(a) ? a.dueDate!.localeCompare(b.dueDate!) : 0) ||
    b.openedAt.localeCompare(a.openedAt) ||
    b.interactionId - a.interactionId;
}

/** A recent original interaction as it stands after its latest amendment. */
interface Recent {
  id: number;
  createdAt: string;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  sentiment: number | null;
  notes: string;
}

interface Item {
  description: string;
  quantity: number;
  unitPriceCents: number;
  returnStatus: 'kept' | 'returned';
  /** From the catalog, when the item's SKU is in it. */
  spoken: string | null;
  checkIn: 0 | 1 | null;
}

/** How an item is said mid-sentence: the catalog's name for it, else its till description up to the first comma. */
export function spokenName(item: Pick<Item, 'description' | 'spoken'>): string {
  return item.spoken?.trim() || item.description.split(',')[0]!.trim();
}

/**
 * Whether an open issue is about a purchase, decided from what the counter records (interactions carry no purchase
 * reference): its notes name one of the purchase's items (by spoken name or till description up to the first
 * comma, ignoring case, accents, punctuation and spaces), or it is a complaint or return opened on or after the day
 * of the purchase. The second part is deliberately broad: a complaint logged days after buying is most likely about
 * what was bought, and wrongly holding back "how are you getting on with it?" costs nothing, while asking it about a
 * broken item does.
 */
export function issueIsAbout(
  issue: { kind: InteractionKind; notes: string; openedDay: string },
  items: readonly Pick<Item, 'description' | 'spoken'>[],
  boughtDay: string,
): boolean {
  if ((issue.kind === 'complaint' || issue.kind === 'return') && issue.openedDay >= boughtDay) return true;
  // Spaces go too, so "non stick frying-pan" names the "Non-stick frying pan". A name hidden in a longer word
  // ("pan" in "panel") counts as well: that only ever holds a check-in back.
  const compact = (text: string) => nameKey(text).replaceAll(' ', '');
  const notes = compact(issue.notes);
  return items.some((i) =>
    [spokenName(i), i.description.split(',')[0]!].some((name) => {
      const key = compact(name);
      return key !== '' && notes.includes(key);
    }),
  );
}

/**
 * Everything the engine may say about this customer at this counter. One function per family of facts below, each
 * filling values (what conditions test), vars (what templates say) and subjects (the reasons shown beside a
 * suggestion), in this order: the person, visits and loyalty, the birthday, the history, what is owed, the latest
 * purchase, then one view per open issue.
 */
export function gatherFacts(ctx: ServiceContext, customerId: number | null, clerkId: number): Facts {
  const values = emptyFacts();
  const vars = policyVars(ctx, clerkId);
  const store = storeLanguage(ctx.config.locale);
  if (customerId === null) return walkInFacts(values, vars, store, localDay(ctx.now(), ctx.config.timeZone));
  const repo = playbookRepo(ctx.db);
  const row = customersRepo(ctx.db).byId.get(customerId);
  if (!row) throw new AppError('NOT_FOUND', words('customers.notFound', { id: customerId }));
  const t = dayTools(ctx);
  const f: Gathering = { values, vars, spoken: {}, subjects: {}, cref: `customer:${row.id}` };
  const style = row.style as CommunicationStyle;

  personFacts(f, row, t);
  const loyalty = visitFacts(ctx, f, row, t);
  birthdayFacts(f, row, t);
  const open = openIssuesOf(repo, row.id, t.today);
  historyFacts(f, recentOf(repo, row.id), new Set(open.map((o) => o.interactionId)), t);
  const resolvable = owedFacts(f, open, t);
  const purchaseTalk = purchaseFacts(ctx, f, repo.latestPurchase.get(row.id), open, loyalty, t);

  const language = {
    preferred: preferredLanguage(row.language),
    store,
    who: vars.firstName ?? vars.displayName ?? null,
  };
  const facts: Facts = {
    customerId: row.id,
    style,
    marketingConsent: row.marketing_consent === 1,
    values,
    subjects: f.subjects,
    vars,
    spoken: f.spoken,
    language,
    varsIn: inLanguage(vars, f.spoken, t.today),
    resolvable,
    issues: [],
    purchaseTalk,
  };
  facts.issues = issueViews(facts, open, t);
  return facts;
}

/** What a family of facts fills: the customer's values, vars and subjects, and the reference to the customer. */
interface Gathering extends Pick<Owed, 'values' | 'vars' | 'spoken' | 'subjects'> {
  cref: string;
}

/** varsIn for a set of vars: each language's worked out once per call. */
function inLanguage(vars: VariableValues, spoken: SpokenValues, today: string): (language: string) => VariableValues {
  const made = new Map<string, VariableValues>();
  return (language) => {
    let v = made.get(language);
    if (!v) {
      v = varsIn(language, vars, spoken, today);
      made.set(language, v);
    }
    return v;
  };
}

function walkInFacts(values: FactValues, vars: VariableValues, store: string, today: string): Facts {
  values.isWalkIn = true;
  return {
    customerId: null,
    style: 'unknown',
    marketingConsent: false,
    values,
    subjects: { customer: { fact: text('suggestions.reason.walkIn'), ref: 'walk-in', ageDays: null } },
    vars,
    spoken: {},
    language: { preferred: null, store, who: null },
    varsIn: inLanguage(vars, {}, today),
    resolvable: noneOwed(),
    issues: [],
    purchaseTalk: null,
  };
}

/** Store-local days, each timestamp's worked out once (a long history repeats them). */
function dayTools(ctx: ServiceContext): DayTools {
  const tz = ctx.config.timeZone;
  const today = localDay(ctx.now(), tz);
  const days = new Map<string, string>();
  const dayOf = (iso: string) => {
    let d = days.get(iso);
    if (d === undefined) {
      d = localDay(new Date(iso), tz);
      days.set(iso, d);
    }
    return d;
  };
  return {
    dayOf,
    ago: (iso) => daysBetween(dayOf(iso), today),
    fmt: (day) => formatDay(day, today),
    on: (day) => dayValue(day, today),
    today,
  };
}

/** The person: since when, style, consent, tags and the interest they suggest. */
function personFacts({ values, vars, subjects, cref }: Gathering, row: CustomerRow, t: DayTools): void {
  const style = row.style as CommunicationStyle;
  const tags = (JSON.parse(row.tags) as string[]).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  values.isWalkIn = false;
  values.customerSinceDays = t.ago(row.created_at);
  subjects.customer = {
    fact: text('suggestions.reason.customerSince', { since: monthValue(t.dayOf(row.created_at)) }),
    ref: cref,
    ageDays: null,
  };
  vars.firstName = addressName(row.first_name, row.last_name);
  vars.displayName = [row.first_name.trim(), row.last_name.trim()].filter(Boolean).join(' ') || null;
  values.style = style;
  subjects.style = {
    fact: text('suggestions.reason.style', { style: text(`suggestions.reason.styleName.${style}`) }),
    ref: cref,
    ageDays: null,
  };
  values.marketingConsent = row.marketing_consent === 1;
  subjects.consent = {
    fact: text(row.marketing_consent === 1 ? 'suggestions.reason.consented' : 'suggestions.reason.noConsent'),
    ref: cref,
    ageDays: null,
  };
  values.tags = tags;
  const interest = interestFrom(tags);
  values.interest = interest;
  vars.interest = interest;
  if (tags.length)
    subjects.tags = {
      fact: text('suggestions.reason.tagged', {
        tags: tags.map((tag) => text('suggestions.reason.quoted', { text: tag })),
      }),
      ref: cref,
      ageDays: null,
    };
}

/** The tier and what it rests on, for the purchase facts to tell whether the latest purchase moved it up. */
interface Loyalty {
  tier: Tier;
  basis: ReturnType<typeof tierBasis>;
}

/** Visits and loyalty: counts, the last visit, the tier. */
function visitFacts(
  ctx: ServiceContext,
  { values, vars, spoken, subjects, cref }: Gathering,
  row: CustomerRow,
  t: DayTools,
): Loyalty {
  values.visitCount = row.visit_count;
  values.interactionCount = row.interaction_count;
  values.purchaseCount = row.purchase_count;
  vars.visitCount = String(row.visit_count);
  if (row.last_visit_at) {
    const lastDay = t.dayOf(row.last_visit_at);
    const since = daysBetween(lastDay, t.today);
    values.daysSinceLastVisit = since;
    vars.daysSinceLastVisit = String(since);
    vars['lastVisit.date'] = t.fmt(lastDay);
    spoken['lastVisit.date'] = { day: lastDay };
    const when =
      since === 0
        ? text('suggestions.reason.today')
        : since === 1
          ? text('suggestions.reason.yesterday')
          : text('suggestions.reason.daysAgo', { on: t.on(lastDay), count: since });
    const fact = text('suggestions.reason.visits', { count: row.visit_count, when });
    subjects.visits = { fact, ref: cref, ageDays: null };
  } else {
    subjects.visits = { fact: text('suggestions.reason.firstVisit'), ref: cref, ageDays: null };
  }
  const basis = tierBasis(row);
  const tier = tierFor(ctx, basis.spendCents, basis.visits);
  values.tier = tier;
  values.lifetimeSpendCents = row.lifetime_spend_cents;
  vars.tier = tier;
  spoken.tier = { tier };
  subjects.tier = {
    fact:
      tier === 'new'
        ? text('suggestions.reason.newCustomer')
        : text('suggestions.reason.tier', { tier: text(`label.tier.${tier}`) }),
    ref: cref,
    ageDays: null,
  };
  return { tier, basis };
}

/** The next birthday, when it is known (29 February falls on 28 February in other years: the reason says so). */
function birthdayFacts({ values, vars, spoken, subjects, cref }: Gathering, row: CustomerRow, t: DayTools): void {
  if (!row.birthday) return;
  const b = nextBirthday(row.birthday, t.today);
  if (!b) return;
  values.birthdayInDays = b.inDays;
  vars['birthday.date'] = t.fmt(b.day);
  spoken['birthday.date'] = { day: b.day };
  const born = t.on(`${t.today.slice(0, 4)}${row.birthday.slice(4)}`);
  const shifted = b.day.slice(5) !== row.birthday.slice(5) ? text('suggestions.reason.bornOn', { on: born }) : '';
  subjects.birthday = {
    fact:
      b.inDays === 0
        ? text('suggestions.reason.birthdayToday', { born: shifted })
        : b.inDays === 1
          ? text('suggestions.reason.birthdayTomorrow', { born: shifted })
          : text('suggestions.reason.birthdayOn', { on: t.on(b.day), days: b.inDays, born: shifted }),
    ref: cref,
    ageDays: b.inDays,
  };
}

/** The last few original interactions, as they stand after amendments. */
function recentOf(repo: ReturnType<typeof playbookRepo>, customerId: number): Recent[] {
  return repo.recentInteractions.all(customerId, RECENT_INTERACTIONS).map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind as InteractionKind,
    outcome: r.outcome as InteractionOutcome,
    sentiment: r.sentiment,
    notes: r.notes,
  }));
}

function openIssuesOf(repo: ReturnType<typeof playbookRepo>, customerId: number, today: string): OpenIssue[] {
  return repo.openIssues.all(customerId).map((r) => ({
    interactionId: r.interaction_id,
    kind: r.kind as InteractionKind,
    outcome: r.outcome as InteractionOutcome,
    openedAt: r.opened_at,
    dueDate: r.due_date,
    overdue: r.due_date !== null && r.due_date < today,
    notes: r.notes,
  }));
}

/** The history: the last interaction, and complaints and returns in the last 90 days. */
function historyFacts(
  { values, vars, spoken, subjects }: Gathering,
  recent: Recent[],
  openIds: ReadonlySet<number>,
  t: DayTools,
): void {
  const last = recent[0];
  if (last) {
    const d = t.ago(last.createdAt);
    values['lastInteraction.kind'] = last.kind;
    values['lastInteraction.outcome'] = last.outcome;
    values['lastInteraction.sentiment'] = last.sentiment;
    values['lastInteraction.daysAgo'] = d;
    values['lastInteraction.open'] = openIds.has(last.id);
    vars['lastInteraction.kind'] = KIND_NOUN[last.kind];
    vars['lastInteraction.date'] = t.fmt(t.dayOf(last.createdAt));
    spoken['lastInteraction.kind'] = { kind: last.kind };
    spoken['lastInteraction.date'] = { day: t.dayOf(last.createdAt) };
    vars['lastInteraction.summary'] = summarise(last.notes);
    const still = openIds.has(last.id) && last.outcome === 'resolved' ? text('suggestions.reason.stillOpen') : '';
    const mood = last.sentiment !== null ? text('suggestions.reason.sentiment', { sentiment: last.sentiment }) : '';
    subjects.lastInteraction = {
      fact: text('suggestions.reason.interaction', {
        kind: kindLabel(last.kind),
        on: t.on(t.dayOf(last.createdAt)),
        outcome: text(`suggestions.reason.outcome.${last.outcome}`),
        still,
        mood,
      }),
      ref: `interaction:${last.id}`,
      ageDays: d,
    };
  }
  const countWithin90 = (kind: 'complaint' | 'return', subject: 'complaints' | 'returns') => {
    const hits = recent.filter((i) => i.kind === kind && t.ago(i.createdAt) <= 90);
    const first = hits[0];
    if (!first) return 0;
    const fact = text(`suggestions.reason.${subject}`, { count: hits.length });
    subjects[subject] = { fact, ref: `interaction:${first.id}`, ageDays: t.ago(first.createdAt) };
    return hits.length;
  };
  values.complaintsLast90Days = countWithin90('complaint', 'complaints');
  values.returnsLast90Days = countWithin90('return', 'returns');
}

/**
 * What is still owed. Three kinds of open item have their own facts: the most pressing open issue that is not a
 * pickup (openIssue.*), the one with the earliest follow-up date (followUp.*) and the newest pickup (pickup.*).
 */
function owedFacts(f: Gathering, open: OpenIssue[], t: DayTools): Facts['resolvable'] {
  const { values, subjects } = f;
  values.openIssues = open.length;
  const base: Owed = { values, vars: f.vars, spoken: f.spoken, subjects, resolvable: noneOwed() };
  const focus = open
    .filter((o) => o.kind !== 'pickup')
    .sort(
      (a, b) =>
        OUTCOME_URGENCY[a.outcome] - OUTCOME_URGENCY[b.outcome] ||
        b.openedAt.localeCompare(a.openedAt) ||
        b.interactionId - a.interactionId,
    )[0];
  const withDue = open.filter((o) => o.dueDate !== null);
  values.openFollowUps = withDue.length;
  const due = withDue.sort(
    (a, b) =>
      a.dueDate!.localeCompare(b.dueDate!) || a.openedAt.localeCompare(b.openedAt) || a.interactionId - b.interactionId,
  )[0];
  const pickups = open.filter((o) => o.kind === 'pickup');
  values.pendingPickups = pickups.length;
  asOpenIssue(base, focus, t);
  asFollowUp(base, due, t);
  asPickup(base, pickups[0], t);
  subjects.openIssues =
    open.length === 0
      ? { fact: text('suggestions.reason.nothingOpen'), ref: f.cref, ageDays: null }
      : {
          fact: text('suggestions.reason.openIssues', { count: open.length }),
          ref: `interaction:${(focus ?? open[0]!).interactionId}`,
          ageDays: null,
        };
  return base.resolvable;
}

/** The most recent purchase: what, when, the return window, whether it moved the customer up a tier. */
function purchaseFacts(
  ctx: ServiceContext,
  { values, vars, spoken, subjects }: Gathering,
  p: LatestPurchaseRow | undefined,
  open: OpenIssue[],
  { tier, basis }: Loyalty,
  t: DayTools,
): PurchaseTalk | null {
  if (!p) return null;
  const items = (JSON.parse(p.items) as (Item | null)[]).filter((i): i is Item => i !== null);
  const kept = items.filter((i) => i.returnStatus === 'kept');
  const dearest = (list: Item[]) =>
    [...list].sort((a, b) => b.unitPriceCents - a.unitPriceCents || a.description.localeCompare(b.description))[0];
  const item = dearest(kept) ?? dearest(items);
  const bought = t.dayOf(p.purchased_at);
  const d = daysBetween(bought, t.today);
  const ends = addDays(bought, ctx.config.returnWindowDays);
  const endsIn = daysBetween(t.today, ends);
  const allReturned = items.length > 0 && kept.length === 0;
  values['purchase.daysAgo'] = d;
  values['purchase.returnWindowEndsInDays'] = endsIn;
  values['purchase.withinReturnWindow'] = kept.length > 0 && endsIn >= 0;
  values['purchase.withinGoodwill'] = kept.length > 0 && endsIn < 0 && -endsIn <= goodwillDays(ctx);
  values['purchase.allReturned'] = allReturned;
  values['purchase.totalCents'] = p.total_cents;
  values['purchase.itemCount'] = items.length;
  vars['lastPurchase.item'] = item ? spokenName(item) || null : null;
  const worthAsking = kept.filter((i) => i.checkIn === 1);
  let underIssue: boolean | undefined;
  const talk: PurchaseTalk = {
    checkInItem: worthAsking.length ? spokenName(dearest(worthAsking)!) || null : null,
    underIssue: () =>
      (underIssue ??= open.some((o) => issueIsAbout({ ...o, openedDay: t.dayOf(o.openedAt) }, items, bought))),
  };
  vars['lastPurchase.date'] = t.fmt(bought);
  vars.returnWindowEnds = t.fmt(ends);
  spoken['lastPurchase.date'] = { day: bought };
  spoken.returnWindowEnds = { day: ends };
  const what = !item
    ? text('suggestions.reason.receiptTotal', { total: p.total_cents })
    : items.length > 1
      ? text('suggestions.reason.andMore', { item: item.description.trim(), more: items.length - 1 })
      : item.description.trim();
  const window = allReturned
    ? text('suggestions.reason.allReturned')
    : text(endsIn >= 0 ? 'suggestions.reason.windowEnds' : 'suggestions.reason.windowEnded', { on: t.on(ends) });
  subjects.purchase = {
    fact: text('suggestions.reason.bought', { what, on: t.on(bought), window }),
    ref: `purchase:${p.id}`,
    ageDays: d,
  };

  const before = tierFor(ctx, basis.spendCents - p.total_cents, Math.max(1, basis.visits));
  const tierUp = TIER_RANK[tier] >= TIER_RANK.silver && TIER_RANK[tier] > TIER_RANK[before];
  values['loyalty.tierUp'] = tierUp;
  if (tierUp)
    subjects.loyalty = {
      fact: text('suggestions.reason.reachedTier', { tier: text(`label.tier.${tier}`), on: t.on(bought) }),
      ref: `purchase:${p.id}`,
      ageDays: d,
    };
  return talk;
}

/** One view per open issue, the most pressing first: the facts as if that issue were the one in question. */
function issueViews(facts: Facts, open: OpenIssue[], t: DayTools): IssueView[] {
  return [...open]
    .sort(mostPressing(t.today))
    .slice(0, MAX_ISSUE_VIEWS)
    .map((o) => {
      // Each view starts from copies of everything the customer's facts hold, then describes only this issue.
      const view: Owed = {
        values: { ...facts.values },
        vars: { ...facts.vars },
        spoken: { ...facts.spoken },
        subjects: { ...facts.subjects },
        resolvable: noneOwed(),
      };
      asOpenIssue(view, o.kind === 'pickup' ? undefined : o, t);
      asFollowUp(view, o.dueDate === null ? undefined : o, t);
      asPickup(view, o.kind === 'pickup' ? o : undefined, t);
      if (o.dueDate !== null) view.values.followUpDueToday = o.dueDate <= t.today;
      const varsOf = inLanguage(view.vars, view.spoken, t.today);
      return {
        issueId: o.interactionId,
        dueDate: o.dueDate,
        overdue: o.overdue,
        facts: { ...facts, ...view, varsIn: varsOf, issues: [] },
      };
    });
}

const noneOwed = (): Facts['resolvable'] => ({ openIssue: null, followUp: null, pickup: null });

/** The parts of the facts that describe what is owed: one set for the customer, one per issue view. */
interface Owed {
  values: FactValues;
  vars: VariableValues;
  spoken: SpokenValues;
  subjects: Facts['subjects'];
  resolvable: Facts['resolvable'];
}

/**
 * The clerk's note on an issue, for the reasons beside a suggestion: it tells the clerk which issue a line is about.
 * It is never put in what the customer hears; notes are written for colleagues ("Complained the pan broke").
 */
const quoted = (notes: string): TextWords | '' => {
  const s = summarise(notes);
  return s ? text('suggestions.reason.note', { text: s }) : '';
};

/** What the clerk reads for a kind of interaction in a reason ("complaint"; "interaction" for other). */
const kindLabel = (kind: InteractionKind): TextWords => text(`suggestions.reason.kind.${kind}`);

interface DayTools {
  dayOf(iso: string): string;
  ago(iso: string): number;
  /** A day as the customer hears it in English ("12 Nov"): the vars; varsIn says it in another language. */
  fmt(day: string): string;
  /** A day as a value for the reasons' words (common/short-day.ts). */
  on(day: string): string;
  today: string;
}

function issueVars(f: Owed, prefix: 'openIssue' | 'followUp', o: OpenIssue | undefined, t: DayTools): void {
  f.vars[`${prefix}.kind`] = o ? KIND_NOUN[o.kind] : null;
  f.vars[`${prefix}.date`] = o ? t.fmt(t.dayOf(o.openedAt)) : null;
  f.vars[`${prefix}.summary`] = o ? summarise(o.notes) : null;
  f.vars[`${prefix}.due`] = o?.dueDate ? t.fmt(o.dueDate) : null;
  if (o) f.spoken[`${prefix}.kind`] = { kind: o.kind };
  if (o) f.spoken[`${prefix}.date`] = { day: t.dayOf(o.openedAt) };
  if (o?.dueDate) f.spoken[`${prefix}.due`] = { day: o.dueDate };
}

/** openIssue.*: the issue in question, or nothing. */
function asOpenIssue(f: Owed, o: OpenIssue | undefined, t: DayTools): void {
  issueVars(f, 'openIssue', o, t);
  f.resolvable.openIssue = o?.interactionId ?? null;
  f.values['openIssue.kind'] = o?.kind ?? null;
  f.values['openIssue.outcome'] = o?.outcome ?? null;
  f.values['openIssue.daysOpen'] = o ? t.ago(o.openedAt) : null;
  f.values['openIssue.overdue'] = o?.overdue ?? null;
  if (!o) return void delete f.subjects.openIssue;
  f.subjects.openIssue = {
    fact: text('suggestions.reason.openIssue', {
      kind: kindLabel(o.kind),
      on: t.on(t.dayOf(o.openedAt)),
      outcome: text(`suggestions.reason.outcome.${o.outcome}`),
      overdue: o.overdue ? text('suggestions.reason.followUpOverdue') : '',
      note: quoted(o.notes),
    }),
    ref: `interaction:${o.interactionId}`,
    ageDays: t.ago(o.openedAt),
  };
}

/** followUp.*: an open issue with a follow-up date, or nothing. */
function asFollowUp(f: Owed, o: OpenIssue | undefined, t: DayTools): void {
  issueVars(f, 'followUp', o, t);
  f.resolvable.followUp = o?.interactionId ?? null;
  if (!o || o.dueDate === null) {
    f.values['followUp.dueInDays'] = null;
    f.values.followUpDueToday = false;
    return void delete f.subjects.followUp;
  }
  const inDays = daysBetween(t.today, o.dueDate);
  f.values['followUp.dueInDays'] = inDays;
  f.values.followUpDueToday = inDays <= 0;
  const what = text('suggestions.reason.issueOn', { kind: kindLabel(o.kind), on: t.on(t.dayOf(o.openedAt)) });
  const key =
    inDays === 0
      ? 'suggestions.reason.followUpToday'
      : inDays < 0
        ? 'suggestions.reason.followUpOverdueSince'
        : 'suggestions.reason.followUpDue';
  f.subjects.followUp = {
    fact: text(key, { due: t.on(o.dueDate), what, note: quoted(o.notes) }),
    ref: `interaction:${o.interactionId}`,
    ageDays: Math.max(0, inDays),
  };
}

/** pickup.*: an order waiting, or nothing. */
function asPickup(f: Owed, o: OpenIssue | undefined, t: DayTools): void {
  f.resolvable.pickup = o?.interactionId ?? null;
  f.values['pickup.daysWaiting'] = o ? t.ago(o.openedAt) : null;
  f.vars['pickup.date'] = o ? t.fmt(t.dayOf(o.openedAt)) : null;
  if (o) f.spoken['pickup.date'] = { day: t.dayOf(o.openedAt) };
  f.vars['pickup.summary'] = o ? summarise(o.notes) : null;
  if (!o) return void delete f.subjects.pickup;
  f.subjects.pickup = {
    fact: text('suggestions.reason.orderWaiting', { since: t.on(t.dayOf(o.openedAt)), note: quoted(o.notes) }),
    ref: `interaction:${o.interactionId}`,
    ageDays: t.ago(o.openedAt),
  };
}
