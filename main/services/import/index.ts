// CSV import of customers and purchases from the shop's till (POS).
//
// The file is streamed (csv-parse over a decoding transform) and written in batches, each batch one transaction
// together with the run's progress marker in import_runs. So a failure never leaves half a batch behind, and
// running the same import again after an interruption resumes after the last committed line with the totals of
// the committed part carried over. Reading is asynchronous, but every batch is written synchronously inside one
// better-sqlite3 transaction: other calls on the same connection (the counter keeps working during an import)
// can never interleave with a batch.
//
// Customers are matched by loyalty card, then phone, then email (a row naming only a person matches a customer
// known only by that same name), so importing a file twice changes nothing the second time. A row whose name is
// someone else's than the holder of its card, phone or email is a conflict and changes nothing (common/same-person.ts). A
// customer named twice in one file is merged; where the two rows disagree the first row's value stays and the
// report says so (last-wins would flip the customer back and forth on every re-import). Purchases are matched by
// receipt number, and a receipt is written whole or refused whole. Refused rows go to an error CSV with their line
// number and every reason; nothing is dropped quietly.
//
// Before any row, the whole file is read once to choose its encoding (encoding.ts): a chunk at a time, so memory
// stays flat, and only a file that is not valid UTF-8 is read a second time to count what is what.
//
// Limits worth knowing: a file is recognised for resuming by its size and first 1 MB; a dry run rolls every batch
// back, so a customer repeated more than a batch apart counts as two inserts there; and each batch holds the
// thread for about a second, so a big import in the app belongs off the thread that answers the window.
import fs from 'node:fs';
import path from 'node:path';
import { AppError, words } from '@common/errors';
import { createFormat } from '@common/format';
import { translator } from '@common/i18n';
import { MAX_LISTED_CONFLICTS, MAX_WARNINGS, type ImportConflict } from '@common/imports';
import { audit } from '../audit';
import type { DB } from '../../db/connection';
import { settleAfterBulkLoad } from '../../db/settle';
import type { ServiceContext } from '../context';
import { customerProcessor } from './customer-rows';
import {
  chooseEncoding,
  decodeAll,
  detectDelimiter,
  detectLineBreak,
  encodingReasonText,
  undecodedCell,
} from './encoding';
import { ErrorFile } from './error-file';
import {
  loadMapping,
  resolveColumns,
  type NoteWords,
  type CustomerField,
  type PurchaseField,
  type ResolvedColumns,
} from './mapping';
import { presetFor } from './presets';
import { purchaseProcessor } from './purchase-rows';
import { readRecords, type CsvRecord } from './reader';
import { rowChecks } from './row-checks';
import { ZERO_COUNTS, beginRun, fileFingerprint, finishRun, recordProgress, settingsHash, type RunState } from './runs';
import type { ImportOptions, ImportReport, RowProcessor } from './types';

export type { ImportOptions, ImportProgress, ImportReport } from './types';
export type { ImportEntity, ImportMapping } from './mapping';

/**
 * Rows per transaction. Every commit rewrites the index pages the batch touched, so small batches multiply the
 * bytes written: at 200,000 rows, 5,000-row batches wrote 670 MB for an 80 MB database, 20,000-row batches 315 MB;
 * at a million rows 20,000-row batches wrote 3.3 GB, 30,000-row batches 2.6 GB. The longest 30,000-row batch of a
 * million-row import held the write lock 3.2 s, inside the 5 s a concurrent writer (the app at the counter) waits.
 */
export const DEFAULT_BATCH_SIZE = 30_000;
const PROGRESS_EVERY_MS = 100;

