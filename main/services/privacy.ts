// A customer's rights over their data: a copy of everything held (export), erasure, and the retention limit on
// free-text notes.
//
// How erasure squares with append-only interactions: the guard trigger `interactions_no_update` protects the
// history against ordinary code. Redaction is the one sanctioned exception and goes through redactInteractions()
// only: inside a single write transaction it saves the guard's SQL, drops it, blanks the free text (notes, said,
// amend_reason, review_note, a recovery's what-went-wrong) of the chosen rows, and recreates the guard from the saved SQL. Other connections never
// see the guard missing (schema changes are part of the transaction) and cannot write meanwhile (the transaction
// holds the write lock). Kind, outcome, sentiment, times, clerk and terminal stay, so every KPI keeps its counts.
//
// What erasure keeps and why:
// - The customer row stays as an anonymous shell (no name, contact, card, birthday, language, style, tags, notes;
//   name_key/last_key '' and phone_digits NULL, so the FTS triggers drop them from search). Its id, created_at and
//   aggregate counters stay: purchases reference it (NOT NULL, ON DELETE CASCADE), and deleting it would delete
//   the store's sales history with it.
// - Purchases keep their link to the shell, their totals and their items (products, not personal data).
// - Interactions lose their free text and their link (customer_id NULL): they become like walk-in entries.
// - Open issues are unlinked and closed (closed_by NULL marks "closed by erasure"): nobody can follow them up.
// - Unsent log-form drafts about the customer (key "log:<id>", the renderer's convention) are deleted.
// - Rows in other tables that name the customer are listed in the result (otherTables) but not touched, so a new
//   feature cannot be silently half-erased; such a table should be added here.
// The store's files: what the update frees is zeroed (secure_delete on every connection), the search index forgets
// the name for real (FTS5 secure-delete, migration 0008), the WAL is emptied and the file compacted (store-scrub.ts).
// Backups and copies of the store made before cannot be changed: the result names them and when each is deleted.
import type { Customer, ErasureSummary } from '@common/domain';
import { AppError, words } from '@common/errors';
import type { DB } from '../db/connection';
import { audit } from './audit';
import type { ServiceContext } from './context';
import { forgetEdits } from './customer-edits';
import { survivorRow, mergedRows } from './customer-aliases';
import { hasIdentity, requireCustomer, toCustomer } from './customers';
import { holdersSince } from './erasure-holders';
import { requestCompaction, settleWal } from './store-scrub';
import { localDay } from './time';

type Plain = Record<string, unknown>;

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A database row as a JSON-plain object with camelCase keys (blobs as base64). */
function plain(row: Plain): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(row))
    out[camel(k)] = Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? Number(v) : v;
  return out;
}

/** Draft keys of the log form for one customer: "log:<id>", possibly behind a terminal or clerk prefix. */
const draftKeys = (customerId: number): [string, string] => [`log:${customerId}`, `%:log:${customerId}`];

const KNOWN = new Set(['customers', 'purchases', 'purchase_items', 'interactions', 'open_issues']);

/** Tables other than the core ones that hold rows keyed by customer_id (customer_days, suggestion events …). */
function otherCustomerTables(db: DB): string[] {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name`,
    )
    .all()
    .map((t) => t.name)
    .filter((t) => !KNOWN.has(t));
  return tables.filter((t) =>
    db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t.replace(/'/g, "''")}')`)
      .all()
      .some((c) => c.name === 'customer_id'),
  );
}

function columnsOf(db: DB, table: string): Set<string> {
  return new Set(
    db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((c) => c.name),
  );
}

