// Imports started from the admin screen: the uploaded file is staged beside the database and imported in the
// background while the screen polls. One registry per database file, so a restore (which reopens the store under a
// new connection) keeps the jobs reachable, and tests running several stores in one process keep them apart.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, words, type WireError } from '@common/errors';
import {
  IMPORT_CHUNK_BYTES,
  MAX_REJECTED_CSV_CHARS,
  type ImportChunkReceipt,
  type ImportEntityName,
  type ImportJobStatus,
  type ImportMappingInput,
  type ImportPresetChoice,
  type ImportSummary,
  type ImportUpload,
  type RejectedRowsFile,
} from '@common/imports';
import type { DB } from '../../db/connection';
import type { ServiceContext } from '../context';
import { importCsv, type ImportReport } from './index';

/**
 * Rows per transaction in the app. The command line uses DEFAULT_BATCH_SIZE (fewest bytes written); here each batch
 * holds the thread that answers the window, and the import gives other calls their turn between batches, so a batch
 * is kept to about a tenth of a second (measured: 2,000 customer rows take 100-200 ms on a loaded two-core machine).
 */
export const APP_BATCH_SIZE = 2_000;
/** An upload nobody added to for this long is dropped (the screen was closed mid-upload). */
const UPLOAD_IDLE_MS = 30 * 60_000;
/** Finished jobs kept for their status and rejected rows; older ones are forgotten and their files removed. */
const KEEP_FINISHED = 5;
/** Rejected-rows files are kept this long: an interrupted import resumed later carries its earlier rows over. */
const ERROR_FILE_DAYS = 7;

interface StartInput {
  uploadId: string;
  dryRun: boolean;
  mapping?: ImportMappingInput | undefined;
  preset?: ImportPresetChoice | undefined;
}

interface Upload {
  id: string;
  clerkId: number;
  entity: ImportEntityName;
  fileName: string;
  size: number;
  received: number;
  nextIndex: number;
  dir: string;
  file: string;
  touchedAt: number;
}

interface Job {
  status: ImportJobStatus;
  errorFile: string;
  done: Promise<void>;
}

/** Keeps a file name usable on every platform and free of path parts; the import records it in the audit log. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces (not allowed in Windows file names)
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return cleaned || 'import.csv';
}

/** Turns a failure into what may cross to the screen (codes, no SQL or stack); supplied by the IPC layer. */
export type DescribeError = (err: unknown) => WireError;

/** What the screen may see of an error: never the staging folder (`hide`, innermost first), SQL or a stack. */
function publicError(err: unknown, hide: string[], describe: DescribeError, closed: boolean): WireError {
  const wire = describe(closed ? new AppError('CONFLICT', words('imports.storeClosed')) : err);
  let message = wire.message;
  for (const dir of hide) message = message.split(`${dir}${path.sep}`).join('').split(dir).join('');
  return { ...wire, message };
}

function summary(r: ImportReport, hasRejectedRows: boolean): ImportSummary {
  const { errorFile: _file, ...rest } = r;
  return { ...rest, hasRejectedRows };
}

export class ImportJobs {
  readonly stagingDir: string;
  private readonly uploads = new Map<string, Upload>();
  private readonly jobs = new Map<string, Job>();

  constructor(
    dbPath: string,
    private readonly describe: DescribeError,
  ) {
    this.stagingDir = `${dbPath}-imports`;
    this.sweep();
  }

  /** Leftovers of a previous run of the app: half-uploaded files, and rejected rows nobody can resume any more. */
  private sweep(): void {
    fs.rmSync(path.join(this.stagingDir, 'uploads'), { recursive: true, force: true });
    const errorsDir = path.join(this.stagingDir, 'errors');
    if (!fs.existsSync(errorsDir)) return;
    const cutoff = Date.now() - ERROR_FILE_DAYS * 86_400_000;
    for (const name of fs.readdirSync(errorsDir)) {
      const file = path.join(errorsDir, name);
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    }
  }

