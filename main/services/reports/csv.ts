import { stringify } from 'csv-stringify/sync';
import type { CsvExport, DayEntry } from '../../../common/reports';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { entriesBetween } from './entries';
import { assertRange } from './local-time';

export const CSV_COLUMNS = [
  'date', 'time', 'clerk', 'customer', 'kind', 'outcome', 'sentiment', 'notes', 'said', 'follow-up due', 'suggestion',
  'amended', 'flagged', 'review note',
] as const;

/**
 * A spreadsheet runs a cell that starts like a formula (=, +, -, @, or a tab/CR that it strips first), which lets a
 * note typed at the counter execute on the manager's machine. A leading apostrophe makes it plain text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvRow(e: DayEntry): (string | number)[] {
  const text = [
    e.day,
    e.localTime,
    e.clerk.displayName,
    e.customer?.displayName ?? 'walk-in',
    e.kind,
    e.outcome,
  ].map(neutralizeFormula);
  return [
    ...text,
    e.sentiment ?? '',
    neutralizeFormula(e.notes),
    neutralizeFormula(e.said),
    e.followUpDue ?? '',
    neutralizeFormula(e.suggestionTemplateId ?? ''),
    e.amendmentCount,
    e.flagged ? 'yes' : '',
    neutralizeFormula(e.reviewNote ?? ''),
  ];
}

/** RFC 4180: CRLF between records, fields quoted when they hold a comma, quote or line break, quotes doubled. */
export function entriesToCsv(entries: DayEntry[], bom: boolean): string {
  return stringify(entries.map(csvRow), {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    bom,
  });
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
