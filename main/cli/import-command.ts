// `counterpart import customers|purchases FILE.csv …`: the POS import from a terminal, for IT and scheduled scripts.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@common/errors';
import { MAX_LISTED_COLUMNS, conflictText, fieldsChangedText } from '@common/imports';
import { importCsv, type ImportReport } from '../services/import';
import { PRESET_CHOICES, PRESETS, type PresetChoice } from '../services/import/presets';
import { command } from './command';
import { CliError, EXIT, noMoreArguments, problemOf, UsageError } from './common';

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
  if (r.updated)
    lines.push(
      `  Fields the updates ${r.dryRun ? 'would change' : 'changed'}, customers per field: ${fieldsChangedText(r.fieldsChanged)}.`,
    );
  if (r.conflicts) {
    lines.push(`  Conflicts, refused with nothing changed (the identifier belongs to someone else):`);
    for (const c of r.conflictList) lines.push(`    ${conflictText(c)}`);
    if (r.conflicts > r.conflictList.length)
      lines.push(`    … and ${n(r.conflicts - r.conflictList.length)} more in the refused rows.`);
  }
  if (r.errorFile) lines.push(`  Refused rows, with line numbers and reasons: ${r.errorFile}`);
  for (const w of r.warnings) lines.push(`  Note: ${w}`);
  return `${lines.join('\n')}\n`;
}

export const importFile = command({
  name: 'import',
  summary: 'import customers or purchases from the till (CSV)',
  usage:
    'customers|purchases FILE.csv [--preset auto|shopify|square|none] [--mapping FILE.json] [--dry-run] [--error-file FILE]',
  help:
    'counterpart import customers --preset shopify|square --print-mapping   (a mapping file to start from)\n' +
    'Exits 3 when it finished but refused some rows: they are in the error file, with line numbers and reasons.',
  options: {
    preset: { type: 'string' },
    'print-mapping': { type: 'boolean' },
    mapping: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'error-file': { type: 'string' },
  },
  async run({ values, positionals, io, json, store }) {
    const [entity, file, ...extra] = positionals;
    if (entity !== 'customers' && entity !== 'purchases') {
      throw new UsageError(
        entity
          ? `Cannot import "${entity}": choose customers or purchases.`
          : 'Say what to import: customers or purchases.',
      );
    }
    const preset = values.preset ?? 'auto';
    if (!isPresetChoice(preset))
      throw new UsageError(`There is no "${preset}" preset: choose ${PRESET_CHOICES.join(', ')}.`);
    if (values['print-mapping']) {
      if (entity !== 'customers' || preset === 'auto' || preset === 'none') {
        throw new UsageError('Name the preset to print: import customers --preset shopify|square --print-mapping.');
      }
      // The mapping file itself, whether or not --json was asked: it is JSON either way.
      const mapping = { columns: PRESETS[preset].columns };
      return { value: mapping, text: JSON.stringify(mapping, null, 2) };
    }
    if (!file) throw new UsageError('Give the CSV file to import.');
    noMoreArguments(extra);
    if (!fs.existsSync(file)) throw new UsageError(`No file at ${file}.`);
    if (values.mapping && !fs.existsSync(values.mapping)) throw new UsageError(`No mapping file at ${values.mapping}.`);

    const { ctx } = store();
    const showProgress = !json && io.stderr.isTTY === true;
    try {
      const report = await importCsv(ctx, {
        entity,
        file,
        preset,
        ...(values.mapping ? { mapping: values.mapping } : {}),
        ...(values['error-file'] ? { errorFile: values['error-file'] } : {}),
        dryRun: values['dry-run'] ?? false,
        clerkId: null,
        ...(showProgress
          ? {
              onProgress: (p) =>
                io.stderr.write(
                  `\r  ${Math.floor((100 * p.bytesRead) / Math.max(1, p.totalBytes))} % (line ${p.linesRead.toLocaleString('en')})`,
                ),
            }
          : {}),
      });
      if (showProgress) io.stderr.write('\r\x1b[K');
      return { value: report, text: summary(file, report), exit: report.failed > 0 ? EXIT.rowsRefused : EXIT.ok };
    } catch (err) {
      if (showProgress) io.stderr.write('\n');
      throw importFailure(err, io);
    }
  },
});

/** The failure as one sentence that says the import failed, and whether running it again resumes it. */
function importFailure(err: unknown, io: { env: NodeJS.ProcessEnv }): CliError {
  const p = problemOf(err, io);
  const resume =
    err instanceof AppError ? '' : ' Batches committed before the failure stay; run the same command again to resume.';
  // A file the import cannot read is a failed run (exit 1), not a mistake in the arguments (exit 2).
  return new CliError(p.code === 'VALIDATION' ? 'CONFLICT' : p.code, `Import failed: ${p.message}${resume}`);
}
