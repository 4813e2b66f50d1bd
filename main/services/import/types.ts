import type { ImportColumnUse, ImportConflict, ImportCounts } from '@common/imports';
import type { CsvEncoding, EncodingReason } from './encoding';
import type { RejectedRow } from './error-file';
import type { ImportEntity, ImportMapping } from './mapping';
import type { PresetName, PresetChoice } from './presets';
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
  /** A till's export format (presets.ts) the mapping starts from; 'auto' (the default) detects it from the header. */
  preset?: PresetChoice;
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

export interface ImportReport extends ImportCounts {
  entity: ImportEntity;
  dryRun: boolean;
  /** The first MAX_LISTED_CONFLICTS conflicts, by name; only this run's, as names are never stored with the run. */
  conflictList: ImportConflict[];
  errorFile: string | null;
  encoding: CsvEncoding;
  /** Why that encoding, in a sentence of the store's language: said by the CLI, in --json and on the Import tab. */
  encodingReason: string;
  /** The same as a stable code for a script (the catalogue text's name under importEncoding). */
  encodingReasonCode: EncodingReason['code'];
  delimiter: string;
  /** Set when this run continued an interrupted import of the same file: the last line committed before. */
  resumedFromLine: number | null;
  warnings: string[];
  /** The till export format the columns were read as, or null for the header names (and mapping) alone. */
  preset: PresetName | null;
  /** Every column of the header with the field it fills, or null where it is not imported. */
  columns: ImportColumnUse[];
  ms: number;
}

/** One batch's part of the counts; the rows behind failed, conflicts and repeats are listed, not counted. */
export interface BatchOutcome
  extends Pick<ImportCounts, 'inserted' | 'updated' | 'unchanged' | 'receiptsInserted' | 'fieldsChanged'> {
  rejected: RejectedRow[];
  /** Rows refused because their identifier belongs to someone else (they are in rejected too). */
  conflicts: ImportConflict[];
  /** Lines repeating a customer from earlier in the file with different values (the earlier values are kept). */
  repeats: number[];
}

/** Turns a batch of rows into writes. processBatch runs inside the batch's transaction. */
export interface RowProcessor {
  /** Rows sharing a key (a receipt) are kept in one batch; null when any split is fine. */
  groupKey(cells: string[]): string | null;
  processBatch(rows: CsvRecord[]): BatchOutcome;
}

export function emptyOutcome(): BatchOutcome {
  return {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    receiptsInserted: 0,
    rejected: [],
    conflicts: [],
    repeats: [],
    fieldsChanged: {},
  };
}
