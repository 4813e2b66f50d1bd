// Process-neutral domain types. Everything here is JSON-plain: dates are ISO strings, money is integer cents.

import type { CardShape } from './card-shape';
import type { ErrorWords } from './errors';
import type { TextWords } from './words';
import type { InteractionRecovery } from './recovery';
import type { BootstrapPhase } from './sync/bootstrap';

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
  /** Town and postcode (from a till's export): what tells two namesakes apart at the counter. */
  town: string | null;
  postcode: string | null;
  match: MatchKind;
  tier: Tier;
  visitCount: number;
  /** What the customer is owed, so a result row can say so before the profile is opened. */
  markers: HitMarkers;
}

export interface HitMarkers {
  /** Open issues other than orders waiting (follow-ups, escalations, unresolved). */
  openIssues: number;
  /** Open issues whose follow-up day has passed: a promise the store has broken. */
  overduePromises: number;
  /** Orders waiting to be picked up. */
  ordersWaiting: number;
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
  /** Who last set the communication style, and when; null when it came from an import or the demo store. */
  styleSetBy: { clerkId: number; name: string } | null;
  styleSetAt: string | null;
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
  /**
   * What the customer spent, over how many orders, before Counterpart, as a till's export said on `asOf` (the
   * import's time); counted in the tier. Null when no export said.
   */
  before: { spendCents: number; orders: number; asOf: string } | null;
  /** Town, postcode and country from a till's export; SMS marketing consent (marketingConsent is email/any). */
  address: { city: string | null; postcode: string | null; country: string | null };
  smsConsent: boolean;
  openIssues: OpenIssue[];
  /** The customer's data was erased: an anonymous record, kept for the store's figures, that cannot be edited. */
  erased: boolean;
  /** Who opened this profile, for managers; null for clerks (they may not see it). */
  views: ProfileViews | null;
}

/** One opening of a profile: by whom, on which terminal. clerkId null: from the command line. */
export interface ProfileView {
  at: string;
  clerkId: number | null;
  clerkName: string | null;
  terminalId: string;
}

export interface ProfileViews {
  /** Openings kept (the retention setting removes older ones). */
  total: number;
  /** The newest few, newest first. */
  recent: ProfileView[];
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
  /** Where it was logged when that was at another terminal of the chain ("Galway, till-2"); null when here. */
  place: string | null;
  suggestionTemplateId: string | null;
  /** What the clerk said to the customer (the edited "What I'll say" text); '' when nothing was noted. */
  said: string;
  /** The open issues this interaction settled (closed), oldest first. */
  resolves: number[];
  /** A complaint's recovery (what went wrong, remedy, amount, root cause); null for every other entry. */
  recovery: InteractionRecovery | null;
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
  /**
   * The fact in catalogue words, e.g. "complaint on 12 Nov, unresolved": the clerk reads it, so the screen words it
   * in its own language (common/words.ts), whatever language the suggestion's text is in.
   */
  fact: TextWords;
  /** What the fact points at, e.g. "interaction:812" or "purchase:77". */
  ref: string;
}

