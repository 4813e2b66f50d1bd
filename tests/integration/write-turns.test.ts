// The counter's calls and a copy on a thread of its own share one store file, and one write lock. The copy holds it
// in slices, back to back; the counter's connection does not wait inside SQLite (it would freeze every call) and
// tries again between attempts. A call that writes, awaits something (the hub, a PIN's hash) and writes again, as a
// sign-in does, found the lock taken by its second write and failed "busy" (seen in CI: the demo chain's sign-in).
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Envelope } from '@common/errors';
import { callsFlag } from '../../main/db/write-turns';
import { checkHandlers, createDispatcher, waitBetweenCalls } from '../../main/ipc/dispatch';
import { allHandlers } from '../../main/ipc/handlers';
import { newSession } from '../../main/ipc/session';
import { audit } from '../../main/services/audit';
import { SYNC_OFF } from '../../main/sync/live-sync';
import type { CopyJob } from '../helpers/copy-thread';
import { tempStore } from '../helpers/temp-store';

const COPIED = 5_000;

it('lets a call write, await and write again while a copy on another thread writes in slices, and the copy goes on', async () => {
  const s = tempStore();
  waitBetweenCalls(s.db);
  const count = () => s.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  const deps = { loadDemo: () => undefined, dbPath: s.file, sync: SYNC_OFF, backupKeep: 1 };
  const handlers = allHandlers({ ...deps, backupDir: undefined, nativeBinding: undefined }, () => {});
  const dispatch = createDispatcher(
    checkHandlers({
      ...handlers,
      // The shape of a sign-in: a write, a wait on something else, another write.
      'clerks.list': async (ctx: typeof s.ctx) => {
        audit(ctx, s.clerkId, 'sign_in_failed');
        await new Promise((resolve) => setTimeout(resolve, 30));
        audit(ctx, s.clerkId, 'sign_in');
        return [];
      },
    }),
    s.ctx,
    () => {},
    { busyWaitMs: 1_000 },
  );
  const job: CopyJob = { file: s.file, calls: callsFlag(s.db), customers: COPIED };
  const worker = new Worker(path.join(__dirname, '..', 'helpers', 'copy-thread.cjs'), { workerData: job });
  const done = new Promise<unknown>((resolve) => worker.once('message', resolve));
  let copying = true;
  void done.then(() => (copying = false));
  // Wait for the copy's first rows: from then on it holds the lock but for moments.
  while (count() === 0) await new Promise((resolve) => setTimeout(resolve, 10));

  const answers: Envelope<unknown>[] = [];
  const seen: number[] = [];
  for (let i = 0; i < 10; i++) {
    answers.push(await dispatch('clerks.list', {}, newSession()));
    seen.push(count());
  }
  expect(copying).toBe(true);
  expect(answers.filter((a) => !a.ok)).toEqual([]);
  // The two took turns: the copy moved on between the calls.
  expect(new Set(seen).size).toBeGreaterThan(5);
  expect(await done).toBe('done');
  expect(count()).toBe(COPIED);
  await worker.terminate();
}, 120_000);
