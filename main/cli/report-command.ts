// `counterpart report --date YYYY-MM-DD [--to YYYY-MM-DD] --format csv|json|pdf --out FILE [--bom]`: the managers'
// review from a terminal, for IT and scheduled jobs. Same services and audit trail as the app.
import fs from 'node:fs';
import path from 'node:path';
import { exportCsv } from '../services/reports/csv';
import { assertRange } from '../services/reports/local-time';
import { exportPdf } from '../services/reports/pdf';
import { rangeReport } from '../services/reports/range';
import { audit } from '../services/audit';
import type { ServiceContext } from '../services/context';
import { command } from './command';
import { dayArg, noMoreArguments, UsageError } from './common';

const FORMATS = ['csv', 'json', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

interface Range {
  from: string;
  to: string;
  bom: boolean;
}

/** Writes the report into `target`; returns what it holds ("9 interactions", "3 pages") for the summary. */
async function write(
  ctx: ServiceContext,
  format: Format,
  range: Range,
  target: string,
): Promise<{ interactions?: number; pages?: number }> {
  if (format === 'csv') {
    const csv = exportCsv(ctx, null, range.from, range.to, range.bom);
    fs.writeFileSync(target, csv.content, 'utf8');
    return { interactions: csv.rows };
  }
  if (format === 'pdf') {
    const pdf = await exportPdf(ctx, null, range.from, range.to);
    fs.writeFileSync(target, Buffer.from(pdf.base64, 'base64'));
    return { pages: pdf.pages };
  }
  const report = rangeReport(ctx, range.from, range.to);
  fs.writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  audit(ctx, null, 'export', 'reports.json', {
    format: 'json',
    from: range.from,
    to: range.to,
    rows: report.entries.length,
  });
  return { interactions: report.entries.length };
}

export const report = command({
  name: 'report',
  summary: 'day or range report as CSV, JSON or PDF',
  usage: '--date YYYY-MM-DD [--to YYYY-MM-DD] --format csv|json|pdf --out FILE [--bom]',
  options: {
    date: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    bom: { type: 'boolean' },
  },
  async run({ values, positionals, store }) {
    noMoreArguments(positionals);
    const from = values.date;
    if (!from) throw new UsageError('--date is required.');
    const to = values.to ?? from;
    dayArg(from, '--date');
    dayArg(to, '--to');
    try {
      assertRange(from, to);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const format = values.format;
    if (!format || !(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
    if (!values.out) throw new UsageError('--out FILE is required.');
    const target = path.resolve(values.out);
    const held = await write(store().ctx, format as Format, { from, to, bom: values.bom === true }, target);
    const range = from === to ? from : `${from} to ${to}`;
    const summary = held.pages === undefined ? `${held.interactions} interactions` : `${held.pages} pages`;
    return {
      value: { format, from, to, file: target, ...held },
      text: `Wrote the ${format.toUpperCase()} report for ${range} (${summary}) to ${target}`,
    };
  },
});
