// DTOs of the managers' daily review: day view, KPIs, charts, trend, follow-up queue and exports.
// JSON-plain like the rest of common/: days are store-local "YYYY-MM-DD", instants are UTC ISO strings,
// percentages are 0–100 with one decimal, averages have two decimals, and "no data" is null rather than 0.
import type { InteractionKind, InteractionOutcome } from './domain';
import type { Remedy, RootCause, Severity } from './recovery';

/** A clerk or customer as a list shows them. */
export interface PersonRef {
  id: number;
  displayName: string;
}

/** Narrows a day view. Every field is optional; the filters combine with AND. */
export interface DayFilters {
  clerkId?: number | undefined;
  kind?: InteractionKind | undefined;
  outcome?: InteractionOutcome | undefined;
  /** Inclusive bounds on the 1–5 sentiment; an entry without a sentiment never matches a bound. */
  sentimentMin?: number | undefined;
  sentimentMax?: number | undefined;
  /** true: only entries whose outcome opens a follow-up (follow-up, escalated, unresolved), open or done. */
  hasFollowUp?: boolean | undefined;
  flagged?: boolean | undefined;
  /** Words that must all occur in the notes or in what was said, ignoring case and accents ("cafe" finds "Café"). */
  text?: string | undefined;
}

/**
 * One logged interaction as it stands after its amendments. The id, time, clerk, customer and suggestion are the
 * original's; kind, outcome, sentiment, notes and follow-up date come from the latest amendment.
 */
export interface DayEntry {
  /** The original interaction's id: what interactions.review, interactions.amend and resolves refer to. */
  id: number;
  /** Store-local day and time (HH:MM, 24 h) the entry was logged. */
  day: string;
  localTime: string;
  createdAt: string;
  clerk: PersonRef;
  /** null for a walk-in. */
  customer: PersonRef | null;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  sentiment: number | null;
  notes: string;
  followUpDue: string | null;
  /** null when the outcome owes the customer nothing; 'done' once a later interaction closed it. */
  followUp: 'open' | 'done' | null;
  /** Playbook template the clerk used, if any. */
  suggestionTemplateId: string | null;
  /** What the clerk said to the customer (the edited "What I'll say" text); '' when nothing was noted. */
  said: string;
  /** Corrections made to the entry; manager reviews are not counted here. */
  amendmentCount: number;
  lastAmendReason: string | null;
  flagged: boolean;
  reviewNote: string | null;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
}

export interface DayReport {
  day: string;
  timeZone: string;
  /** Entries logged that day before filtering; entries.length is how many matched. */
  total: number;
  /** Oldest first. Always complete: a busy day (thousands of entries) comes back in one call. */
  entries: DayEntry[];
}

export interface KpiValues {
  interactions: number;
  resolvedPct: number | null;
  avgSentiment: number | null;
  complaints: number;
  /** Entries whose outcome opened a follow-up (follow-up, escalated, unresolved). */
  followUpsCreated: number;
  /** Follow-ups due before the day and still open now. */
  followUpsOverdue: number;
  /** Entries with a customer that used a suggestion, over all entries with a customer. */
  suggestionsUsedPct: number | null;
}

export interface ClerkKpi {
  clerk: PersonRef;
  interactions: number;
  resolvedPct: number | null;
  avgSentiment: number | null;
}

/** Interactions logged in one store-local hour (0–23), split by outcome. On a DST change day hour 1 may hold two clock hours. */
export interface HourBucket {
  hour: number;
  total: number;
  byOutcome: Record<InteractionOutcome, number>;
}

/** Sentiment 1–5, or null for entries logged without one. */
export interface SentimentBucket {
  sentiment: 1 | 2 | 3 | 4 | 5 | null;
  count: number;
}

/** What one clerk granted to put complaints right (amounts in minor units of the store's currency). */
export interface GoodwillByClerk {
  clerk: PersonRef;
  grants: number;
  totalMinor: number;
  /** The part of the total a manager approved with their PIN (above the clerk's own authority). */
  approvedMinor: number;
}

/** Complaints whose recovery named this root cause. */
export interface RootCauseCount {
  rootCause: RootCause;
  complaints: number;
}

/** The recovery of complaints over a range: goodwill per clerk (most first) and complaints by root cause. */
export interface RecoverySummary {
  goodwill: GoodwillByClerk[];
  rootCauses: RootCauseCount[];
}

/** An entry's recovery as the exports print it. */
export interface EntryRecovery {
  severity: Severity;
  remedy: Remedy;
  amountMinor: number;
  rootCause: RootCause;
  approvedBy: string | null;
}

export interface KpiReport {
  day: string;
  timeZone: string;
  recovery: RecoverySummary;
  kpis: KpiValues;
  /**
   * The seven days before `day`: counts are per-day means (one decimal); percentages and the sentiment average are
   * pooled over the seven days, so a quiet day weighs less than a busy one.
   */
  previous7DayAverage: KpiValues;
  /** Clerks who logged something that day, busiest first. Also the data of the per-clerk chart. */
  perClerk: ClerkKpi[];
  /** 24 buckets, hour 0 to 23. */
  byHour: HourBucket[];
  /** Six buckets: 1 to 5, then null. */
  sentiment: SentimentBucket[];
}

export interface TrendPoint {
  day: string;
  interactions: number;
  resolvedPct: number | null;
  avgSentiment: number | null;
}

/** An open follow-up in the queue at the counter. Marking it done = logging an interaction whose resolves lists interactionId. */
export interface FollowUp {
  interactionId: number;
  customer: (PersonRef & { phone: string | null }) | null;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  /** The notes as they stand after amendments. */
  notes: string;
  openedAt: string;
  /** The store-local day the original entry was logged. */
  loggedOn: string;
  loggedBy: PersonRef;
  dueDate: string | null;
  /** Due before today (store time zone). */
  overdue: boolean;
  assignedClerk: PersonRef | null;
}

/** What the counter's home view lists when no customer is open. */
export interface CounterQueue {
  /** Today in the store's time zone: what "due" and "overdue" were decided against. */
  today: string;
  /** Overdue and due today, promised callbacks first, then earliest due. */
  due: FollowUp[];
  /** Open follow-ups assigned to the signed-in clerk, whenever due. */
  mine: FollowUp[];
}

/** A date range's figures as exported (CLI json) and printed (PDF): the day view's KPIs and charts over the range. */
export interface RangeReport {
  storeName: string;
  from: string;
  to: string;
  timeZone: string;
  generatedAt: string;
  kpis: KpiValues;
  perClerk: ClerkKpi[];
  byHour: HourBucket[];
  sentiment: SentimentBucket[];
  recovery: RecoverySummary;
  entries: DayEntry[];
}

export interface CsvExport {
  fileName: string;
  /** RFC 4180 text (CRLF line ends); starts with a byte-order mark when one was asked for. */
  content: string;
  rows: number;
}

export interface PdfExport {
  fileName: string;
  base64: string;
  pages: number;
}

/** Which store the review shows: this one, another store of the chain (its hub id), or every store. */
export type StoreSelection = 'this' | 'all' | (string & {});

/** The stores a manager may pick in the review: this one first; with the chain scope, the others and "all". */
export interface ReviewStores {
  stores: { id: StoreSelection; name: string }[];
  /** Whether the clerk holds the chain scope (granted on the hub). */
  chain: boolean;
}
