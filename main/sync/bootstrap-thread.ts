// A bootstrap on a thread of its own (bootstrap-worker.ts), with its own connection to the store's file. The counter's
// lookups run on the app's main thread; sharing it with a bootstrap made them wait for each slice of the copy (a
// felt p99 of 43 ms where the lookup itself took 7, bench:sync). In WAL mode they now read beside the copy, which
// also commits less often (OFF_THREAD_SLICE_MS). What the thread applies is told to this thread's listeners
// (replica.ts, onApplied) as it commits; its progress and its end come back as messages.
import { Worker } from 'node:worker_threads';
import type { ErrorWords } from '@common/errors';
import { nativeBindingOf } from '../db/connection';
import { callsFlag } from '../db/write-turns';
import type { ServiceContext, StoreConfig } from '../services/context';
import { threadEntry } from '../thread-entry';
import type { BootstrapOptions, BootstrapProgress } from './bootstrap';
import { HubRefused, HubUnreachable } from './hub-client';
import type { HubLink } from './hub-link';
import { tell } from './replica';

/** What the thread is given (structured-cloned). */
export interface BootstrapJob {
  file: string;
  config: StoreConfig;
  /** The store's clock less the system's: a context with a fixed "now" (tests, the demo) keeps it on the thread. */
  clockOffsetMs: number;
  link: HubLink;
  historyDays?: number;
  /** Whether this thread listens to the progress: the copy then waits for its answer after each page. */
  progress: boolean;
  /** Raised while the counter's calls run on this thread's connection: the copy starts no slice then. */
  calls: Int32Array;
  /** The better_sqlite3.node the store was opened with, when not the package's own (an Electron build, `npm start`). */
  nativeBinding?: string;
}

/** An error as it crosses threads: hub errors keep their class, so the sync loop still tells a refusal apart. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  timedOut?: boolean;
  /** A hub error's catalogue words (hub-client.ts), plain data, so the header words it as the main thread would. */
  words?: ErrorWords;
}

export type BootstrapMessage =
  | { type: 'unavailable'; reason: string }
  | { type: 'applied'; rows: number[] }
  | { type: 'progress'; progress: BootstrapProgress }
  | { type: 'done'; applied: number }
  | { type: 'failed'; error: ThreadError };

/**
 * This thread's answers: after each page's progress when it listens to it (GO, or STOP when its listener threw), and
 * STOP when its caller aborts. A stopped bootstrap resumes from its last whole page next time.
 */
export const GO = 'go';
export const STOP = 'stop';

export function errorOf(err: unknown): ThreadError {
  const e = err instanceof Error ? err : new Error(String(err));
  const extra = e as Partial<ThreadError>;
  return {
    name: e.name,
    message: e.message,
    ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
    ...(typeof extra.status === 'number' ? { status: extra.status } : {}),
    ...(typeof extra.timedOut === 'boolean' ? { timedOut: extra.timedOut } : {}),
    ...(e instanceof HubRefused || e instanceof HubUnreachable ? { words: e.words } : {}),
  };
}

function revived(e: ThreadError): Error {
  if (e.name === 'HubRefused') return new HubRefused(e.code as HubRefused['code'], e.words ?? e.message, e.status ?? 0);
  if (e.name === 'HubUnreachable' && e.words) return new HubUnreachable(e.words, e.timedOut ?? false);
  const err = new Error(e.message);
  err.name = e.name;
  if (e.code) Object.assign(err, { code: e.code });
  return err;
}

/**
 * Runs the bootstrap on its own thread; null when it cannot (a store in memory, or a process that cannot load the
 * thread's code), and the caller bootstraps on its own thread instead.
 */
export function bootstrapOffThread(
  ctx: ServiceContext,
  link: HubLink,
  opts: BootstrapOptions,
): Promise<number | null> | null {
  if (ctx.db.memory) return null;
  const nativeBinding = nativeBindingOf(ctx.db);
  const job: BootstrapJob = {
    file: ctx.db.name,
    config: ctx.config,
    clockOffsetMs: ctx.now().getTime() - Date.now(),
    link,
    progress: opts.onProgress !== undefined,
    calls: callsFlag(ctx.db),
    ...(opts.historyDays !== undefined ? { historyDays: opts.historyDays } : {}),
    ...(nativeBinding ? { nativeBinding } : {}),
  };
  return new Promise((resolve, reject) => {
    // A page's garbage is short-lived: a small nursery holds it as well as V8's default of up to 32 MB and keeps the
    // second heap's share of the process's memory down (as the seed's worker does, demo/parallel.ts).
    const worker = new Worker(threadEntry('bootstrap-worker'), {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    const stop = () => worker.postMessage(STOP);
    opts.signal?.addEventListener('abort', stop, { once: true });
    let settled = false;
    /** What this thread's progress listener threw: the bootstrap's outcome once the thread has stopped. */
    let thrown: { err: unknown } | null = null;
    const end = (then: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', stop);
      then();
    };
    const told = (progress: BootstrapProgress) => {
      try {
        opts.onProgress?.(progress);
        worker.postMessage(GO);
      } catch (err) {
        thrown = { err };
        stop();
      }
    };
    worker.on('message', (m: BootstrapMessage) => {
      if (m.type === 'applied') tell(ctx.db, new Set(m.rows));
      else if (m.type === 'progress') told(m.progress);
      else if (m.type === 'done') end(() => resolve(m.applied));
      else if (m.type === 'failed') end(() => reject(thrown ? thrown.err : revived(m.error)));
      else end(() => resolve(null));
    });
    worker.on('error', (err) => end(() => reject(err)));
    worker.on('exit', (code) =>
      end(() => reject(new Error(`The bootstrap's thread ended (${code}) before it was done.`))),
    );
  });
}
