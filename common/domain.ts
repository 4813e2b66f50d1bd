// Process-neutral domain types. Everything here is JSON-plain: dates are ISO strings, money is integer cents.

export const COMMUNICATION_STYLES = ['blue', 'green', 'gold', 'orange', 'unknown'] as const;
export type CommunicationStyle = (typeof COMMUNICATION_STYLES)[number];

export const INTERACTION_KINDS = ['inquiry', 'purchase', 'return', 'complaint', 'pickup', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_OUTCOMES = ['resolved', 'follow_up', 'escalated', 'unresolved'] as const;
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number];
/** Outcomes that leave something owed to the customer: they open a follow-up until a later interaction resolves it. */
export const OPEN_OUTCOMES: readonly InteractionOutcome[] = ['follow_up', 'escalated', 'unresolved'];

export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Tier = 'new' | 'bronze' | 'silver' | 'gold';

export interface Clerk {
  id: number;
  displayName: string;
  role: Role;
  /** Set while too many wrong PINs keep the account locked. */
  lockedUntil?: string | null;
}

export type MatchKind = 'loyalty' | 'phone' | 'email' | 'name_prefix' | 'name' | 'phone_partial' | 'fuzzy';

export interface CustomerHit {
  id: number;
  displayName: string;
  phone: string | null;
  email: string | null;
  loyaltyId: string | null;
  lastVisitAt: string | null;
  match: MatchKind;
}

export interface Customer {
  id: number;
  firstName: string;
  lastName: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  loyaltyId: string | null;
  birthday: string | null;
  style: CommunicationStyle;
  language: string | null;
  marketingConsent: boolean;
  tags: string[];
  notes: string;
  createdAt: string;
}

export interface OpenIssue {
  interactionId: number;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  openedAt: string;
  dueDate: string | null;
  overdue: boolean;
  notes: string;
}

export interface CustomerProfile {
  customer: Customer;
  tier: Tier;
  visitCount: number;
  lastVisitAt: string | null;
  lifetimeSpendCents: number;
  purchaseCount: number;
  interactionCount: number;
  openIssues: OpenIssue[];
}

export interface PurchaseItem {
  sku: string;
  description: string;
  quantity: number;
  unitPriceCents: number;
  returnStatus: 'kept' | 'returned';
}

export interface Interaction {
  id: number;
  customerId: number | null;
  createdAt: string;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  sentiment: number | null;
  notes: string;
  followUpDue: string | null;
  clerkId: number;
  clerkName: string;
  terminalId: string;
  suggestionTemplateId: string | null;
  /** What the clerk said to the customer (the edited "What I'll say" text); '' when nothing was noted. */
  said: string;
  /** The open issues this interaction settled (closed), oldest first. */
  resolves: number[];
  /** Set on amendment rows: the original they correct. */
  amendsId: number | null;
  amendReason: string | null;
}

export type TimelineEntry =
  | {
      type: 'purchase';
      id: number;
      at: string;
      receiptNo: string;
      totalCents: number;
      items: PurchaseItem[];
      returnWindowEndsOn: string;
    }
  | {
      type: 'interaction';
      id: number;
      at: string;
      /** The interaction as it stands after its latest amendment. */
      interaction: Interaction;
      amendmentCount: number;
      open: boolean;
    };

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Opaque cursor for the next (older) page, null when this is the last page. */
  nextCursor: string | null;
}

export interface SuggestionReason {
  /** Human-readable fact, e.g. "complaint on 12 Nov, unresolved". */
  fact: string;
  /** What the fact points at, e.g. "interaction:812" or "purchase:77". */
  ref: string;
}

export interface Suggestion {
  templateId: string;
  title: string;
  text: string;
  style: CommunicationStyle;
  reasons: SuggestionReason[];
  score: number;
  /**
   * The open issue (its interaction id) this suggestion is about, or null. Using it ties the log form to that issue:
   * it is preselected among the issues the new entry settles.
   */
  issueId: number | null;
}

export interface DuplicateCandidate {
  customer: CustomerHit;
  reasons: string[];
}

export interface AppInfo {
  version: string;
  storeId: string;
  storeName: string;
  terminalId: string;
  timeZone: string;
  returnWindowDays: number;
  demo: boolean;
  /** True on an empty database: nobody can sign in until the demo store is loaded or a first clerk is created. */
  needsSetup: boolean;
}

export interface Draft {
  key: string;
  body: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  clerkId: number | null;
  clerkName: string | null;
  terminalId: string;
  event: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface BackupSummary {
  name: string;
  bytes: number;
  createdAt: string;
}

export interface StoreProblem {
  /** corrupt: fails its integrity check; missing: gone although backups exist; unreadable: cannot be opened. */
  kind: 'corrupt' | 'missing' | 'unreadable';
  message: string;
  backups: BackupSummary[];
}