export interface CustomerExport {
  format: 'counterpart.customer-export.v1';
  exportedAt: string;
  store: { storeId: string; storeName: string };
  customer: Customer & {
    visitCount: number;
    lastVisitAt: string | null;
    lifetimeSpendCents: number;
    purchaseCount: number;
    interactionCount: number;
    /** From a till's export; the till's ids for the customer are in otherRecords.customer_external_ids. */
    city: string | null;
    postcode: string | null;
    country: string | null;
    smsConsent: boolean;
    openingSpendCents: number;
    openingOrders: number;
    openingAsOf: string | null;
  };
  purchases: Plain[];
  /** Every interaction row, amendments included, oldest first, with the clerk's name. */
  interactions: Plain[];
  openIssues: Plain[];
  /** Text typed into the log form for this customer and not yet saved. */
  drafts: Plain[];
  /** Rows of any other table keyed by this customer (suggestion events, visit days …), by table name. */
  otherRecords: Record<string, Plain[]>;
}

/** Everything the store holds about one customer, as JSON-plain data. Audited. */
export function exportCustomerData(ctx: ServiceContext, clerkId: number | null, customerId: number): CustomerExport {
  const db = ctx.db;
  return db
    .transaction(() => {
      const r = requireCustomer(ctx, customerId);
      const items = db.prepare<[number], Plain>(
        'SELECT sku, description, quantity, unit_price_cents, return_status FROM purchase_items WHERE purchase_id = ? ORDER BY id',
      );
      const purchases = db
        .prepare<[number], Plain & { id: number }>(
          'SELECT id, receipt_no, purchased_at, local_day, total_cents FROM purchases WHERE customer_id = ? ORDER BY purchased_at, id',
        )
        .all(customerId)
        .map((p) => ({ ...plain(p), items: items.all(p.id).map(plain) }));
      const interactions = db
        .prepare<[number, number], Plain>(
          `SELECT i.*, c.display_name AS clerk_name FROM interactions i JOIN clerks c ON c.id = i.clerk_id
         WHERE i.customer_id = ? OR i.amends_id IN (SELECT id FROM interactions WHERE customer_id = ?) ORDER BY i.id`,
        )
        .all(customerId, customerId)
        .map(plain);
      const openIssues = db
        .prepare<[number], Plain>('SELECT * FROM open_issues WHERE customer_id = ? ORDER BY opened_at')
        .all(customerId)
        .map(plain);
      const drafts = db
        .prepare<[string, string], Plain>('SELECT * FROM drafts WHERE key = ? OR key LIKE ?')
        .all(...draftKeys(customerId))
        .map(plain);
      const otherRecords: Record<string, Plain[]> = {};
      for (const t of otherCustomerTables(db)) {
        const rows = db.prepare<[number], Plain>(`SELECT * FROM "${t}" WHERE customer_id = ?`).all(customerId);
        if (rows.length) otherRecords[t] = rows.map(plain);
      }
      audit(ctx, clerkId, 'export', `customer:${customerId}`, {
        purchases: purchases.length,
        interactions: interactions.length,
        openIssues: openIssues.length,
      });
      return {
        format: 'counterpart.customer-export.v1' as const,
        exportedAt: ctx.now().toISOString(),
        store: { storeId: ctx.config.storeId, storeName: ctx.config.storeName },
        customer: {
          ...toCustomer(r),
          visitCount: r.visit_count,
          lastVisitAt: r.last_visit_at,
          lifetimeSpendCents: r.lifetime_spend_cents,
          purchaseCount: r.purchase_count,
          interactionCount: r.interaction_count,
          city: r.city,
          postcode: r.postcode,
          country: r.country,
          smsConsent: r.sms_consent === 1,
          openingSpendCents: r.opening_spend_cents,
          openingOrders: r.opening_orders,
          openingAsOf: r.opening_as_of,
        },
        purchases,
        interactions,
        openIssues,
        drafts,
        otherRecords,
      };
    })
    .immediate(); // reads and the audit row in one snapshot; immediate, so the audit write cannot hit a busy upgrade
}

/**
 * Blanks the free text of the interactions matched by `where` (and unlinks them from their customer if asked),
 * the only sanctioned way past the append-only guard; see the top of this file. Must run inside a transaction.
 * Returns the number of rows changed.
 */
