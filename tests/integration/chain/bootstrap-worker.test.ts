// A bootstrap's thread (main/sync/bootstrap-worker.cjs) registers tsx for itself. It must find the checkout's
// tsconfig, and with it the @common/ alias, wherever the process was started: a thread that cannot load its code
// answers 'unavailable', and the bootstrap then runs on the counter's own thread without a word. It opens the store
// with the build of better-sqlite3 the app opened it with: under `npm start` that is Electron's, not the package's own.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import { nativeBindingOf, openDatabase } from '../../../main/db/connection';
import { createContext } from '../../../main/services/context';
import { type BootstrapMessage, bootstrapOffThread } from '../../../main/sync/bootstrap-thread';
import { useChain } from '../../helpers/chain-terminal';
import { push, till, upsert } from '../../helpers/hub-till';
import { nodeIn } from '../../helpers/node-script';
import { ROOT } from '../../helpers/processes';
import { tempDir } from '../../helpers/temp-store';
import { bootstrapJobFor } from '../../helpers/thread-jobs';

const chain = useChain();
const CUSTOMERS = 3;

beforeAll(async () => {
  const galway = await till(chain.hub, 'Galway', 'till-1');
  await push(
    galway,
    ...Array.from({ length: CUSTOMERS }, (_, i) =>
      upsert(uuidv7(), { firstName: `Person${i}`, lastName: 'Elsewhere' }),
    ),
  );
});

it('the bootstrap thread loads its TypeScript and copies the chain when the process runs in another folder', async () => {
  const cork = await chain.terminal('Cork');
  const job = bootstrapJobFor(cork);
  // The thread's last word: 'done' once it copied the chain, 'unavailable' (with the reason) when it could not load.
  const script = `
    import { Worker } from 'node:worker_threads';
    const worker = new Worker(${JSON.stringify(path.join(ROOT, 'main', 'sync', 'bootstrap-worker.cjs'))}, {
      workerData: { ...${JSON.stringify(job)}, calls: new Int32Array(new SharedArrayBuffer(4)) },
    });
    let last = null;
    worker.on('message', (m) => { if (m.type !== 'applied' && m.type !== 'progress') last = m; });
    worker.on('exit', () => console.log(JSON.stringify(last)));
  `;
  const r = await nodeIn(tempDir(), script);
  expect(r.err).toBe('');
  const last = JSON.parse(r.out) as BootstrapMessage;
  if (last.type === 'unavailable') last.reason = last.reason.split('\n')[0]!;
  expect(last).toEqual({ type: 'done', applied: CUSTOMERS });
  expect(cork.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS);
});

it('the bootstrap thread opens the store with the better-sqlite3 build the store was opened with', async () => {
  const cork = await chain.terminal('Cork');
  // A copy of the package's own build, under a path of its own, which goes away once the store is open: a thread that
  // looks for it there fails naming it, where one that loads the package's own build would copy the chain.
  const binding = path.join(tempDir(), 'better_sqlite3.node');
  fs.copyFileSync(createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node'), binding);
  const db = openDatabase(cork.file, { nativeBinding: binding });
  try {
    expect(nativeBindingOf(db)).toBe(binding);
    fs.rmSync(binding);
    await expect(bootstrapOffThread(createContext(db, cork.ctx.config), cork.link, {})).rejects.toThrow(binding);
    expect(cork.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  } finally {
    db.close();
  }
});
