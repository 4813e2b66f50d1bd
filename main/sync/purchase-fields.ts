// A purchase's own fields as they travel: ONE list, read by the pusher (purchases-out.ts) and the applier
// (purchases-apply.ts). A new column of purchases that should reach the other terminals is one line here; a new
// column of a receipt's lines is one line in PURCHASE_LINE_FIELDS (and in purchaseLineSchema, common/sync/changes.ts).
//
// Not here, because they are links rather than values: the customer (the fact's customerId, a global id) and the
// receipt's lines (the field `lines`). Not travelling at all: `pulled` (whether this terminal wrote it itself) and
// where it was bought, which comes from the hub (purchase_origins). A purchase holds nothing a person said, so an
// erasure blanks none of it: FACT_ENTITIES.purchase.personal is empty (common/sync/changes.ts).
import type { PurchaseLineFact } from '@common/sync/changes';
import type { SyncedField } from './interaction-fields';

export const PURCHASE_FIELDS: readonly SyncedField[] = [
  { field: 'purchasedAt', column: 'purchased_at', missing: null },
  { field: 'localDay', column: 'local_day', missing: null },
  { field: 'receiptNo', column: 'receipt_no', missing: null },
  // Signed: a refund receipt's total is negative, and the customer's spend goes down by it (purchases_stats).
  { field: 'totalCents', column: 'total_cents', missing: 0 },
];

/** The field that carries the receipt's lines, in the order they were written. */
export const LINES_FIELD = 'lines';

/** A line's columns by the names they travel under. */
export const PURCHASE_LINE_FIELDS: readonly { field: keyof PurchaseLineFact; column: string }[] = [
  { field: 'sku', column: 'sku' },
  { field: 'description', column: 'description' },
  { field: 'quantity', column: 'quantity' },
  { field: 'unitPriceCents', column: 'unit_price_cents' },
  // A line taken back: a return keeps this meaning wherever the receipt goes.
  { field: 'returnStatus', column: 'return_status' },
];
