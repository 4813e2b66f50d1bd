import type { CsvExport, DayEntry, EntryRecovery, StoreSelection } from '@common/reports';
import { audit } from '../audit';
import { toCsv } from '../csv-out';
import type { ServiceContext } from '../context';
import { entriesBetween } from './entries';
import { assertRange } from './local-time';
import { entryRecoveries } from './recovery-summary';
import { storeLabel } from './store-scope';

export const CSV_COLUMNS = [
  'date',
  'time',
  'clerk',
  'customer',
  'kind',
  'outcome',
  'sentiment',
  'notes',
  'said',
  'follow-up due',
  'suggestion',
  'amended',
  'flagged',
  'review note',
  'severity',
  'remedy',
  'goodwill cents',
  'root cause',
  'approved by',
] as const;

/**
 * The entry's cells in CSV_COLUMNS order; toCsv makes every one of them formula-safe. A complaint's recovery fills
 * the last five (the goodwill in the currency's minor units, exact for a spreadsheet to sum per clerk; the root cause
 * to count per cause): the same figures the review and the PDF summarise.
 */
function csvRow(e: DayEntry, r: EntryRecovery | undefined): (string | number)[] {
  return [
    e.day,
    e.localTime,
    e.clerk.displayName,
    e.customer?.displayName ?? 'walk-in',
    e.kind,
    e.outcome,
    e.sentiment ?? '',
    e.notes,
    e.said,
    e.followUpDue ?? '',
    e.suggestionTemplateId ?? '',
    e.amendmentCount,
    e.flagged ? 'yes' : '',
    e.reviewNote ?? '',
    r?.severity ?? '',
    r?.remedy ?? '',
    r?.amountMinor ?? '',
    r?.rootCause ?? '',
    r?.approvedBy ?? '',
  ];
}

export function entriesToCsv(
  entries: DayEntry[],
  bom: boolean,
  recoveries: ReadonlyMap<number, EntryRecovery> = new Map(),
): string {
  return toCsv(
    entries.map((e) => csvRow(e, recoveries.get(e.id))),
    { header: CSV_COLUMNS, bom },
  );
}

/** Named by the store (this store's id; another store's or "all-stores" by the selection's name) and the days. */
export function exportFileName(
  ctx: ServiceContext,
  from: string,
  to: string,
  ext: string,
  store: StoreSelection = 'this',
): string {
  const label = store === 'this' ? ctx.config.storeId : storeLabel(ctx, store);
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `counterpart-${(store === 'this' ? slug : slug.toLowerCase()) || 'store'}-${from}${to === from ? '' : `_${to}`}.${ext}`;
}

/** The range as CSV. Audited with counts only: the log never holds customer data. */
export function exportCsv(
  ctx: ServiceContext,
  clerkId: number | null,
  from: string,
  to: string,
  bom = false,
  store: StoreSelection = 'this',
): CsvExport {
  assertRange(from, to);
  const entries = entriesBetween(ctx, from, to, {}, store);
  const content = entriesToCsv(entries, bom, entryRecoveries(ctx, from, to, store));
  audit(ctx, clerkId, 'export', 'reports.csv', {
    format: 'csv',
    from,
    to,
    rows: entries.length,
    store: storeLabel(ctx, store),
  });
  return { fileName: exportFileName(ctx, from, to, 'csv', store), content, rows: entries.length };
}
