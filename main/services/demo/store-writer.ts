import type Database from 'better-sqlite3';
import { emailKey, personNameKeys, phoneDigits } from '@common/normalize';
import { isoOf as iso, type StoreCalendar } from './calendar';
import { BatchInsert } from '../../db/batch-insert';
import { NEW_CUSTOMER_COLUMNS } from '../../db/customers.repo';
import { countNameWords } from '../../db/name-words';
import type { GenInteraction, GenPurchase, History } from './history';
import type { Identity } from './people';

/**
 * How rows reach the tables. 'triggers' inserts one row at a time and lets the schema's triggers keep visit counts,
 * open issues and the search index, exactly as the app does. 'bulk' runs with those triggers dropped (see
 * bulk-load.ts) and writes the same derived rows itself; a test seeds both ways and compares every table.
 */
export type SeedStrategy = 'bulk' | 'triggers';

const CUSTOMER_COLUMNS = ['id', ...NEW_CUSTOMER_COLUMNS] as const;
const STAT_COLUMNS = ['visit_count', 'last_visit_at', 'lifetime_spend_cents', 'purchase_count', 'interaction_count'];
const INTERACTION_COLUMNS = [
  'id',
  'customer_id',
  'created_at',
  'local_day',
  'kind',
  'outcome',
  'sentiment',
  'notes',
  'follow_up_due',
  'clerk_id',
  'terminal_id',
  'amends_id',
  'amend_reason',
];

const OPEN = new Set(['follow_up', 'escalated', 'unresolved']);

interface OpenIssue {
  interactionId: number;
  openedAt: string;
  dueDate: string | null;
  closedAt: string | null;
  closedBy: number | null;
}

interface VisitStats {
  /** Distinct store-local days with activity, oldest first (days-ago numbers, so descending). */
  days: number[];
  last: number;
  spend: number;
  purchases: number;
  interactions: number;
}

/** What the purchases_stats and interactions_stats triggers would have added up for one customer. */
function visitStats(purchases: GenPurchase[], interactions: GenInteraction[]): VisitStats {
  const days: number[] = [];
  let last = -Infinity;
  let spend = 0;
  let counted = 0;
  for (const p of purchases) {
    if (!days.includes(p.day)) days.push(p.day);
    if (p.at > last) last = p.at;
    for (const it of p.items) spend += it.product.priceCents * it.quantity;
  }
  for (const i of interactions) {
    if (i.amends) continue;
    counted++;
    if (!days.includes(i.day)) days.push(i.day);
    if (i.at > last) last = i.at;
  }
  days.sort((a, b) => b - a);
  return { days, last, spend, purchases: purchases.length, interactions: counted };
}

export interface WriterCounts {
  customers: number;
  purchases: number;
  interactions: number;
}

export type SeededTable =
  | 'customers'
  | 'purchases'
  | 'purchase_items'
  | 'interactions'
  | 'interaction_resolves'
  | 'customer_days'
  | 'open_issues';
export const SEEDED_TABLES: readonly SeededTable[] = [
  'customers',
  'purchases',
  'purchase_items',
  'interactions',
  'interaction_resolves',
  'customer_days',
  'open_issues',
];

export interface FirstIds {
  customer: number;
  purchase: number;
  interaction: number;
}

export interface WriterOptions {
  strategy: SeedStrategy;
  clerkIds: readonly number[];
  terminals: readonly string[];
  countryCode: string;
  firstIds: FirstIds;
  /**
   * Tables this writer fills (default all). A parallel seed runs two writers over the same generated store, each
   * filling some tables into its own file; ids come out the same because both number every row they generate.
   */
  tables?: readonly SeededTable[];
  /** Till number printed on receipts (default 1); writers adding to an already seeded store use another. */
  till?: number;
  /**
   * Count name words into `nameWords` (default: a bulk writer of the customers table). A parallel seed's worker
   * counts them for all customers although it writes none, which takes the work off the busier main thread.
   */
  nameWords?: boolean;
}