  running(): ImportJobStatus | null {
    for (const j of this.jobs.values()) if (j.status.state === 'running') return { ...j.status };
    return null;
  }

  begin(clerkId: number, input: { entity: ImportEntityName; fileName: string; size: number }): ImportUpload {
    this.refuseWhileRunning();
    const now = Date.now();
    for (const u of this.uploads.values()) {
      // One upload per clerk at a time: choosing another file abandons the previous one.
      if (u.clerkId === clerkId || now - u.touchedAt > UPLOAD_IDLE_MS) this.dropUpload(u);
    }
    const id = crypto.randomUUID();
    const dir = path.join(this.stagingDir, 'uploads', id);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, safeFileName(input.fileName));
    fs.writeFileSync(file, new Uint8Array(0));
    this.uploads.set(id, {
      id,
      clerkId,
      entity: input.entity,
      fileName: path.basename(file),
      size: input.size,
      received: 0,
      nextIndex: 0,
      dir,
      file,
      touchedAt: now,
    });
    return { uploadId: id, chunkBytes: IMPORT_CHUNK_BYTES };
  }

  chunk(clerkId: number, input: { uploadId: string; index: number; base64: string }): ImportChunkReceipt {
    const u = this.upload(clerkId, input.uploadId);
    if (input.index !== u.nextIndex) {
      throw new AppError('CONFLICT', words('imports.outOfOrder', { part: input.index + 1, expected: u.nextIndex + 1 }));
    }
    const bytes = Buffer.from(input.base64, 'base64');
    if (bytes.length === 0 || bytes.length > IMPORT_CHUNK_BYTES) {
      throw new AppError('VALIDATION', words('imports.partSize', { kib: IMPORT_CHUNK_BYTES / 1024 }));
    }
    if (u.received + bytes.length > u.size) {
      this.dropUpload(u);
      throw new AppError('VALIDATION', words('imports.tooMuchData'));
    }
    fs.appendFileSync(u.file, bytes);
    u.received += bytes.length;
    u.nextIndex += 1;
    u.touchedAt = Date.now();
    return { received: u.received, size: u.size };
  }

  start(ctx: ServiceContext, clerkId: number, input: StartInput): { jobId: string } {
    const u = this.upload(clerkId, input.uploadId);
    if (u.received !== u.size) {
      throw new AppError('VALIDATION', words('imports.incomplete', { received: u.received, size: u.size }));
    }
    this.refuseWhileRunning();
    this.uploads.delete(u.id);
    const jobId = crypto.randomUUID();
    const errorFile = path.join(this.stagingDir, 'errors', `${jobId}.csv`);
    fs.mkdirSync(path.dirname(errorFile), { recursive: true });
    const status: ImportJobStatus = {
      jobId,
      entity: u.entity,
      fileName: u.fileName,
      dryRun: input.dryRun,
      state: 'running',
      startedAt: ctx.now().toISOString(),
      finishedAt: null,
      progress: { bytesRead: 0, totalBytes: u.size, linesRead: 0 },
      report: null,
      error: null,
    };
    const job: Job = { status, errorFile, done: Promise.resolve() };
    this.jobs.set(jobId, job);
    job.done = this.run(ctx, clerkId, u, job, input);
    return { jobId };
  }

  private async run(ctx: ServiceContext, clerkId: number, u: Upload, job: Job, input: StartInput) {
    // Answer the start call before the first batch takes the thread.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const db: DB = ctx.db;
    try {
      const report = await importCsv(ctx, {
        entity: u.entity,
        file: u.file,
        dryRun: input.dryRun,
        preset: input.preset ?? 'auto',
        errorFile: job.errorFile,
        batchSize: APP_BATCH_SIZE,
        clerkId,
        ...(input.mapping ? { mapping: input.mapping } : {}),
        onProgress: (p) => (job.status.progress = { ...p }),
      });
      const hasRows = report.failed > 0 && fs.existsSync(job.errorFile);
      job.status = {
        ...job.status,
        state: 'done',
        progress: { ...job.status.progress, bytesRead: u.size },
        report: summary(report, hasRows),
      };
    } catch (err) {
      job.status = {
        ...job.status,
        state: 'failed',
        error: publicError(err, [u.dir, this.stagingDir], this.describe, !db.open),
      };
    } finally {
      job.status.finishedAt = ctx.now().toISOString();
      fs.rmSync(u.dir, { recursive: true, force: true });
      this.forgetOld();
    }
  }

  status(jobId: string): ImportJobStatus {
    return { ...this.job(jobId).status };
  }

  /** The running job, else the one that finished last; null when this terminal has not imported since it started. */
  latest(): ImportJobStatus | null {
    const all = [...this.jobs.values()];
    return this.running() ?? (all.length ? { ...all[all.length - 1]!.status } : null);
  }

  rejectedRows(jobId: string): RejectedRowsFile {
    const job = this.job(jobId);
    if (job.status.state === 'running') throw new AppError('CONFLICT', words('imports.stillRunning'));
    if (!job.status.report?.hasRejectedRows || !fs.existsSync(job.errorFile))
      throw new AppError('NOT_FOUND', words('imports.noRejectedRows'));
    const size = fs.statSync(job.errorFile).size;
    // Characters never outnumber bytes in UTF-8, so reading the cap in bytes is enough to fill the cap in characters.
    const fd = fs.openSync(job.errorFile, 'r');
    let text: string;
    try {
      const buf = Buffer.alloc(Math.min(size, MAX_REJECTED_CSV_CHARS));
      text = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
    let truncated = false;
    if (size > MAX_REJECTED_CSV_CHARS || text.length > MAX_REJECTED_CSV_CHARS) {
      text = text.slice(0, MAX_REJECTED_CSV_CHARS);
      text = text.slice(0, text.lastIndexOf('\r\n') + 2);
      truncated = true;
    }
    const base = job.status.fileName.replace(/\.[^.]*$/, '');
    return { fileName: `${base}.rejected-rows.csv`, text, truncated };
  }

  /** Resolves when the job has finished, whatever the outcome (tests, and closing the app cleanly). */
  settled(jobId: string): Promise<void> {
    return this.job(jobId).done;
  }

  private refuseWhileRunning(): void {
    const r = this.running();
    if (r) throw new AppError('CONFLICT', words('imports.anotherRunning', { file: r.fileName }));
  }

  private upload(clerkId: number, id: string): Upload {
    const u = this.uploads.get(id);
    if (!u || u.clerkId !== clerkId) throw new AppError('NOT_FOUND', words('imports.uploadNotOpen'));
    return u;
  }

  private job(id: string): Job {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('NOT_FOUND', words('imports.noSuchJob'));
    return j;
  }

  private dropUpload(u: Upload): void {
    this.uploads.delete(u.id);
    fs.rmSync(u.dir, { recursive: true, force: true });
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(j.status.jobId);
      // A failed run may be resumed by importing the file again, which carries these rows over; keep them till swept.
      if (j.status.state === 'done') fs.rmSync(j.errorFile, { force: true });
    }
  }
}

const registries = new Map<string, ImportJobs>();

/** The registry of the store open on `db`; imports need a database file to stage beside. */
export function importJobsFor(db: DB, describe: DescribeError): ImportJobs {
  if (db.memory) throw new AppError('CONFLICT', words('imports.needsFile'));
  const key = path.resolve(db.name);
  let r = registries.get(key);
  if (!r) {
    r = new ImportJobs(key, describe);
    registries.set(key, r);
  }
  return r;
}

/** Whether an import is writing to the store kept in this file (a restore must not pull the file from under it). */
export function importRunningOn(dbFile: string): boolean {
  return registries.get(path.resolve(dbFile))?.running() != null;
}
