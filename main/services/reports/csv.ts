import type { CsvExport, DayEntry } from '../../../common/reports';
import { audit } from '../audit';
import { toCsv } from '../csv-out';
import type { ServiceContext } from '../context';
import { entriesBetween } from './entries';
import { assertRange } from './local-time';

export const CSV_COLUMNS = [
  'date', 'time', 'clerk', 'customer', 'kind', 'outcome', 'sentiment', 'notes', 'said', 'follow-up due', 'suggestion',
  'amended', 'flagged', 'review note',
] as const;

/** The entry's cells in CSV_COLUMNS order; toCsv makes every one of them formula-safe. */
function csvRow(e: DayEntry): (string | number)[] {
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
  ];
}

export function entriesToCsv(entries: DayEntry[], bom: boolean): string {
  return toCsv(entries.map(csvRow), { header: CSV_COLUMNS, bom });
}

export function exportFileName(ctx: ServiceContext, from: string, to: string, ext: string): string {
  const store = ctx.config.storeId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'store';
  return `counterpart-${store}-${from}${to === from ? '' : `_${to}`}.${ext}`;
}

/** The range as CSV. Audited with counts only: the log never holds customer data. */
export function exportCsv(ctx: ServiceContext, clerkId: number | null, from: string, to: string, bom = false): CsvExport {
  assertRange(from, to);
  const entries = entriesBetween(ctx, from, to);
  const content = entriesToCsv(entries, bom);
  audit(ctx, clerkId, 'export', 'reports.csv', { format: 'csv', from, to, rows: entries.length });
  return { fileName: exportFileName(ctx, from, to, 'csv'), content, rows: entries.length };
}