export function firstIdsOf(db: Database.Database): FirstIds {
  const next = (table: string) =>
    (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n;
  return { customer: next('customers'), purchase: next('purchases'), interaction: next('interactions') };
}

export class StoreWriter {
  readonly counts: WriterCounts = { customers: 0, purchases: 0, interactions: 0 };
  /** What name_words will hold for the customers written in bulk (the triggers keep it otherwise). */
  readonly nameWords = new Map<string, number>();
  private nextCustomer: number;
  private nextPurchase: number;
  private nextInteraction: number;
  private readonly receipts: { prefix: string; n: number }[] = [];
  private readonly customers: BatchInsert | null;
  private readonly purchases: BatchInsert | null;
  private readonly items: BatchInsert | null;
  private readonly interactions: BatchInsert | null;
  private readonly resolves: BatchInsert | null;
  private readonly days: BatchInsert | null;
  private readonly openIssues: BatchInsert | null;
  private readonly strategy: SeedStrategy;
  private readonly clerkIds: readonly number[];
  private readonly terminals: readonly string[];
  private readonly countryCode: string;
  private readonly till: number;
  private readonly countsWords: boolean;

  constructor(
    db: Database.Database,
    private readonly cal: StoreCalendar,
    o: WriterOptions,
  ) {
    this.strategy = o.strategy;
    this.clerkIds = o.clerkIds;
    this.terminals = o.terminals;
    this.countryCode = o.countryCode;
    this.till = o.till ?? 1;
    this.nextCustomer = o.firstIds.customer;
    this.nextPurchase = o.firstIds.purchase;
    this.nextInteraction = o.firstIds.interaction;
    const bulk = o.strategy === 'bulk';
    const wanted = new Set<SeededTable>(o.tables ?? SEEDED_TABLES);
    // With triggers live, every row must land before the next one is built (they read the customer row back).
    const table = (name: SeededTable, columns: readonly string[]) =>
      wanted.has(name)
        ? new BatchInsert(db, name, columns, bulk ? Math.max(1, Math.floor(480 / columns.length)) : 1)
        : null;
    this.customers = table('customers', bulk ? [...CUSTOMER_COLUMNS, ...STAT_COLUMNS] : CUSTOMER_COLUMNS);
    this.countsWords = o.nameWords ?? (bulk && this.customers !== null);
    this.purchases = table('purchases', [
      'id',
      'customer_id',
      'purchased_at',
      'local_day',
      'receipt_no',
      'total_cents',
    ]);
    this.items = table('purchase_items', [
      'purchase_id',
      'sku',
      'description',
      'quantity',
      'unit_price_cents',
      'return_status',
    ]);
    this.interactions = table('interactions', INTERACTION_COLUMNS);
    this.resolves = table('interaction_resolves', ['interaction_id', 'issue_id']);
    // Without triggers the writer keeps the derived tables itself.
    this.days = bulk ? table('customer_days', ['customer_id', 'day']) : null;
    this.openIssues = bulk
      ? table('open_issues', ['interaction_id', 'customer_id', 'opened_at', 'due_date', 'closed_at', 'closed_by'])
      : null;
  }

  /** Writes one customer with their history; returns the new customer id. */
  customer(who: Identity, tags: string[], h: History): number {
    const id = this.nextCustomer++;
    const purchases = h.purchases.length > 1 ? h.purchases.slice().sort((a, b) => a.at - b.at) : h.purchases;
    const interactions =
      h.interactions.length > 1 ? h.interactions.slice().sort((a, b) => a.at - b.at) : h.interactions;
    for (const i of interactions) i.id = this.nextInteraction++;
    const firstPurchase = this.nextPurchase;
    this.nextPurchase += purchases.length;

    const stats =
      this.strategy === 'bulk' && (this.customers || this.days) ? visitStats(purchases, interactions) : null;
    if (this.customers) this.customerRow(id, who, tags, h.createdAt, stats);
    else if (this.countsWords)
      countNameWords(personNameKeys(who.firstName.trim(), who.lastName.trim()).nameKey, this.nameWords);
    if (this.purchases || this.items) this.purchaseRows(id, firstPurchase, purchases);
    if (this.interactions) for (const i of interactions) this.interaction(id, i);
    if (this.days) {
      const days = this.days;
      for (const d of stats!.days) {
        days.values.push(id, this.cal.day(d));
        days.rowAdded();
      }
    }
    if (this.openIssues) this.writeOpenIssues(id, interactions);
    this.counts.customers++;
    this.counts.purchases += purchases.length;
    this.counts.interactions += interactions.length;
    return id;
  }

  /** Someone served at the counter without looking them up. */
  walkIn(i: GenInteraction): void {
    i.id = this.nextInteraction++;
    if (this.interactions) this.interaction(null, i);
    this.counts.interactions++;
  }

  flush(): void {
    this.customers?.flush();
    this.purchases?.flush();
    this.items?.flush();
    this.interactions?.flush();
    this.resolves?.flush();
    this.days?.flush();
    this.openIssues?.flush();
  }

  /** The row quick-create would write (customerRow), built without re-validating: a test checks they agree. */
  private customerRow(id: number, who: Identity, tags: string[], createdAt: number, stats: VisitStats | null): void {
    const first = who.firstName.trim();
    const last = who.lastName.trim();
    const keys = personNameKeys(first, last);
    const v = this.customers!.values;
    v.push(
      id,
      first,
      last,
      keys.nameKey,
      keys.lastKey,
      who.phone || null,
      phoneDigits(who.phone, this.countryCode),
      emailKey(who.email),
      who.loyaltyId ? who.loyaltyId.replace(/\s+/g, '') : null,
      who.birthday,
      who.style,
      who.language || null,
      who.marketingConsent ? 1 : 0,
      JSON.stringify(tags),
      who.notes,
      iso(createdAt),
    );
    if (this.countsWords) countNameWords(keys.nameKey, this.nameWords);
    if (stats)
      v.push(
        stats.days.length,
        stats.days.length ? iso(stats.last) : null,
        stats.spend,
        stats.purchases,
        stats.interactions,
      );
    this.customers!.rowAdded();
  }

  private purchaseRows(customerId: number, firstId: number, purchases: GenPurchase[]): void {
    let pid = firstId;
    for (const p of purchases) {
      let total = 0;
      for (const it of p.items) total += it.product.priceCents * it.quantity;
      if (this.purchases) {
        this.purchases.values.push(pid, customerId, iso(p.at), this.cal.day(p.day), this.receipt(p.day), total);
        this.purchases.rowAdded();
      }
      if (this.items) {
        const items = this.items.values;
        for (const it of p.items) {
          items.push(
            pid,
            it.product.sku,
            it.product.name,
            it.quantity,
            it.product.priceCents,
            it.returned ? 'returned' : 'kept',
          );
          this.items.rowAdded();
        }
      }
      pid++;
    }
  }

  private interaction(customerId: number | null, i: GenInteraction): void {
    this.interactions!.values.push(
      i.id,
      customerId,
      iso(i.at),
      this.cal.day(i.day),
      i.kind,
      i.outcome,
      i.sentiment,
      i.notes,
      i.followUpDue,
      this.clerkIds[i.clerk],
      this.terminals[i.terminal],
      i.amends ? i.amends.id : null,
      i.amendReason,
    );
    this.interactions!.rowAdded();
    if (i.resolves && this.resolves) {
      this.resolves.values.push(i.id, i.resolves.id);
      this.resolves.rowAdded();
    }
  }

  /** What the interactions_open / _amend and interaction_resolves_close triggers would leave behind for this customer. */
  private writeOpenIssues(customerId: number, interactions: GenInteraction[]): void {
    const issues = new Map<number, OpenIssue>();
    for (const i of interactions) {
      if (!i.amends && !i.resolves && !OPEN.has(i.outcome)) continue;
      const at = iso(i.at);
      if (i.amends) {
        const target = issues.get(i.amends.id);
        if (!OPEN.has(i.outcome)) {
          if (target && target.closedAt === null) Object.assign(target, { closedAt: at, closedBy: i.id });
        } else if (target) {
          Object.assign(target, { closedAt: null, closedBy: null, dueDate: i.followUpDue });
        } else {
          issues.set(i.amends.id, {
            interactionId: i.amends.id,
            openedAt: at,
            dueDate: i.followUpDue,
            closedAt: null,
            closedBy: null,
          });
        }
        continue;
      }
      if (OPEN.has(i.outcome)) {
        issues.set(i.id, { interactionId: i.id, openedAt: at, dueDate: i.followUpDue, closedAt: null, closedBy: null });
      }
      if (i.resolves) {
        const target = issues.get(i.resolves.id);
        if (target && target.closedAt === null) Object.assign(target, { closedAt: at, closedBy: i.id });
      }
    }
    if (issues.size === 0) return;
    for (const o of [...issues.values()].sort((a, b) => a.interactionId - b.interactionId)) {
      this.openIssues!.values.push(o.interactionId, customerId, o.openedAt, o.dueDate, o.closedAt, o.closedBy);
      this.openIssues!.rowAdded();
    }
  }

  /** Receipts number from 1 each day and till: "20261123-1-00042". */
  private receipt(day: number): string {
    let r = this.receipts[day];
    if (!r) {
      r = { prefix: `${this.cal.day(day).replaceAll('-', '')}-${this.till}-`, n: 0 };
      this.receipts[day] = r;
    }
    const n = String(++r.n);
    return r.prefix + (n.length >= 5 ? n : '0000'.slice(n.length - 1) + n);
  }
}
