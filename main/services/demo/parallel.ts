import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { threadEntry } from '../../thread-entry';
import { buildIndexes } from './bulk-load';
import { StoreCalendar } from './calendar';
import { StoreGenerator } from './generate';
import { StoreWriter, type FirstIds, type SeededTable } from './store-writer';

/**
 * A large seed splits across two threads by table. Both generate the whole store (generation is deterministic,
 * so both see the same customers with the same ids); the main thread writes customers, purchases and the rest into
 * the store, a worker writes SIDE_TABLES into a scratch file, and the scratch tables are then copied into the
 * store's still-empty tables in one statement, which SQLite does record by record without decoding them. The
 * worker also builds the indexes the seed dropped from its tables, so they arrive with the copy instead of being
 * built on the main thread after it.
 */
export const SIDE_TABLES: readonly SeededTable[] = [
  'interactions',
  'interaction_resolves',
  'open_issues',
  'customer_days',
];

export interface SideJob {
  file: string;
  seed: number;
  customers: number;
  batch: number;
  nowMs: number;
  timeZone: string;
  returnWindowDays: number;
  countryCode: string;
  clerkIds: number[];
  terminals: string[];
  firstIds: FirstIds;
  tables: SeededTable[];
  /** CREATE statements of the side tables and their indexes, as they stand in the store during the seed. */
  schema: string[];
  /** Indexes the seed dropped from the side tables: built here after the rows, they arrive in the store with the copy. */
  indexes: string[];
  state: SharedArrayBuffer;
  port: MessagePort;
}

// Slots of the shared state array.
const STATUS = 0;
const PROGRESS = 1;
const STARTED = 2;
const RUNNING = 0;
const DONE = 1;
const FAILED = 2;
const UNAVAILABLE = 3;

/**
 * Writes the side tables of customers [0, job.customers) into job.file and counts the customers' name words (the
 * main thread is the busier one). Runs in the worker (or as a fallback on the main thread).
 */
export function writeSideTables(
  job: Omit<SideJob, 'state' | 'port'>,
  progress?: (done: number) => void,
): Map<string, number> {
  const db = new Database(job.file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('ignore_check_constraints = ON');
    db.pragma('cache_size = -16384');
    for (const sql of job.schema) db.exec(sql);
    const cal = new StoreCalendar(new Date(job.nowMs), job.timeZone);
    const gen = new StoreGenerator(cal, job.seed, job.returnWindowDays);
    const writer = new StoreWriter(db, cal, {
      strategy: 'bulk',
      clerkIds: job.clerkIds,
      terminals: job.terminals,
      countryCode: job.countryCode,
      firstIds: job.firstIds,
      tables: job.tables,
      nameWords: true,
    });
    for (let from = 0; from < job.customers; from += job.batch) {
      const to = Math.min(job.customers, from + job.batch);
      db.transaction(() => {
        gen.write(writer, from, to);
        writer.flush();
      })();
      progress?.(to);
    }
    db.transaction(() => buildIndexes(db, job.indexes))();
    return writer.nameWords;
  } finally {
    db.close();
  }
}

/** Entry point of the worker thread (seed-worker.ts). */
export function runSideJob(job: SideJob): void {
  const state = new Int32Array(job.state);
  Atomics.store(state, STARTED, 1);
  try {
    job.port.postMessage(writeSideTables(job, (done) => Atomics.store(state, PROGRESS, done)));
    Atomics.store(state, STATUS, DONE);
  } catch (err) {
    job.port.postMessage(err instanceof Error ? (err.stack ?? err.message) : String(err));
    Atomics.store(state, STATUS, FAILED);
  } finally {
    Atomics.notify(state, STATUS);
    job.port.close();
  }
}

export interface SideWriter {
  /**
   * Blocks until the worker has written its tables (or runs its part here if it never got going), then copies them
   * in. Returns the name words of all customers (countNameWords).
   */
  finishInto(db: Database.Database): Map<string, number>;
}

/**
 * Starts the side writer, or returns null when the store is in memory or has no customers to seed. A process that
 * cannot load the worker's code has this part done on its own thread (finishInto).
 */
export function startSideWriter(
  db: Database.Database,
  job: Omit<SideJob, 'file' | 'schema' | 'state' | 'port'>,
): SideWriter | null {
  if (db.memory || job.customers === 0) return null;
  const placeholders = job.tables.map(() => '?').join(', ');
  const schema = db
    .prepare<string[], { sql: string }>(
      `SELECT sql FROM sqlite_master WHERE tbl_name IN (${placeholders}) AND type IN ('table', 'index') AND sql IS NOT NULL
       ORDER BY type = 'index', rowid`,
    )
    .all(...job.tables)
    .map((r) => r.sql);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-seed-'));
  let file = path.join(dir, 'side.db');
  const state = new SharedArrayBuffer(12);
  const flags = new Int32Array(state);
  const { port1, port2 } = new MessageChannel();
  const full: SideJob = { ...job, file, schema, state, port: port2 };
  // The thread starts now and runs while this one generates; it is only ever waited for synchronously.
  // The generator's garbage is short-lived: a small nursery holds it as well as V8's default of up to 32 MB and keeps
  // the seed's peak memory down (1M customers: ~15 MB less, no slower).
  const worker = new Worker(threadEntry('seed-worker'), {
    workerData: full,
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  // Failures arrive through the shared state; keep the 'error' event from becoming an uncaught exception.
  worker.on('error', () => {});
  worker.unref();

  return {
    finishInto(target) {
      try {
        let lastProgress = -1;
        let quietSince = Date.now();
        while (Atomics.load(flags, STATUS) === RUNNING) {
          Atomics.wait(flags, STATUS, RUNNING, 500);
          const p = Atomics.load(flags, PROGRESS);
          if (p !== lastProgress) {
            lastProgress = p;
            quietSince = Date.now();
          } else if (Date.now() - quietSince > (Atomics.load(flags, STARTED) ? 600_000 : 60_000)) {
            void worker.terminate();
            throw new Error(`Seeding ${job.tables.join(', ')} on a second thread stopped making progress.`);
          }
        }
        let words: Map<string, number>;
        const status = Atomics.load(flags, STATUS);
        if (status === UNAVAILABLE) {
          // This process cannot load the worker's code: do its part on this thread instead.
          file = path.join(dir, 'side-local.db');
          words = writeSideTables({ ...full, file });
        } else if (status === FAILED) {
          const msg = receiveMessageOnPort(port1)?.message;
          throw new Error(`Seeding ${job.tables.join(', ')} failed: ${String(msg ?? 'unknown error')}`);
        } else {
          // Posted before the worker flagged itself done.
          words = receiveMessageOnPort(port1)!.message as Map<string, number>;
        }
        copyTables(target, file, job);
        return words;
      } finally {
        port1.close();
        // Freeing a scratch file of a gigabyte or more takes the file system seconds; nothing waits for it.
        fs.rm(dir, { recursive: true, force: true }, () => {});
      }
    },
  };
}

function copyTables(db: Database.Database, file: string, job: Pick<SideJob, 'tables' | 'indexes'>): void {
  db.prepare('ATTACH DATABASE ? AS seed_side').run(file);
  try {
    db.transaction(() => {
      // The copy only takes the transfer path when both sides have the same indexes; the store's tables are empty.
      for (const sql of job.indexes) db.exec(sql);
      for (const t of job.tables) db.exec(`INSERT INTO main.${t} SELECT * FROM seed_side.${t}`);
    })();
  } finally {
    db.exec('DETACH DATABASE seed_side');
  }
}
