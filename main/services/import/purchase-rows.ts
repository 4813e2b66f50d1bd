import { z } from 'zod';
import { AppError, refusal, words, type ErrorKey, type ErrorWords } from '@common/errors';
import { emailKey, loyaltyKey, phoneDigits } from '@common/normalize';
import type { DB } from '../../db/connection';
import { preparedFor } from '../../db/prepared';
import type { ServiceContext } from '../context';
import { localDay } from '../time';
import { safeParseIn } from '../zod-words';
import { parseCents, parseDateTime, parseFlag, parseQuantity } from './cells';
import type { RejectedRow } from './error-file';
import type { PurchaseField, ResolvedColumns } from './mapping';
import type { CsvRecord } from './reader';
import { Reasons, cellText, type RowCheck } from './row-checks';
import { emptyOutcome, type BatchOutcome, type RowProcessor } from './types';

/**
 * One line of a till receipt after its cells are read. A receipt is the lines sharing receiptNo. Its own refusals say
 * what is missing in catalogue words; zod words the rest (a value too long) in the store's language.
 */
export const purchaseLineSchema = z
  .object({
    receiptNo: z
      .string()
      .refine((no) => no.length > 0, refusal('importRow.noReceiptNo'))
      .max(64),
    loyaltyId: z.string().max(40).nullable(),
    phoneDigits: z.string().max(40).nullable(),
    email: z.string().max(254).nullable(),
    at: z.iso.datetime(),
    localDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sku: z.string().max(64),
    description: z.string().max(200),
    quantity: z
      .number()
      .int()
      .refine((n) => n > 0, refusal('importRow.quantityNotPositive'))
      .max(100_000),
    /** Signed: a negative quantity in the file is a return on a refund receipt and counts against the total. */
    signedQuantity: z.number().int(),
    unitPriceCents: z.number().int().min(-100_000_000).max(100_000_000),
    returned: z.boolean(),
  })
  .refine((l) => l.loyaltyId || l.phoneDigits || l.email, refusal('importRow.noCustomer'))
  .refine((l) => l.sku || l.description, refusal('importRow.noItem'));
export type PurchaseLine = z.output<typeof purchaseLineSchema>;

/** The column a field of a line is read from, where the two are named differently. */
const COLUMN_OF: Partial<Record<keyof PurchaseLine, PurchaseField>> = {
  phoneDigits: 'phone',
  at: 'dateTime',
  localDay: 'date',
  signedQuantity: 'quantity',
  unitPriceCents: 'unitPrice',
};

