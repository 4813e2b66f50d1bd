import fs from 'node:fs';
import { wordWith, type ErrorWords } from '@common/errors';
import type { TFunction } from 'i18next';
import { toCsv } from '../csv-out';

export interface RejectedRow {
  line: number;
  cells: string[];
  /** Every reason, in catalogue words (at least one). */
  reasons: ErrorWords[];
}

/** The file's own columns before the original ones: stable names, read by scripts as well as by people. */
export const REJECTED_COLUMNS = ['line', 'reason', 'reason_code'] as const;

/**
 * The rows an import refused, as a CSV the store can fix and import again: the original line number, why (in the
 * store's language, the reasons joined by "; "), the catalogue keys of those reasons in the same order (a code for a
 * script, which words in a language are not), then the original values under the original headers, every cell
 * formula-safe (see csv-out; the import reads the guarded values back as they were). Written in UTF-8 with a BOM and
 * the input's delimiter so Excel opens it as it opened the export. Rows are appended per batch; `bytes` is what a committed batch can rely on, so a resumed import cuts
 * off rows of a batch that never committed.
 */
export class ErrorFile {
  private size: number;

  constructor(
    readonly path: string,
    private readonly headers: string[],
    private readonly delimiter: string,
    committedBytes: number,
    /** The store's language. */
    private readonly t: TFunction,
  ) {
    const kept = committedBytes > 0 && fs.existsSync(path) && fs.statSync(path).size >= committedBytes;
    if (kept) fs.truncateSync(path, committedBytes);
    else fs.rmSync(path, { force: true });
    this.size = kept ? committedBytes : 0;
  }

  get bytes(): number {
    return this.size;
  }

  append(rows: RejectedRow[]): void {
    if (rows.length === 0) return;
    const text = toCsv(
      rows.map((r) => [
        r.line,
        r.reasons.map((w) => wordWith(this.t, w)).join('; '),
        r.reasons.map((w) => w.key).join('; '),
        ...r.cells,
      ]),
      {
        header: [...REJECTED_COLUMNS, ...this.headers],
        delimiter: this.delimiter,
        bom: this.size === 0,
        omitHeader: this.size > 0,
      },
    );
    const buf = Buffer.from(text, 'utf8');
    fs.appendFileSync(this.path, buf);
    this.size += buf.length;
  }

  /** Drops rows written for a batch that was rolled back. */
  rollBackTo(bytes: number): void {
    if (this.size === bytes) return;
    if (bytes === 0) fs.rmSync(this.path, { force: true });
    else fs.truncateSync(this.path, bytes);
    this.size = bytes;
  }
}
