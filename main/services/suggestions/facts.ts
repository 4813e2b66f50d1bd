// Everything the engine may say anything about, gathered once per call with a handful of indexed, LIMITed queries.
import type { CommunicationStyle, InteractionKind, InteractionOutcome, OpenIssue } from '../../../common/domain';
import { AppError } from '../../../common/errors';
import { customersRepo } from '../../db/customers.repo';
import { GOODWILL_SETTING, playbookRepo } from '../../db/playbook.repo';
import type { ServiceContext } from '../context';
import { tierBasis, tierFor } from '../customers';
import { addDays, daysBetween, localDay } from '../time';
import { emptyFacts, type FactValues, type Subject } from './conditions';
import type { VariableValues } from './variables';
import {
  addressName,
  clerkFirstName,
  formatDay,
  formatMonth,
  KIND_LABEL,
  KIND_NOUN,
  nextBirthday,
  OUTCOME_LABEL,
  plural,
  summarise,
  whenPhrase,
} from './wording';

/** One reason-sized fact: what it says, what it points at, and how old the event is (for recency). */
export interface SubjectFact {
  fact: string;
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
  /** The interaction a suggestion about that item would close. */
  resolvable: Record<Resolvable, number | null>;
}

/** How many recent interactions are read; complaint and return counts look no further back than these. */
export const RECENT_INTERACTIONS = 20;
export const DEFAULT_GOODWILL_DAYS = 7;
const TIER_RANK = { new: 0, bronze: 1, silver: 2, gold: 3 } as const;

/** Tags that describe how to serve someone, not what they like: never offered as an interest. */
const SERVICE_TAG = /^(prefers-.*|trade|newsletter|large-print|wheelchair-access|vip|staff|wholesale|do-not-contact|accessibility)$/;

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
}

