// `counterpart import customers|purchases FILE.csv …`: the POS import from a terminal, for IT and scheduled scripts.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../common/errors';
import { MAX_LISTED_COLUMNS, conflictText, fieldsChangedText } from '../../common/imports';
import { ConfigError } from '../config/managed-config';
import { importCsv, type ImportReport } from '../services/import';
import { PRESET_CHOICES, PRESETS, type PresetChoice } from '../services/import/presets';
import { UsageError, openStore, type Store } from './common';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Where COUNTERPART_DB and COUNTERPART_CONFIG are read; process.env when left out. */
  env?: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done, 1 failed (nothing or only committed batches written), 2 bad arguments, 3 done with refused rows. */
export const EXIT = { ok: 0, failed: 1, usage: 2, rowsRefused: 3 } as const;

const USAGE =
  'Usage: counterpart import customers|purchases FILE.csv [--preset auto|shopify|square|none] [--mapping FILE.json] [--dry-run] [--error-file FILE] [--db FILE] [--json]\n' +
  '       counterpart import customers --preset shopify|square --print-mapping   (a mapping file to start from)';

/**
 * The store the command works on, opened like every other command does (--db, COUNTERPART_DB, the managed
 * config's databasePath), with the terminal's settings: phone numbers and till times are read with them. An
 * import or a data request never creates a database.
 */
export function openCliStore(dbFlag: string | undefined, io: CliIo): Store {
  return openStore(dbFlag, { stdout: io.stdout, stderr: io.stderr, env: io.env ?? process.env }, { mustExist: true });
}

/** One line for the terminal: what failed, without a stack trace. */
export function failureLine(err: unknown): string {
  if (err instanceof AppError || err instanceof ConfigError || err instanceof UsageError) return err.message;
  return `Unexpected error: ${(err as Error).message ?? String(err)}`;
}

const isPresetChoice = (v: string): v is PresetChoice => (PRESET_CHOICES as readonly string[]).includes(v);

/** "  Read as a Shopify customer export: First Name -> firstName, …; not imported: Tax Exempt, …" */
function columnLines(r: ImportReport): string[] {
  const used = r.columns.filter((c) => c.field).map((c) => `${c.column} -> ${c.field}`);
  const ignored = r.columns.filter((c) => !c.field).map((c) => c.column);
  if (r.columns.length >= MAX_LISTED_COLUMNS) ignored.push('… (only the first columns are listed)');
  return [
    `  Columns${r.preset ? ` (read as a ${PRESETS[r.preset].label})` : ''}: ${used.join(', ') || 'none'}.`,
    ...(ignored.length ? [`  Not imported: ${ignored.join(', ')}.`] : []),
  ];
}

function summary(file: string, r: ImportReport): string {
  const n = (x: number) => x.toLocaleString('en');
  const would = r.dryRun ? 'would be ' : '';
  const lines = [
    `${r.dryRun ? 'Dry run of' : 'Imported'} ${r.entity} from ${path.basename(file)} (${r.encoding}, "${r.delimiter === '\t' ? 'tab' : r.delimiter}"-separated)` +
      (r.resumedFromLine ? `, resumed after line ${n(r.resumedFromLine)}` : '') +
      ':',
    `  Read as ${r.encoding}: ${r.encodingReason}.`,
    ...columnLines(r),
    `  ${n(r.rowsRead)} rows read: ${n(r.inserted)} ${would}inserted, ${n(r.updated)} ${would}updated, ${n(r.unchanged)} unchanged, ${n(r.failed)} refused` +
      (r.conflicts ? ` (${n(r.conflicts)} of them conflicts)` : '') +
      (r.entity === 'purchases' ? ` (${n(r.receiptsInserted)} receipts)` : '') +
      ` in ${(r.ms / 1000).toFixed(1)} s.`,
  ];
  if (r.updated) lines.push(`  Fields the updates ${r.dryRun ? 'would change' : 'changed'}, customers per field: ${fieldsChangedText(r.fieldsChanged)}.`);
  if (r.conflicts) {
    lines.push(`  Conflicts, refused with nothing changed (the identifier belongs to someone else):`);
    for (const c of r.conflictList) lines.push(`    ${conflictText(c)}`);
    if (r.conflicts > r.conflictList.length) lines.push(`    … and ${n(r.conflicts - r.conflictList.length)} more in the refused rows.`);
  }
  if (r.errorFile) lines.push(`  Refused rows, with line numbers and reasons: ${r.errorFile}`);
  for (const w of r.warnings) lines.push(`  Note: ${w}`);
  return lines.join('\n') + '\n';
}

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const args = argv[0] === 'import' ? argv.slice(1) : argv;
  let values: { preset?: string; 'print-mapping'?: boolean; mapping?: string; 'dry-run'?: boolean; 'error-file'?: string; db?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        preset: { type: 'string' },
        'print-mapping': { type: 'boolean' },
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'error-file': { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\nExit codes: 0 done, 1 failed, 2 bad arguments, 3 done but some rows were refused (see the error file).\n`);
    return EXIT.ok;
  }
  const usage = (msg: string) => {
    io.stderr.write(`${msg}\n${USAGE}\n`);
    return EXIT.usage;
  };
  const [entity, file, ...extra] = positionals;
  if (entity !== 'customers' && entity !== 'purchases') return usage(entity ? `Cannot import "${entity}": choose customers or purchases.` : 'Say what to import: customers or purchases.');
  const preset = values.preset ?? 'auto';
  if (!isPresetChoice(preset)) return usage(`There is no "${preset}" preset: choose ${PRESET_CHOICES.join(', ')}.`);
  if (values['print-mapping']) {
    if (entity !== 'customers' || preset === 'auto' || preset === 'none') return usage('Name the preset to print: import customers --preset shopify|square --print-mapping.');
    io.stdout.write(`${JSON.stringify({ columns: PRESETS[preset].columns }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (!file) return usage('Give the CSV file to import.');
  if (extra.length) return usage(`Unexpected argument "${extra[0]}".`);
  if (!fs.existsSync(file)) return usage(`No file at ${file}.`);
  if (values.mapping && !fs.existsSync(values.mapping)) return usage(`No mapping file at ${values.mapping}.`);

  let store: Store;
  try {
    store = openCliStore(values.db, io);
  } catch (err) {
    io.stderr.write(`${failureLine(err)}\n`);
    return err instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  const showProgress = !values.json && io.stderr.isTTY === true;
  try {
    const report = await importCsv(store.ctx, {
      entity,
      file,
      preset,
      ...(values.mapping ? { mapping: values.mapping } : {}),
      ...(values['error-file'] ? { errorFile: values['error-file'] } : {}),
      dryRun: values['dry-run'] ?? false,
      clerkId: null,
      ...(showProgress
        ? { onProgress: (p) => io.stderr.write(`\r  ${Math.floor((100 * p.bytesRead) / Math.max(1, p.totalBytes))} % (line ${p.linesRead.toLocaleString('en')})`) }
        : {}),
    });
    if (showProgress) io.stderr.write('\r\x1b[K');
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : summary(file, report));
    return report.failed > 0 ? EXIT.rowsRefused : EXIT.ok;
  } catch (err) {
    if (showProgress) io.stderr.write('\n');
    io.stderr.write(`Import failed: ${failureLine(err)}\n`);
    if (!(err instanceof AppError)) io.stderr.write('Batches committed before the failure stay; run the same command again to resume.\n');
    return EXIT.failed;
  } finally {
    store.close();
  }
}
