import type { CsvEncoding } from './encoding';
import type { RejectedRow } from './error-file';
import type { ImportEntity, ImportMapping } from './mapping';
import type { CsvRecord } from './reader';

export interface ImportProgress {
  /** Line of the file reached so far. */
  linesRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions {
  entity: ImportEntity;
  file: string;
  /** A mapping object or the path of a JSON mapping file. */
  mapping?: ImportMapping | string;
  /** Validate and count against the real data, then roll every batch back. The error file is still written. */
  dryRun?: boolean;
  /** Where refused rows go; default "<file>.errors.csv". */
  errorFile?: string;
  /** Called after each committed batch and at most every ~100 ms while reading; throwing aborts the import. */
  onProgress?: (p: ImportProgress) => void;
  batchSize?: number;
  /** Who runs the import, for the audit log; null from the command line. */
  clerkId?: number | null;
}

export interface ImportReport {
  entity: ImportEntity;
  dryRun: boolean;
  /** Data rows read (the header and blank lines not counted). rowsRead = inserted + updated + unchanged + failed. */
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Purchases only: receipts created (their rows are counted in inserted). */
  receiptsInserted: number;
  /** Rows naming a customer an earlier row of the file already gave, with different values (the earlier ones kept). */
  conflicts: number;
  errorFile: string | null;
  encoding: CsvEncoding;
  delimiter: string;
  /** Set when this run continued an interrupted import of the same file: the last line committed before. */
  resumedFromLine: number | null;
  warnings: string[];
  ms: number;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  receiptsInserted: number;
  rejected: RejectedRow[];
  /** Lines repeating a customer from earlier in the file with different values (the earlier values are kept). */
  conflicts: number[];
}

/** Turns a batch of rows into writes. processBatch runs inside the batch's transaction. */
export interface RowProcessor {
  /** Rows sharing a key (a receipt) are kept in one batch; null when any split is fine. */
  groupKey(cells: string[]): string | null;
  processBatch(rows: CsvRecord[]): BatchOutcome;
}
