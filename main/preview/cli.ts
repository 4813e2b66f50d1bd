// `npm run preview`: the whole app in a plain browser, backed by a real database, reachable on loopback only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../store-lifecycle';
import { startPreviewServer } from './server';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const staticDir = path.join(projectRoot, 'out', 'renderer');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  let values: { db?: string; port?: string };
  try {
    ({ values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true }));
  } catch (err) {
    fail(`${(err as Error).message}\nUsage: npm run preview -- [--db FILE] [--port N]`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a number from 0 to 65535, not "${values.port}".`);
  if (!fs.existsSync(path.join(staticDir, 'index.html')))
    fail('The renderer is not built yet; run `npm run build:renderer` first.');

  const given = values.db ?? process.env.COUNTERPART_DB;
  const tempDir = given ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-preview-'));
  const dbPath = given ? path.resolve(given) : path.join(tempDir!, 'counterpart.db');

  const isNew = !fs.existsSync(dbPath);
  console.log(
    !given
      ? 'Creating a demo store in a temporary database …'
      : isNew
        ? `No store at ${dbPath} yet: the page opens on the first-run screen (set up this store, or load the demo).`
        : `Opening ${dbPath} …`,
  );
  // The same lifecycle as the desktop app: a store that cannot be used is served as the recovery screen, never
  // filled with a demo. Only the temporary store of a bare `npm run preview` starts as the demo; a file the user
  // named is a store of theirs, so a new one gets the first-run screen, where the demo is one choice.
  const backupDir = path.join(path.dirname(dbPath), 'backups');
  const backend = openStore({ dbPath, demo: !given, backupDir, log: () => {} });
  const problem = backend.problem();
  if (problem) {
    const offer = problem.recommended
      ? ` The newest backup that passes its check is ${path.join(backupDir, problem.recommended)}; the page offers to restore it.`
      : '';
    console.error(`${problem.message}${offer}`);
  }
  const server = await startPreviewServer({ backend, staticDir, port }).catch((err: NodeJS.ErrnoException) => {
    backend.close();
    fail(
      err.code === 'EADDRINUSE'
        ? `Port ${port} is in use; pick another with --port.`
        : `Could not start: ${err.message}`,
    );
  });
  // The link is the credential: it works once, for one browser, which then keeps its own session (a cookie).
  console.log(
    `Counterpart preview (loopback only). Open this link in your browser; it works once:\n  ${server.newLink()}`,
  );
  if (process.stdin.isTTY) {
    console.log('Press Enter for a link for another browser, Ctrl+C to stop.');
    readline.createInterface({ input: process.stdin }).on('line', () => console.log(`  ${server.newLink()}`));
  } else {
    console.log('Press Ctrl+C to stop.');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    backend.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
