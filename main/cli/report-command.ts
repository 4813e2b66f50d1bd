// `counterpart report --date YYYY-MM-DD [--to YYYY-MM-DD] --format csv|json|pdf --out FILE [--db FILE] [--bom]`
// The managers' review from a terminal, for IT and scheduled jobs. Same services and audit trail as the app.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../common/errors';
import { ConfigError, loadManagedConfig, type ManagedConfig } from '../config/managed-config';
import { openDatabase } from '../db/connection';
import { dbPath, storeFailure, terminalContext } from './common';
import { describeSqliteError } from '../db/store-file';
import { exportCsv } from '../services/reports/csv';
import { assertRange } from '../services/reports/local-time';
import { exportPdf } from '../services/reports/pdf';
import { rangeReport } from '../services/reports/range';
import { audit } from '../services/audit';

export interface ReportIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Where COUNTERPART_DB and COUNTERPART_CONFIG are read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export const REPORT_USAGE =
  'Usage: counterpart report --date YYYY-MM-DD [--to YYYY-MM-DD] --format csv|json|pdf --out FILE [--db FILE] [--bom]';

const FORMATS = ['csv', 'json', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  from: string;
  to: string;
  format: Format;
  out: string;
  db: string | undefined;
  bom: boolean;
}

class UsageError extends Error {}

function parse(argv: string[]): Args {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        date: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        bom: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const from = str('date');
  if (!from) throw new UsageError('--date is required.');
  const to = str('to') ?? from;
  try {
    assertRange(from, to);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const format = str('format');
  if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
  const out = str('out');
  if (!out) throw new UsageError('--out FILE is required.');
  return { from, to, format: format as Format, out, db: str('db'), bom: values.bom === true };
}

/** Runs the command; returns the exit code (0 done, 2 bad arguments, 1 anything else). Prints one line either way. */
export async function runReport(argv: string[], io: ReportIO): Promise<number> {
  const env = io.env ?? process.env;
  let managed: ManagedConfig | null = null;
  try {
    managed = loadManagedConfig(process.platform, env).values;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
  let args: Args;
  try {
    args = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`${err.message} ${REPORT_USAGE}\n`);
    return 2;
  }
  let db: ReturnType<typeof openDatabase> | undefined;
  const file = dbPath(args.db, { ...io, env });
  try {
    db = openDatabase(file);
    const ctx = terminalContext(db, managed, file, io.now);
    const target = path.resolve(args.out);
    let summary: string;
    if (args.format === 'csv') {
      const csv = exportCsv(ctx, null, args.from, args.to, args.bom);
      fs.writeFileSync(target, csv.content, 'utf8');
      summary = `${csv.rows} interactions`;
    } else if (args.format === 'pdf') {
      const pdf = await exportPdf(ctx, null, args.from, args.to);
      fs.writeFileSync(target, Buffer.from(pdf.base64, 'base64'));
      summary = `${pdf.pages} pages`;
    } else {
      const report = rangeReport(ctx, args.from, args.to);
      fs.writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
      audit(ctx, null, 'export', 'reports.json', { format: 'json', from: args.from, to: args.to, rows: report.entries.length });
      summary = `${report.entries.length} interactions`;
    }
    const range = args.from === args.to ? args.from : `${args.from} to ${args.to}`;
    io.stdout.write(`Wrote the ${args.format.toUpperCase()} report for ${range} (${summary}) to ${target}\n`);
    return 0;
  } catch (err) {
    const store = describeSqliteError(err, file);
    if (store) {
      io.stderr.write(`${storeFailure(store, { env }, file)}\n`);
      return 1;
    }
    io.stderr.write(`Report failed: ${err instanceof AppError || err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return 1;
  } finally {
    db?.close();
  }
}
