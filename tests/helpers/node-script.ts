// A script run in a Node process of its own, for code that must start the way a command or the bundled app starts
// it (worker threads, which load their own modules), not inside the test's module loader.
import { spawn } from 'node:child_process';

/** Runs `script` (an ES module) in a Node process whose working folder is `cwd`; resolves with its output. */
export function nodeIn(cwd: string, script: string): Promise<{ out: string; err: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd, timeout: 120_000 });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve({ out, err }));
  });
}
