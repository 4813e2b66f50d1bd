// The demo seed's second thread (main/services/demo/seed-worker.cjs) registers tsx for itself. It must find the
// checkout's tsconfig, and with it the @common/ alias, wherever the command was started: IT runs `counterpart seed`
// from any folder, and a worker that cannot load leaves the whole seed to one thread without a word.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';
import { emptySideJobScript } from '../helpers/thread-jobs';

it('the seed worker loads its TypeScript when the process runs in another folder', () => {
  const elsewhere = tempDir();
  const script = `
    import { MessageChannel, Worker } from 'node:worker_threads';
    ${emptySideJobScript(
      elsewhere,
      `new Worker(${JSON.stringify(path.join(ROOT, 'main', 'services', 'demo', 'seed-worker.cjs'))}, {
        workerData: job, transferList: [port2],
      });`,
    )}
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: elsewhere,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('loaded');
});
