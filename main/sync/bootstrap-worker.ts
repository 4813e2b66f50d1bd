// The bootstrap's own thread (bootstrap-thread.ts): its own connection to the store, the same copy as on the main
// thread (bootstrap.ts, copyChain), in longer slices, since no lookup waits for this thread.
import type { MessagePort } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { giveWayTo } from '../db/write-turns';
import { createContext } from '../services/context';
import { type BootstrapProgress, copyChain } from './bootstrap';
import { type BootstrapJob, type BootstrapMessage, errorOf, GO, STOP } from './bootstrap-thread';
import { OFF_THREAD_SLICE_MS, onApplied } from './replica';

export async function runBootstrapJob(job: BootstrapJob, port: MessagePort): Promise<void> {
  const say = (m: BootstrapMessage) => port.postMessage(m);
  const aborter = new AbortController();
  // The answer to the last progress told, when the other thread listens to it.
  let answered: ((go: boolean) => void) | null = null;
  port.on('message', (m) => {
    if (m === STOP) aborter.abort();
    answered?.(m === GO);
    answered = null;
  });
  const told = async (progress: BootstrapProgress) => {
    say({ type: 'progress', progress });
    if (!job.progress) return;
    const go = await new Promise<boolean>((resolve) => (answered = resolve));
    if (!go) throw new Error('The bootstrap was stopped after a page.');
  };
  try {
    const db = openDatabase(job.file, {
      backupBeforeMigrate: false,
      ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}),
    });
    try {
      const ctx = createContext(db, job.config, () => new Date(Date.now() + job.clockOffsetMs));
      onApplied(db, (rows) => say({ type: 'applied', rows: [...rows] }));
      giveWayTo(db, job.calls);
      const applied = await copyChain(ctx, job.link, {
        ...(job.historyDays !== undefined ? { historyDays: job.historyDays } : {}),
        signal: aborter.signal,
        onProgress: told,
        sliceMs: OFF_THREAD_SLICE_MS,
      });
      say({ type: 'done', applied });
    } finally {
      db.close();
    }
  } catch (err) {
    say({ type: 'failed', error: errorOf(err) });
  } finally {
    port.close();
  }
}