function redactInteractions(db: DB, where: string, params: unknown[], opts: { unlink: boolean }): number {
  if (!db.inTransaction) throw new Error('redactInteractions must run inside a transaction');
  const cols = columnsOf(db, 'interactions');
  const sets = ["notes = ''", "amend_reason = CASE WHEN amend_reason IS NULL THEN NULL ELSE '' END"];
  const dirty = ["notes <> ''", "amend_reason <> ''"];
  if (cols.has('said')) {
    sets.push("said = ''");
    dirty.push("said <> ''");
  }
  if (cols.has('recovery_what')) {
    sets.push("recovery_what = CASE WHEN recovery_what IS NULL THEN NULL ELSE '' END");
    dirty.push("recovery_what <> ''");
  }
  if (cols.has('review_note')) {
    sets.push('review_note = NULL');
    dirty.push('review_note IS NOT NULL');
  }
  if (opts.unlink) {
    sets.push('customer_id = NULL');
    dirty.push('customer_id IS NOT NULL');
  }
  const guard = db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'interactions_no_update'",
    )
    .get();
  if (guard) db.exec('DROP TRIGGER interactions_no_update');
  try {
    return db
      .prepare(`UPDATE interactions SET ${sets.join(', ')} WHERE (${where}) AND (${dirty.join(' OR ')})`)
      .run(...params).changes;
  } finally {
    if (guard) db.exec(guard.sql);
  }
}

export interface EraseResult extends ErasureSummary {
  customerId: number;
  /** Other tables still holding rows keyed by this customer (not changed; see the top of this file). */
  otherTables: string[];
}

/** The other live records of the person `customerId` belongs to, as the hub linked them (customer-aliases.ts). */
function samePerson(ctx: ServiceContext, customerId: number): number[] {
  return mergedRows(ctx.db, survivorRow(ctx.db, customerId)).filter(
    (id) => id !== customerId && hasIdentity(requireCustomer(ctx, id)),
  );
}

/** Erases one customer record; inside eraseCustomer's transaction. Audited per record. */
function eraseRecord(ctx: ServiceContext, clerkId: number | null, customerId: number, why: string, now: string) {
  const db = ctx.db;
  const { created_at: createdAt } = requireCustomer(ctx, customerId);
  db.prepare(
    `UPDATE customers SET first_name = '', last_name = '', name_key = '', last_key = '', phone = NULL,
       phone_digits = NULL, email = NULL, loyalty_id = NULL, birthday = NULL, style = 'unknown', language = NULL,
       marketing_consent = 0, tags = '[]', notes = '', city = NULL, postcode = NULL, country = NULL, sms_consent = 0
     WHERE id = ?`,
  ).run(customerId);
  // The till's id would name the person again on the next import of that till's export.
  db.prepare('DELETE FROM customer_external_ids WHERE customer_id = ?').run(customerId);
  const openIssuesClosed = db
    .prepare('UPDATE open_issues SET closed_at = ? WHERE customer_id = ? AND closed_at IS NULL')
    .run(now, customerId).changes;
  db.prepare('UPDATE open_issues SET customer_id = NULL WHERE customer_id = ?').run(customerId);
  const interactionsRedacted = redactInteractions(
    db,
    'customer_id = ? OR amends_id IN (SELECT id FROM interactions WHERE customer_id = ?)',
    [customerId, customerId],
    { unlink: true },
  );
  const draftsDeleted = db
    .prepare('DELETE FROM drafts WHERE key = ? OR key LIKE ?')
    .run(...draftKeys(customerId)).changes;
  // Edits kept the old and new values of each field changed; who opened the profile stays (no personal data).
  forgetEdits(ctx, customerId);
  const purchasesKept = db
    .prepare<[number], { n: number }>('SELECT count(*) AS n FROM purchases WHERE customer_id = ?')
    .get(customerId)!.n;
  const otherTables = otherCustomerTables(db).filter(
    (t) =>
      t !== 'customer_days' &&
      db.prepare(`SELECT 1 FROM "${t}" WHERE customer_id = ? LIMIT 1`).get(customerId) !== undefined,
  );
  // The reason is the clerk's justification ("request by email of 20 Nov"); the UI asks for no names in it.
  audit(ctx, clerkId, 'erase', `customer:${customerId}`, {
    reason: why,
    interactionsRedacted,
    openIssuesClosed,
    draftsDeleted,
    purchasesKept,
  });
  return { createdAt, interactionsRedacted, openIssuesClosed, draftsDeleted, purchasesKept, otherTables };
}