export interface Suggestion {
  templateId: string;
  title: string;
  text: string;
  style: CommunicationStyle;
  /** The language `text` is in (ISO 639, "de"); a reason says why when it is not simply the store's. */
  language: string;
  reasons: SuggestionReason[];
  score: number;
  /**
   * The open issue (its interaction id) this suggestion is about, or null. Using it ties the log form to that issue:
   * it is preselected among the issues the new entry settles.
   */
  issueId: number | null;
  /** The log form's Kind and Outcome when the clerk uses it (the template's defaults); null leaves the form's own. */
  logKind: InteractionKind | null;
  logOutcome: InteractionOutcome | null;
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
  /** The store's locale (BCP 47): the language the screens speak and how dates and numbers are written. */
  locale: string;
  /** The store's currency (ISO 4217). */
  currency: string;
  returnWindowDays: number;
  /** Minutes without a key or click after which the counter covers the screen and signs the clerk out. */
  idleLockMinutes: number;
  /** What a loyalty-card scan looks like here (store settings). */
  card: CardShape;
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

/** A copy of the store made before an erasure, so still holding the erased customer, and when it is deleted. */
export interface ErasureHolder {
  /** backup: in the backup folder; the others are copies beside the store file (see main/services/store-copies.ts). */
  kind: 'backup' | 'before-restore' | 'unusable' | 'pre-migration';
  name: string;
  createdAt: string;
  /**
   * When it is deleted while Counterpart runs: a backup when enough newer ones have been made (backupKeep, one every
   * backupEveryHours), a copy beside the store when it is storeCopyDays old.
   */
  deletedBy: string;
}

/** What an erasure changed, and where the customer is still held until those copies are deleted. */
export interface ErasureSummary {
  interactionsRedacted: number;
  openIssuesClosed: number;
  draftsDeleted: number;
  purchasesKept: number;
  /** Oldest first. */
  stillHeldBy: ErasureHolder[];
  /**
   * The store file itself. walPending: another connection was reading, so the write-ahead log still holds the old
   * pages; it is emptied by a retry every 15 minutes once the reader is done. compactionPending: pages SQLite
   * reorganised earlier can keep stray copies in their free space; the file is rewritten (VACUUM) when the app closes.
   */
  storeFile: { walPending: boolean; compactionPending: boolean };
}

export interface StoreProblem {
  /**
   * corrupt: damaged (at open or by a statement since); missing: gone although backups exist; not-a-store: empty,
   * foreign or not SQLite; newer: written by a newer app; read-only: the file or its folder takes no writes;
   * in-use: another program holds it; unreadable: anything else the operating system refused.
   */
  kind: 'corrupt' | 'missing' | 'not-a-store' | 'newer' | 'read-only' | 'in-use' | 'unreadable';
  /** In the terminal config's locale: what the log and a client without the catalogues show. */
  message: string;
  /**
   * The same in catalogue words, for the recovery screen to word in the language it shows everything else in (the
   * store cannot be read, so the screen follows the computer's language, which the config need not name).
   */
  words: ErrorWords | null;
  backups: BackupSummary[];
  /** The newest backup that passes its check: the one to restore. */
  recommended: string | null;
}

/**
 * Where this terminal stands with the chain's hub, for the header. `waiting`: changes made here that the hub does not
 * have yet. 'off': the store has not joined a hub; 'connecting': no answer from the hub yet since the app started;
 * 'offline': the hub cannot be reached (the counter works on, changes wait); 'error': the hub refused, and `problem`
 * says what a person can do about it: catalogue words (errors.sync.*), not a sentence, so the header words them in
 * the store's language.
 */
export type SyncState =
  | { state: 'off' }
  | ((
      | { state: 'connecting'; waiting: number }
      | { state: 'synced'; at: string; waiting: number }
      | { state: 'offline'; waiting: number; lastSyncAt: string | null }
      | { state: 'error'; waiting: number; problem: ErrorWords }
    ) & {
      bootstrap?: BootstrapView;
      /**
       * The hub's database went back to an earlier copy (main/sync/hub-restore.ts) at `detectedAt`, and this terminal
       * is still sending its changes again or copying the chain; absent once both are done.
       */
      hubRestored?: { detectedAt: string };
    });

/**
 * A new terminal's first copy of the chain, while it is unfinished (main/sync/bootstrap.ts): the customers first (the
 * counter looks people up meanwhile), then the history window. `done` of `total` rows of the phase; `total` is null
 * until the phase's first page came.
 */
export interface BootstrapView {
  phase: BootstrapPhase;
  done: number;
  total: number | null;
}

/**
 * The hub this store joined, as the back office shows it (chain.status, chain.join): names and ids only, never the
 * terminal's credential, which stays in the main process.
 */
export interface ChainLink {
  hubUrl: string;
  store: { id: string; name: string };
  terminal: { id: string; name: string };
  joinedAt: string;
}

/**
 * sync.state's answer: the header's SyncState and, when asked with the customer open at the counter, the revision of
 * the last change pulled from the hub that touched them (a number that only grows while the app runs: when it moves,
 * the profile and its history are read again).
 */
export type SyncView = SyncState & { openCustomerRevision?: number };
