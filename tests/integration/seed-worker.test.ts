// The demo seed's second thread (main/services/demo/seed-worker.cjs) registers tsx for itself. It must find the
// checkout's tsconfig, and with it the @common/ alias, wherever the command was started: IT runs `counterpart seed`
// from any folder, and a worker that cannot load leaves the whole seed to one thread without a word.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';

it('the seed worker loads its TypeScript when the process runs in another folder', () => {
  const elsewhere = tempDir();
  // An empty job (no customers, no tables): the worker answers with its name-word counts once its modules loaded,
  // or with the error that stopped it.
  const script = `
    import { MessageChannel, Worker } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const job = {
      file: ${JSON.stringify(path.join(elsewhere, 'side.db'))}, schema: [], customers: 0, batch: 1, seed: 1,
      nowMs: Date.now(), timeZone: 'Europe/Dublin', returnWindowDays: 30, countryCode: 'IE', clerkIds: [1],
      terminals: ['t'], firstIds: {}, tables: [], indexes: [], state: new SharedArrayBuffer(12), port: port2,
    };
    new Worker(${JSON.stringify(path.join(ROOT, 'main', 'services', 'demo', 'seed-worker.cjs'))}, {
      workerData: job, transferList: [port2],
    });
    port1.once('message', (m) => { console.log(m instanceof Map ? 'loaded' : String(m).split('\\n')[0]); port1.close(); });
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: elsewhere,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('loaded');
});
