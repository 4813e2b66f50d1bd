// A copy of the chain on a thread of its own, as the bootstrap's (main/sync/bootstrap-worker.ts), through the same
// applyChangesInSlices, but of changes made here rather than a hub's pages: with no hub to wait for, it holds the
// store's write lock nearly all the time, as a bootstrap does when pages arrive faster than they apply.
import type { MessagePort } from 'node:worker_threads';
import type { Change } from '@common/sync/changes';
import { uuidv7 } from '@common/sync/ids';
import { openDatabase } from '../../main/db/connection';
import { giveWayTo } from '../../main/db/write-turns';
import { createContext } from '../../main/services/context';
import { applyChangesInSlices, OFF_THREAD_SLICE_MS } from '../../main/sync/replica';

export interface CopyJob {
  file: string;
  /** The counter's calls flag (main/db/write-turns.ts callsFlag). */
  calls: Int32Array;
  customers: number;
}

const PAGE = 1000;

function customers(n: number): Change[] {
  const origin = { storeId: uuidv7(), terminalId: uuidv7() };
  return Array.from({ length: n }, (_, i) => {
    const hlc = `${String(Date.now()).padStart(15, '0')}:00000:${origin.terminalId}`;
    const field = (value: string) => ({ value, hlc });
    return {
      entity: 'customer',
      kind: 'upsert',
      id: uuidv7(),
      hlc,
      fields: { firstName: field(`Copied${i}`), lastName: field('Thread'), phone: field(`01 ${5_000_000 + i}`) },
      origin,
    };
  });
}

/** Applies `job.customers` new customers in pages, then says 'done'. */
export async function runCopy(job: CopyJob, port: MessagePort): Promise<void> {
  const db = openDatabase(job.file, { backupBeforeMigrate: false });
  try {
    giveWayTo(db, job.calls);
    const ctx = createContext(db, {}, () => new Date());
    const all = customers(job.customers);
    for (let i = 0; i < all.length; i += PAGE) {
      await applyChangesInSlices(ctx, all.slice(i, i + PAGE), `v1.${i}`, undefined, OFF_THREAD_SLICE_MS);
    }
    port.postMessage('done');
  } catch (err) {
    port.postMessage(String((err as Error).stack ?? err));
  } finally {
    db.close();
    port.close();
  }
}