export function gatherFacts(ctx: ServiceContext, customerId: number | null, clerkId: number): Facts {
  const values = emptyFacts();
  const vars = policyVars(ctx, clerkId);
  if (customerId === null) {
    values.isWalkIn = true;
    return {
      customerId: null,
      style: 'unknown',
      marketingConsent: false,
      values,
      subjects: { customer: { fact: 'walk-in, no customer selected', ref: 'walk-in', ageDays: null } },
      vars,
      resolvable: { openIssue: null, followUp: null, pickup: null },
    };
  }
  const db = ctx.db;
  const repo = playbookRepo(db);
  const row = customersRepo(db).byId.get(customerId);
  if (!row) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  const tz = ctx.config.timeZone;
  const today = localDay(ctx.now(), tz);
  const days = new Map<string, string>();
  const dayOf = (iso: string) => {
    let d = days.get(iso);
    if (d === undefined) days.set(iso, (d = localDay(new Date(iso), tz)));
    return d;
  };
  const ago = (iso: string) => daysBetween(dayOf(iso), today);
  const fmt = (day: string) => formatDay(day, today);
  const cref = `customer:${row.id}`;
  const subjects: Facts['subjects'] = {};
  const style = row.style as CommunicationStyle;
  const tags = (JSON.parse(row.tags) as string[]).map((t) => t.trim().toLowerCase()).filter(Boolean);

  // The person.
  values.isWalkIn = false;
  values.customerSinceDays = ago(row.created_at);
  subjects.customer = { fact: `customer since ${formatMonth(dayOf(row.created_at))}`, ref: cref, ageDays: null };
  vars.firstName = addressName(row.first_name, row.last_name);
  vars.displayName = [row.first_name.trim(), row.last_name.trim()].filter(Boolean).join(' ') || null;
  values.style = style;
  subjects.style = { fact: `communication style: ${style}`, ref: cref, ageDays: null };
  values.marketingConsent = row.marketing_consent === 1;
  subjects.consent = {
    fact: row.marketing_consent === 1 ? 'agreed to hear about offers' : 'has not agreed to marketing',
    ref: cref,
    ageDays: null,
  };
  values.tags = tags;
  const interest = interestFrom(tags);
  values.interest = interest;
  vars.interest = interest;
  if (tags.length) subjects.tags = { fact: `tagged ${tags.map((t) => `“${t}”`).join(', ')}`, ref: cref, ageDays: null };

  // Visits and loyalty.
  values.visitCount = row.visit_count;
  values.interactionCount = row.interaction_count;
  values.purchaseCount = row.purchase_count;
  vars.visitCount = String(row.visit_count);
  if (row.last_visit_at) {
    const lastDay = dayOf(row.last_visit_at);
    const since = daysBetween(lastDay, today);
    values.daysSinceLastVisit = since;
    vars.daysSinceLastVisit = String(since);
    vars['lastVisit.date'] = fmt(lastDay);
    const fact = `${plural(row.visit_count, 'visit')}, last ${whenPhrase(lastDay, since, today)}`;
    subjects.visits = { fact, ref: cref, ageDays: null };
  } else {
    subjects.visits = { fact: 'first visit, no history yet', ref: cref, ageDays: null };
  }
  const basis = tierBasis(row);
  const tier = tierFor(ctx, basis.spendCents, basis.visits);
  values.tier = tier;
  values.lifetimeSpendCents = row.lifetime_spend_cents;
  vars.tier = tier;
  subjects.tier = { fact: tier === 'new' ? 'new customer' : `${tier} tier`, ref: cref, ageDays: null };

  if (row.birthday) {
    const b = nextBirthday(row.birthday, today);
    if (b) {
      values.birthdayInDays = b.inDays;
      vars['birthday.date'] = fmt(b.day);
      const born = formatDay(`${today.slice(0, 4)}${row.birthday.slice(4)}`, today);
      const shifted = b.day.slice(5) !== row.birthday.slice(5) ? ` (born on ${born})` : '';
      subjects.birthday = {
        fact:
          b.inDays === 0
            ? `birthday today${shifted}`
            : `birthday ${b.inDays === 1 ? 'tomorrow' : `on ${fmt(b.day)}, in ${b.inDays} days`}${shifted}`,
        ref: cref,
        ageDays: b.inDays,
      };
    }
  }

  // Interaction history: the last few originals, as they stand after amendments.
  const recent: Recent[] = repo.recentInteractions.all(row.id, RECENT_INTERACTIONS).map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind as InteractionKind,
    outcome: r.outcome as InteractionOutcome,
    sentiment: r.sentiment,
    notes: r.notes,
  }));
  const open: OpenIssue[] = repo.openIssues.all(row.id).map((r) => ({
    interactionId: r.interaction_id,
    kind: r.kind as InteractionKind,
    outcome: r.outcome as InteractionOutcome,
    openedAt: r.opened_at,
    dueDate: r.due_date,
    overdue: r.due_date !== null && r.due_date < today,
    notes: r.notes,
  }));
  const openIds = new Set(open.map((o) => o.interactionId));
  const last = recent[0];
  if (last) {
    const d = ago(last.createdAt);
    values['lastInteraction.kind'] = last.kind;
    values['lastInteraction.outcome'] = last.outcome;
    values['lastInteraction.sentiment'] = last.sentiment;
    values['lastInteraction.daysAgo'] = d;
    values['lastInteraction.open'] = openIds.has(last.id);
    vars['lastInteraction.kind'] = KIND_NOUN[last.kind];
    vars['lastInteraction.date'] = fmt(dayOf(last.createdAt));
    vars['lastInteraction.summary'] = summarise(last.notes);
    const still = openIds.has(last.id) && last.outcome === 'resolved' ? ', still open' : '';
    const mood = last.sentiment !== null ? `, sentiment ${last.sentiment}/5` : '';
    subjects.lastInteraction = {
      fact: `${KIND_LABEL[last.kind]} on ${fmt(dayOf(last.createdAt))}, ${OUTCOME_LABEL[last.outcome]}${still}${mood}`,
      ref: `interaction:${last.id}`,
      ageDays: d,
    };
  }
  const countWithin90 = (kind: 'complaint' | 'return', subject: 'complaints' | 'returns', label: string) => {
    const hits = recent.filter((i) => i.kind === kind && ago(i.createdAt) <= 90);
    const first = hits[0];
    if (!first) return 0;
    const fact = `${plural(hits.length, label)} in the last 90 days`;
    subjects[subject] = { fact, ref: `interaction:${first.id}`, ageDays: ago(first.createdAt) };
    return hits.length;
  };
  values.complaintsLast90Days = countWithin90('complaint', 'complaints', 'complaint');
  values.returnsLast90Days = countWithin90('return', 'returns', 'return');

  // What is still owed.
  const resolvable: Facts['resolvable'] = { openIssue: null, followUp: null, pickup: null };
  values.openIssues = open.length;
  const issueVars = (prefix: 'openIssue' | 'followUp', o: OpenIssue) => {
    vars[`${prefix}.kind`] = KIND_NOUN[o.kind];
    vars[`${prefix}.date`] = fmt(dayOf(o.openedAt));
    vars[`${prefix}.summary`] = summarise(o.notes);
    vars[`${prefix}.due`] = o.dueDate ? fmt(o.dueDate) : null;
  };
  const focus = open
    .filter((o) => o.kind !== 'pickup')
    .sort(
      (a, b) =>
        OUTCOME_URGENCY[a.outcome] - OUTCOME_URGENCY[b.outcome] ||
        b.openedAt.localeCompare(a.openedAt) ||
        b.interactionId - a.interactionId,
    )[0];
  if (focus) {
    const d = ago(focus.openedAt);
    values['openIssue.kind'] = focus.kind;
    values['openIssue.outcome'] = focus.outcome;
    values['openIssue.daysOpen'] = d;
    values['openIssue.overdue'] = focus.overdue;
    issueVars('openIssue', focus);
    resolvable.openIssue = focus.interactionId;
    subjects.openIssue = {
      fact:
        `${KIND_LABEL[focus.kind]} on ${fmt(dayOf(focus.openedAt))}, still open (${OUTCOME_LABEL[focus.outcome]})` +
        (focus.overdue ? ', follow-up overdue' : ''),
      ref: `interaction:${focus.interactionId}`,
      ageDays: d,
    };
  }
  subjects.openIssues =
    open.length === 0
      ? { fact: 'nothing open', ref: cref, ageDays: null }
      : { fact: plural(open.length, 'open issue'), ref: `interaction:${(focus ?? open[0]!).interactionId}`, ageDays: null };

  const withDue = open.filter((o) => o.dueDate !== null);
  values.openFollowUps = withDue.length;
  const due = withDue
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || a.openedAt.localeCompare(b.openedAt) || a.interactionId - b.interactionId)[0];
  if (due) {
    const inDays = daysBetween(today, due.dueDate!);
    values['followUp.dueInDays'] = inDays;
    values.followUpDueToday = inDays <= 0;
    issueVars('followUp', due);
    resolvable.followUp = due.interactionId;
    const what = `${KIND_LABEL[due.kind]} on ${fmt(dayOf(due.openedAt))}`;
    subjects.followUp = {
      fact:
        inDays === 0
          ? `follow-up due today for the ${what}`
          : inDays < 0
            ? `follow-up overdue since ${fmt(due.dueDate!)} for the ${what}`
            : `follow-up due ${fmt(due.dueDate!)} for the ${what}`,
      ref: `interaction:${due.interactionId}`,
      ageDays: Math.max(0, inDays),
    };
  } else {
    values.followUpDueToday = false;
  }

  const pickups = open.filter((o) => o.kind === 'pickup');
  values.pendingPickups = pickups.length;
  const pickup = pickups[0];
  if (pickup) {
    const d = ago(pickup.openedAt);
    values['pickup.daysWaiting'] = d;
    vars['pickup.date'] = fmt(dayOf(pickup.openedAt));
    vars['pickup.summary'] = summarise(pickup.notes);
    resolvable.pickup = pickup.interactionId;
    const fact = `order waiting since ${fmt(dayOf(pickup.openedAt))}`;
    subjects.pickup = { fact, ref: `interaction:${pickup.interactionId}`, ageDays: d };
  }

  // The most recent purchase.
  const p = repo.latestPurchase.get(row.id);
  if (p) {
    const items = (JSON.parse(p.items) as (Item | null)[]).filter((i): i is Item => i !== null);
    const kept = items.filter((i) => i.returnStatus === 'kept');
    const dearest = (list: Item[]) =>
      [...list].sort((a, b) => b.unitPriceCents - a.unitPriceCents || a.description.localeCompare(b.description))[0];
    const item = dearest(kept) ?? dearest(items);
    const bought = dayOf(p.purchased_at);
    const d = daysBetween(bought, today);
    const ends = addDays(bought, ctx.config.returnWindowDays);
    const endsIn = daysBetween(today, ends);
    const allReturned = items.length > 0 && kept.length === 0;
    values['purchase.daysAgo'] = d;
    values['purchase.returnWindowEndsInDays'] = endsIn;
    values['purchase.withinReturnWindow'] = kept.length > 0 && endsIn >= 0;
    values['purchase.withinGoodwill'] = kept.length > 0 && endsIn < 0 && -endsIn <= goodwillDays(ctx);
    values['purchase.allReturned'] = allReturned;
    values['purchase.totalCents'] = p.total_cents;
    values['purchase.itemCount'] = items.length;
    vars['lastPurchase.item'] = item?.description.trim() || null;
    vars['lastPurchase.date'] = fmt(bought);
    vars.returnWindowEnds = fmt(ends);
    const what = item ? `${item.description.trim()}${items.length > 1 ? ` (+${items.length - 1} more)` : ''}` : `receipt total ${p.total_cents}`;
    const window = allReturned
      ? ', all returned'
      : endsIn >= 0
        ? `, return window ends ${fmt(ends)}`
        : `, return window ended ${fmt(ends)}`;
    subjects.purchase = { fact: `bought ${what} on ${fmt(bought)}${window}`, ref: `purchase:${p.id}`, ageDays: d };

    const before = tierFor(ctx, basis.spendCents - p.total_cents, Math.max(1, basis.visits));
    const tierUp = TIER_RANK[tier] >= TIER_RANK.silver && TIER_RANK[tier] > TIER_RANK[before];
    values['loyalty.tierUp'] = tierUp;
    if (tierUp) subjects.loyalty = { fact: `reached ${tier} with the purchase on ${fmt(bought)}`, ref: `purchase:${p.id}`, ageDays: d };
  }

  return { customerId: row.id, style, marketingConsent: row.marketing_consent === 1, values, subjects, vars, resolvable };
}
