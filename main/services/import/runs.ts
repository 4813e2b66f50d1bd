import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ImportCounts } from '@common/imports';
import type { DB } from '../../db/connection';
import { preparedFor } from '../../db/prepared';
import type { ImportEntity } from './mapping';

export interface RunCounts extends ImportCounts {
  /** The first few lines counted in repeats. */
  repeatLines: number[];
}

/** What import_runs.counts holds: totals up to the last committed line, and what a resume must match. */
export interface RunState extends RunCounts {
  /** Hash of the mapping and options that shape rows: a resume with a different mapping starts over. */
  settings: string;
  errorFile: string | null;
  errorBytes: number;
  /** Highest purchase id before the run began: receipts above it were written by this run. */
  purchaseIdBefore: number;
  abandoned?: boolean;
}

export interface ImportRun {
  id: number;
  lastLineCommitted: number;
  state: RunState;
}

export const ZERO_COUNTS: RunCounts = {
  rowsRead: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  receiptsInserted: 0,
  conflicts: 0,
  repeats: 0,
  repeatLines: [],
  fieldsChanged: {},
};

/** SHA-256 of the first 1 MB and the size: cheap to compute again, and changes when the export is a new one. */
export async function fileFingerprint(file: string, size: number): Promise<string> {
  const hash = crypto.createHash('sha256');
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, 1 << 20));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    hash.update(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
  hash.update(`:${size}`);
  return hash.digest('hex');
}

export function settingsHash(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

const runsRepo = preparedFor((db: DB) => ({
  unfinished: db.prepare<[string, string, number], { id: number; last_line_committed: number; counts: string }>(
    `SELECT id, last_line_committed, counts FROM import_runs
     WHERE file_sha256 = ? AND entity = ? AND file_size = ? AND finished_at IS NULL ORDER BY id DESC`,
  ),
  insert: db.prepare<[string, string, number, string, string, string]>(
    `INSERT INTO import_runs (entity, file_name, file_size, file_sha256, started_at, counts) VALUES (?, ?, ?, ?, ?, ?)`,
  ),
  progress: db.prepare<[number, string, number]>(
    'UPDATE import_runs SET last_line_committed = ?, counts = ? WHERE id = ?',
  ),
  finish: db.prepare<[string, string, number]>('UPDATE import_runs SET finished_at = ?, counts = ? WHERE id = ?'),
}));

/**
 * The unfinished run of this very file and settings, to resume; otherwise a new run. Unfinished runs of the same
 * file under other settings are closed as abandoned so they can never be resumed into a mix of two mappings.
 */
export function beginRun(
  db: DB,
  p: { entity: ImportEntity; fileName: string; size: number; sha256: string; now: string; fresh: RunState },
): ImportRun {
  const repo = runsRepo(db);
  return db
    .transaction(() => {
      for (const r of repo.unfinished.all(p.sha256, p.entity, p.size)) {
        // Counts a run written by an earlier version lacks start from zero.
        const state = { ...ZERO_COUNTS, ...(JSON.parse(r.counts) as Partial<RunState>) } as RunState;
        if (state.settings === p.fresh.settings) return { id: r.id, lastLineCommitted: r.last_line_committed, state };
        repo.finish.run(p.now, JSON.stringify({ ...state, abandoned: true }), r.id);
      }
      const info = repo.insert.run(p.entity, p.fileName, p.size, p.sha256, p.now, JSON.stringify(p.fresh));
      return { id: Number(info.lastInsertRowid), lastLineCommitted: 0, state: p.fresh };
    })
    .immediate();
}

/** Called inside the batch's transaction, so the progress marker commits with the rows it describes. */
export function recordProgress(db: DB, runId: number, line: number, state: RunState): void {
  runsRepo(db).progress.run(line, JSON.stringify(state), runId);
}

export function finishRun(db: DB, runId: number, now: string, state: RunState): void {
  runsRepo(db).finish.run(now, JSON.stringify(state), runId);
}