/**
 * Removes a customer's personal data for good, keeping anonymous counts for the store's figures. Audited.
 * backupDirectory: where to look for backups holding the customer, when not the terminal's own (command line).
 */
export function eraseCustomer(
  ctx: ServiceContext,
  clerkId: number | null,
  customerId: number,
  reason: string,
  opts: { backupDirectory?: string | null } = {},
): EraseResult {
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION', words('privacy.sayWhy'));
  if (why.length > 500) throw new AppError('VALIDATION', words('privacy.reasonTooLong', { max: 500 }));
  const db = ctx.db;
  const now = ctx.now().toISOString();
  const erased = db
    .transaction(() => {
      requireCustomer(ctx, customerId);
      // One person's every record here: the hub erases a merged person's other records too (main/hub/merges.ts), and
      // this store must not keep them until that comes back (an alias still found the person by its phone or card).
      const records = [customerId, ...samePerson(ctx, customerId)];
      const each = records.map((id) => eraseRecord(ctx, clerkId, id, why, now));
      const sum = (k: 'interactionsRedacted' | 'openIssuesClosed' | 'draftsDeleted' | 'purchasesKept') =>
        each.reduce((n, e) => n + e[k], 0);
      requestCompaction(db, now);
      return {
        createdAt: each.map((e) => e.createdAt).sort()[0]!,
        interactionsRedacted: sum('interactionsRedacted'),
        openIssuesClosed: sum('openIssuesClosed'),
        draftsDeleted: sum('draftsDeleted'),
        purchasesKept: sum('purchasesKept'),
        otherTables: [...new Set(each.flatMap((e) => e.otherTables))],
      };
    })
    .immediate();
  const { createdAt, ...counts } = erased;
  const walPending = settleWal(db, now);
  return {
    customerId,
    ...counts,
    stillHeldBy: holdersSince(ctx, createdAt, opts),
    storeFile: { walPending, compactionPending: true },
  };
}

/**
 * Blanks the free text of interactions older than `days` (by store-local day), with all their amendments, and
 * returns how many rows changed; rows already blank are not counted again. Entries whose follow-up is still open
 * keep their notes until closed: the clerk following up needs them. The link to the customer stays.
 */
export function applyRetention(ctx: ServiceContext, days: number): number {
  if (!Number.isInteger(days) || days < 1) throw new AppError('VALIDATION', words('privacy.retentionDays'));
  const cutoff = localDay(new Date(ctx.now().getTime() - days * 86_400_000), ctx.config.timeZone);
  const db = ctx.db;
  const n = db
    .transaction(() => {
      const expired = `SELECT id FROM interactions WHERE amends_id IS NULL AND local_day < ?
        AND id NOT IN (SELECT interaction_id FROM open_issues WHERE closed_at IS NULL)`;
      const n = redactInteractions(db, `id IN (${expired}) OR amends_id IN (${expired})`, [cutoff, cutoff], {
        unlink: false,
      });
      if (n > 0) audit(ctx, null, 'erase', 'retention', { days, before: cutoff, interactionsRedacted: n });
      return n;
    })
    .immediate();
  if (n > 0) settleWal(db, ctx.now().toISOString());
  return n;
}