const statements = preparedFor((db: DB) => ({
  // This store's own receipts: one pulled from another store of the chain may carry the same number (0019-sync-purchases).
  receipt: db.prepare<[string], { id: number }>('SELECT id FROM purchases WHERE receipt_no = ? AND pulled = 0'),
  byLoyalty: db.prepare<[string], { id: number }>('SELECT id FROM customers WHERE loyalty_id = ?'),
  byPhone: db.prepare<[string], { id: number }>('SELECT id FROM customers WHERE phone_digits = ? ORDER BY id LIMIT 1'),
  byEmail: db.prepare<[string], { id: number }>('SELECT id FROM customers WHERE email = ? ORDER BY id LIMIT 1'),
  insertPurchase: db.prepare<[number, string, string, string, number]>(
    'INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, ?, ?, ?)',
  ),
  insertItem: db.prepare<[number, string, string, number, number, string]>(
    `INSERT INTO purchase_items (purchase_id, sku, description, quantity, unit_price_cents, return_status)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ),
}));
/** The import's statements, so a test reads the columns a till import fills from the SQL itself (purchase sync). */
export { statements as purchaseImportStatements };

export function purchaseProcessor(
  ctx: ServiceContext,
  cols: ResolvedColumns<PurchaseField>,
  headers: string[],
  /** Highest purchase id before the run began: a receipt above it was written earlier in this same run. */
  purchaseIdBefore: () => number,
  checkRow: RowCheck,
): RowProcessor {
  const idx = cols.index;
  const missing: ErrorKey[] = [];
  if (idx.receiptNo === undefined) missing.push('importFile.purchaseColumn.receiptNo');
  if (idx.unitPrice === undefined && cols.defaults.unitPrice === undefined)
    missing.push('importFile.purchaseColumn.unitPrice');
  if (idx.dateTime === undefined && idx.date === undefined && cols.defaults.date === undefined)
    missing.push('importFile.purchaseColumn.date');
  if (idx.loyaltyId === undefined && idx.phone === undefined && idx.email === undefined)
    missing.push('importFile.purchaseColumn.customer');
  if (idx.sku === undefined && idx.description === undefined) missing.push('importFile.purchaseColumn.item');
  if (missing.length)
    throw new AppError('VALIDATION', words('importFile.noPurchaseColumns', { missing: { texts: missing } }));
  const tz = ctx.config.timeZone;
  const label = (f: PurchaseField) => (idx[f] === undefined ? f : headers[idx[f]!]!);
  const column = (field: string) => label(COLUMN_OF[field as keyof PurchaseLine] ?? (field as PurchaseField));
  const cell = (cells: string[], f: PurchaseField) => {
    const i = idx[f];
    return (i === undefined ? '' : cellText(cells[i])) || cols.defaults[f] || '';
  };

  /** The line's values, or undefined with every reason it cannot be imported in `reasons`. */
  const read = (cells: string[], reasons: Reasons): PurchaseLine | undefined => {
    const when = cell(cells, 'dateTime') || [cell(cells, 'date'), cell(cells, 'time')].filter(Boolean).join(' ');
    if (!when) reasons.add(words('importRow.noDate'));
    const time = when
      ? reasons.attempt(parseDateTime, when, tz, idx.dateTime !== undefined ? label('dateTime') : label('date'))
      : undefined;
    const qtyText = cell(cells, 'quantity');
    const signed = qtyText ? reasons.attempt(parseQuantity, qtyText, label('quantity')) : 1;
    const returnedText = cell(cells, 'returned');
    const returned = returnedText ? reasons.attempt(parseFlag, returnedText, label('returned')) : false;
    const priceText = cell(cells, 'unitPrice');
    if (!priceText) reasons.add(words('importRow.noUnitPrice'));
    const cents = priceText ? reasons.attempt(parseCents, priceText, label('unitPrice')) : undefined;
    const card = cell(cells, 'loyaltyId');
    const sku = cell(cells, 'sku');
    const parsed = safeParseIn(
      purchaseLineSchema,
      {
        receiptNo: cell(cells, 'receiptNo'),
        loyaltyId: card ? loyaltyKey(card) : null,
        phoneDigits: phoneDigits(cell(cells, 'phone'), ctx.config.countryCode),
        email: emailKey(cell(cells, 'email')),
        // Stand-ins where a value above was refused, so the schema still reports every other problem.
        at: time?.at ?? new Date(0).toISOString(),
        localDay: time ? (time.localDay ?? localDay(new Date(time.at), tz)) : '1970-01-01',
        sku,
        description: cell(cells, 'description') || sku,
        quantity: Math.abs(signed ?? 1),
        signedQuantity: signed ?? 1,
        unitPriceCents: cents ?? 0,
        returned: (signed ?? 1) < 0 || (returned ?? false),
      },
      ctx.config.locale,
    );
    if (!parsed.success) reasons.addIssues(parsed.error.issues, column);
    return reasons.any || !parsed.success ? undefined : parsed.data;
  };

  const s = statements(ctx.db);
  const customerFor = (l: PurchaseLine): number | undefined =>
    (l.loyaltyId ? s.byLoyalty.get(l.loyaltyId)?.id : undefined) ??
    (l.phoneDigits ? s.byPhone.get(l.phoneDigits)?.id : undefined) ??
    (l.email ? s.byEmail.get(l.email)?.id : undefined);

  const writeReceipt = ctx.db.transaction((customerId: number, receiptNo: string, lines: PurchaseLine[]) => {
    const first = lines.reduce((a, b) => (b.at < a.at ? b : a));
    const total = lines.reduce((sum, l) => sum + l.signedQuantity * l.unitPriceCents, 0);
    const pid = Number(s.insertPurchase.run(customerId, first.at, first.localDay, receiptNo, total).lastInsertRowid);
    for (const l of lines)
      s.insertItem.run(pid, l.sku, l.description, l.quantity, l.unitPriceCents, l.returned ? 'returned' : 'kept');
  });

  return {
    groupKey: (cells) => (idx.receiptNo === undefined ? '' : cellText(cells[idx.receiptNo])),
    processBatch(rows: CsvRecord[]): BatchOutcome {
      const out = emptyOutcome();
      const receipts = new Map<string, CsvRecord[]>();
      for (const row of rows) {
        const key = idx.receiptNo === undefined ? '' : cellText(row.cells[idx.receiptNo]);
        const group = receipts.get(key);
        if (group) group.push(row);
        else receipts.set(key, [row]);
      }
      for (const [receiptNo, group] of receipts) {
        const rejected: RejectedRow[] = [];
        const lines: PurchaseLine[] = [];
        for (const row of group) {
          const reasons = new Reasons();
          const line = checkRow(row.cells, reasons) ? read(row.cells, reasons) : undefined;
          if (line) lines.push(line);
          else rejected.push({ line: row.line, cells: row.cells, reasons: reasons.all });
        }
        // A receipt is imported whole or not at all: a partial one would carry a wrong total for good, since a
        // corrected re-import finds the receipt number taken.
        const refuse = (reason: ErrorWords) => {
          const bad = new Set(rejected.map((r) => r.line));
          const others = group
            .filter((r) => !bad.has(r.line))
            .map((r) => ({ line: r.line, cells: r.cells, reasons: [reason] }));
          out.rejected.push(...[...rejected, ...others].sort((a, b) => a.line - b.line));
        };
        if (rejected.length) {
          const receipt = receiptNo || words('importRow.receipt.none');
          refuse(words('importRow.receipt.otherLineInvalid', { receipt, line: rejected[0]!.line }));
          continue;
        }
        const first = lines[0]!;
        if (
          lines.some(
            (l) => l.loyaltyId !== first.loyaltyId || l.phoneDigits !== first.phoneDigits || l.email !== first.email,
          )
        ) {
          refuse(words('importRow.receipt.differentCustomers', { receipt: receiptNo }));
          continue;
        }
        const existing = s.receipt.get(receiptNo);
        if (existing) {
          if (existing.id > purchaseIdBefore()) refuse(words('importRow.receipt.splitUp', { receipt: receiptNo }));
          else out.unchanged += group.length;
          continue;
        }
        const customerId = customerFor(first);
        if (customerId === undefined) {
          refuse(words('importRow.receipt.noCustomer'));
          continue;
        }
        writeReceipt(customerId, receiptNo, lines);
        out.inserted += group.length;
        out.receiptsInserted++;
      }
      return out;
    },
  };
}