/** "customers.csv" -> "customers.errors.csv", next to the input. */
export function defaultErrorFile(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.errors.csv`);
}

/** The start of the file the delimiter is judged from (its header line). */
const DELIMITER_SAMPLE_BYTES = 64 * 1024;

function readSample(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(DELIMITER_SAMPLE_BYTES);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

const ROLLBACK = Symbol('dry run');

const isBlank = (r: CsvRecord) => r.cells.every((c) => c.trim() === '');

/** Page cache for the length of an import, in KiB (SQLite's negative cache_size): see tuneForBulk. */
const IMPORT_CACHE_KIB = 256 * 1024;

/**
 * For the length of an import:
 * - checkpoint every ~400 MB of WAL instead of every 4 MB: each batch dirties index pages all over the file, and
 *   checkpointing after every batch writes them into the database file again and again (measured at a million
 *   rows: a fifth less wall time at 80 MB, and 3.7 GB written down to 3.3 GB at 400 MB; when the import ends the
 *   store is settled, main/db/settle.ts: WAL truncated, file synced);
 * - hold up to 256 MB of pages instead of 2 MB, so the customer indexes and search index (~250 MB at a million
 *   customers) stay in memory instead of being looked up again in that big WAL for nearly every row (a million
 *   rows: time in the batch inserts 43 s -> 35 s). The memory is given back when the import ends.
 * Returns the function restoring both.
 */
function tuneForBulk(db: DB): () => void {
  const checkpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const cache = db.pragma('cache_size', { simple: true }) as number;
  if (checkpoint > 0 && checkpoint < 100_000) db.pragma('wal_autocheckpoint = 100000');
  if (cache < 0 && cache > -IMPORT_CACHE_KIB) db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  return () => {
    db.pragma(`wal_autocheckpoint = ${checkpoint}`);
    db.pragma(`cache_size = ${cache}`);
    try {
      settleAfterBulkLoad(db);
    } catch {
      // A reader holding the WAL only postpones giving the disk space back.
    }
  };
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [k, n] of Object.entries(b)) sum[k] = (sum[k] ?? 0) + n;
  return sum;
}

/** At most MAX_WARNINGS notes; the rest are counted in the last one. */
function capWarnings(warnings: string[], say: NoteWords): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const more = warnings.length - (MAX_WARNINGS - 1);
  return [...warnings.slice(0, MAX_WARNINGS - 1), say.t('importWarnings.moreNotes', { count: more })];
}

export async function importCsv(ctx: ServiceContext, opts: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const file = path.resolve(opts.file);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new AppError('VALIDATION', words('importFile.batchSize'));
  if (opts.entity !== 'customers' && opts.entity !== 'purchases') {
    throw new AppError('VALIDATION', words('importFile.entity', { entity: String(opts.entity) }));
  }
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new AppError('VALIDATION', words('importFile.notAFile', { file: opts.file }));
    size = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('NOT_FOUND', words('importFile.cannotRead', { file: opts.file, code }));
  }
  const dryRun = opts.dryRun ?? false;
  const mapping = loadMapping(opts.mapping);
  const choice = await chooseEncoding(file);
  const encoding = choice.encoding;
  const head = decodeAll(readSample(file), encoding);
  const delimiter = detectDelimiter(head);
  let bytesRead = 0;
  const records = readRecords(file, {
    encoding,
    delimiter,
    lineBreak: detectLineBreak(head),
    onBytes: (b) => (bytesRead = b),
  });
  const restore = tuneForBulk(ctx.db);
  try {
    // The header is the first line with anything on it; the rest of its run is data.
    let headerRecord: CsvRecord | undefined;
    let firstRun: CsvRecord[] = [];
    while (!headerRecord) {
      const next = await records.next();
      if (next.done) throw new AppError('VALIDATION', words('importFile.empty', { file: path.basename(file) }));
      const at = next.value.findIndex((r) => !isBlank(r));
      if (at >= 0) {
        headerRecord = next.value[at]!;
        firstRun = next.value.slice(at + 1);
      }
    }
    const headers = headerRecord.cells.map((h) => h.trim());
    const presetChoice = opts.preset ?? 'auto';
    if (opts.entity !== 'customers' && presetChoice !== 'auto' && presetChoice !== 'none') {
      throw new AppError('VALIDATION', words('importFile.presetForPurchases', { preset: presetChoice }));
    }
    const preset = opts.entity === 'customers' ? presetFor(presetChoice, headers) : null;
    // The notes, the encoding's reason and the refused rows' reasons are read in the Import tab and the rejected-rows
    // file: in the store's language (the CLI prints them as they are; codes beside them in --json and the file).
    const say: NoteWords = { t: translator(ctx.config.locale), list: createFormat(ctx.config).list };
    const cols = resolveColumns(opts.entity, headers, mapping, preset?.columns ?? {}, say);

    const purchaseIdBefore = ctx.db
      .prepare<[], { m: number }>('SELECT COALESCE(MAX(id), 0) AS m FROM purchases')
      .get()!.m;
    const errorPath = path.resolve(opts.errorFile ?? defaultErrorFile(file));
    const fresh: RunState = {
      ...ZERO_COUNTS,
      settings: settingsHash({
        mapping,
        preset: preset?.name ?? null,
        headers,
        delimiter,
        encoding,
        country: ctx.config.countryCode,
        tz: ctx.config.timeZone,
      }),
      errorFile: errorPath,
      errorBytes: 0,
      purchaseIdBefore,
    };
    let state: RunState = fresh;
    const checkRow = rowChecks(headers, undecodedCell(choice));
    const processor: RowProcessor =
      opts.entity === 'customers'
        ? customerProcessor(ctx, cols as ResolvedColumns<CustomerField>, headers, checkRow, preset?.name ?? 'import')
        : purchaseProcessor(
            ctx,
            cols as ResolvedColumns<PurchaseField>,
            headers,
            () => state.purchaseIdBefore,
            checkRow,
          );
    // Conflicts by name, for whoever runs the import; kept in memory only, as the run's stored state never holds names.
    const conflictList: ImportConflict[] = [];

    const run = dryRun
      ? null
      : beginRun(ctx.db, {
          entity: opts.entity,
          fileName: path.basename(file),
          size,
          sha256: await fileFingerprint(file, size),
          now: ctx.now().toISOString(),
          fresh,
        });
    const resumeLine = run?.lastLineCommitted ?? 0;
    if (run && resumeLine > 0) {
      state = { ...run.state };
      if (state.errorFile && state.errorFile !== errorPath && state.errorBytes > 0 && fs.existsSync(state.errorFile)) {
        fs.copyFileSync(state.errorFile, errorPath);
      }
    }
    state = { ...state, errorFile: errorPath };
    const errors = new ErrorFile(errorPath, headers, delimiter, resumeLine > 0 ? state.errorBytes : 0, say.t);

    const report = (): ImportReport => ({
      entity: opts.entity,
      dryRun,
      rowsRead: state.rowsRead,
      inserted: state.inserted,
      updated: state.updated,
      unchanged: state.unchanged,
      failed: state.failed,
      receiptsInserted: state.receiptsInserted,
      conflicts: state.conflicts,
      conflictList: [...conflictList],
      repeats: state.repeats,
      fieldsChanged: { ...state.fieldsChanged },
      errorFile: state.failed > 0 ? errorPath : null,
      encoding,
      encodingReason: encodingReasonText(choice.reason, say.t),
      encodingReasonCode: choice.reason.code,
      delimiter,
      resumedFromLine: resumeLine > 0 ? resumeLine : null,
      warnings: capWarnings(
        [
          ...cols.warnings,
          ...(state.repeats
            ? [
                say.t('importWarnings.repeats', {
                  count: state.repeats,
                  lines: `${state.repeatLines.join(', ')}${state.repeats > state.repeatLines.length ? ', …' : ''}`,
                }),
              ]
            : []),
        ],
        say,
      ),
      preset: preset?.name ?? null,
      columns: cols.uses,
      ms: Math.round(performance.now() - started),
    });
    // The audit entry holds counts and the names of the fields updates changed, never values or line numbers.
    const auditDetails = (extra: Record<string, unknown> = {}) => {
      const {
        errorFile: _e,
        errorBytes: _b,
        settings: _s,
        purchaseIdBefore: _p,
        abandoned: _a,
        repeatLines: _l,
        ...counts
      } = state;
      return { entity: opts.entity, ...counts, resumedFromLine: resumeLine > 0 ? resumeLine : null, ...extra };
    };

    const progress = (line: number) => opts.onProgress?.({ linesRead: line, bytesRead, totalBytes: size });
    let batch: CsvRecord[] = [];
    let lastKey: string | null = null;
    let batchesWritten = 0;

    const flush = () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      const endLine = rows[rows.length - 1]!.line;
      const bytesBefore = errors.bytes;
      let next = state;
      let pending: ImportConflict[] = [];
      try {
        ctx.db
          .transaction(() => {
            const o = processor.processBatch(rows);
            errors.append(o.rejected);
            pending = o.conflicts;
            next = {
              ...state,
              rowsRead: state.rowsRead + rows.length,
              inserted: state.inserted + o.inserted,
              updated: state.updated + o.updated,
              unchanged: state.unchanged + o.unchanged,
              failed: state.failed + o.rejected.length,
              receiptsInserted: state.receiptsInserted + o.receiptsInserted,
              conflicts: state.conflicts + o.conflicts.length,
              repeats: state.repeats + o.repeats.length,
              repeatLines: [...state.repeatLines, ...o.repeats].slice(0, 10),
              fieldsChanged: addCounts(state.fieldsChanged, o.fieldsChanged),
              errorBytes: errors.bytes,
            };
            if (!run) throw ROLLBACK;
            recordProgress(ctx.db, run.id, endLine, next);
          })
          .immediate();
      } catch (err) {
        if (err !== ROLLBACK) {
          errors.rollBackTo(bytesBefore);
          throw err;
        }
      }
      state = next;
      conflictList.push(...pending.slice(0, MAX_LISTED_CONFLICTS - conflictList.length));
      batchesWritten++;
      progress(endLine);
    };

    try {
      let lastTick = performance.now();
      let n = 0;
      const take = (rec: CsvRecord) => {
        if (rec.line <= resumeLine) return;
        // Spreadsheets pad exports with blank lines and rows of bare delimiters: nothing to import or report.
        if (isBlank(rec)) return;
        const key = processor.groupKey(rec.cells);
        if (batch.length >= batchSize && (key === null || key !== lastKey)) flush();
        batch.push(rec);
        lastKey = key;
        if ((++n & 255) === 0 && performance.now() - lastTick >= PROGRESS_EVERY_MS) {
          lastTick = performance.now();
          progress(rec.line);
        }
      };
      // The parser hands over about 1 MB of rows at once; a turn of the event loop after each batch lets the calls
      // sharing this thread (the counter, during an import from the admin screen) in between batches.
      const takeAll = async (recs: CsvRecord[]) => {
        for (const rec of recs) {
          const written = batchesWritten;
          take(rec);
          if (batchesWritten !== written) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      };
      await takeAll(firstRun);
      for await (const chunk of records) await takeAll(chunk);
      flush();
    } catch (err) {
      if (run) {
        try {
          audit(ctx, opts.clerkId ?? null, 'import', path.basename(file), auditDetails({ interrupted: true }));
        } catch {
          // The database itself may be what failed; the original error is the one to report.
        }
      }
      throw err;
    }

    if (run) {
      ctx.db
        .transaction(() => {
          finishRun(ctx.db, run.id, ctx.now().toISOString(), state);
          audit(ctx, opts.clerkId ?? null, 'import', path.basename(file), auditDetails());
        })
        .immediate();
    }
    return report();
  } finally {
    await records.return(undefined);
    restore();
  }
}
