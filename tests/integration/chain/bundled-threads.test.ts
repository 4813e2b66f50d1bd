// The packaged app runs the main bundle (out/main), where there is no TypeScript and no tsx: each worker thread must
// be an entry of the bundle, and the bundle must start it (main/thread-entry.ts). A thread that is missing, or that
// needs tsx, leaves its work to the app's main thread without a word: the bootstrap's copy then holds up the
// counter's lookups it was moved off the main thread for. Plain Node stands in for Electron here.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import type { BootstrapMessage } from '../../../main/sync/bootstrap-thread';
import type { ThreadName } from '../../../main/thread-entry';
import { useChain } from '../../helpers/chain-terminal';
import { push, till, upsert } from '../../helpers/hub-till';
import { buildMainBundle } from '../../helpers/main-bundle';
import { nodeIn } from '../../helpers/node-script';
import { tempDir } from '../../helpers/temp-store';
import { bootstrapJobFor, emptySideJobScript } from '../../helpers/thread-jobs';

const chain = useChain();
const CUSTOMERS = 3;
let outMain: string;

beforeAll(async () => {
  outMain = await buildMainBundle();
  const galway = await till(chain.hub, 'Galway', 'till-1');
  await push(
    galway,
    ...Array.from({ length: CUSTOMERS }, (_, i) =>
      upsert(uuidv7(), { firstName: `Person${i}`, lastName: 'Elsewhere' }),
    ),
  );
}, 300_000);

/** A script that starts the thread `name` from the file the bundle itself picks, as the app's thread starters do. */
function startFromBundle(name: ThreadName, workerOptions: string): string {
  const chunk = fs.readdirSync(outMain).find((f) => /^thread-entry-.+\.js$/.test(f));
  if (!chunk) throw new Error(`the bundle has no thread-entry chunk: ${fs.readdirSync(outMain).join(', ')}`);
  return `
    import { MessageChannel, Worker } from 'node:worker_threads';
    // The chunk's one export, under whatever short name the bundler gave it.
    const exported = Object.values(await import(${JSON.stringify(pathToFileURL(path.join(outMain, chunk)).href)}));
    if (exported.length !== 1) throw new Error('thread-entry chunk exports ' + exported.length + ' things');
    const [threadEntry] = exported;
    const entry = threadEntry(${JSON.stringify(name)});
    console.log(entry);
    // Not this script's --input-type, which Node refuses for a module file.
    const worker = new Worker(entry, { ...${workerOptions}, execArgv: [] });
  `;
}

it('the bundle starts the bootstrap on a thread of its own, which copies the chain', async () => {
  const cork = await chain.terminal('Cork');
  const job = bootstrapJobFor(cork);
  // The thread's last word: 'done' once it copied the chain, 'unavailable' when it could not load its code.
  const script = `${startFromBundle(
    'bootstrap-worker',
    `{ workerData: { ...${JSON.stringify(job)}, calls: new Int32Array(new SharedArrayBuffer(4)) } }`,
  )}
    let last = null;
    worker.on('message', (m) => { if (m.type !== 'applied' && m.type !== 'progress') last = m; });
    worker.on('exit', () => console.log(JSON.stringify(last)));
  `;
  const r = await nodeIn(tempDir(), script);
  expect(r.err).toBe('');
  const [entry, lastWord] = r.out.trim().split('\n');
  expect(entry).toBe(path.join(outMain, 'bootstrap-worker.js'));
  const last = JSON.parse(lastWord!) as BootstrapMessage;
  if (last.type === 'unavailable') last.reason = last.reason.split('\n')[0]!;
  expect(last).toEqual({ type: 'done', applied: CUSTOMERS });
  expect(cork.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS);
});

it("the bundle starts the demo seed's second thread, which loads its code", async () => {
  const elsewhere = tempDir();
  const script = emptySideJobScript(
    elsewhere,
    startFromBundle('seed-worker', '{ workerData: job, transferList: [port2] }'),
  );
  const r = await nodeIn(elsewhere, script);
  expect(r.err).toBe('');
  expect(r.out.trim().split('\n')).toEqual([path.join(outMain, 'seed-worker.js'), 'loaded']);
});
