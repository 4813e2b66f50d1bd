// `npm run demo:chain`: the demo shop's two counters, each a browser preview on a store of its own, joined to the
// demo hub (`npm run demo:hub`, found through its handoff file, or --hub URL --codes A,B). till-1 holds the demo
// store (its customers go up to the hub at once); till-2 is a new counter that copies the chain from the hub. Both
// stores live in a temporary folder deleted when this stops: nothing a real install could take for a store of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBackend, type Backend } from '../backend';
import { newSession } from '../ipc/session';
import { DEMO_PIN } from '../services/demo/catalog';
import { startPreviewServer, type PreviewServer } from '../preview/server';
import { joinHub } from '../sync/join';
import { DEFAULT_HANDOFF, DEMO_TILLS, readHandoff, stopOnSignal } from './handoff';

/**
 * Customers in the first counter's demo store: fewer than the preview's, so its upload and the other counter's copy
 * of the chain take seconds, not minutes, on a laptop.
 */
export const DEMO_CHAIN_CUSTOMERS = 100;

const BUILT_RENDERER = path.join(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  'out',
  'renderer',
);
const USAGE = 'Usage: npm run demo:chain -- [--hub URL --codes CODE1,CODE2] [--handoff FILE] [--renderer DIR]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

interface Till {
  name: string;
  backend: Backend;
  server: PreviewServer;
}

/**
 * A store for `name`, joined with `code`: the demo store for the first counter, a new one (its admin signs in with
 * the demo PIN) for the second. Opened again after joining, so its background sync starts with it.
 */
async function setUp(dir: string, name: string, code: string, hubUrl: string, demo: boolean): Promise<Backend> {
  const dbPath = path.join(dir, `${name}.db`);
  const first = startBackend({ dbPath, demo, demoCustomers: DEMO_CHAIN_CUSTOMERS, log: () => undefined });
  try {
    if (!demo) {
      const made = await first.dispatch('app.setupEmpty', { clerkName: 'Demo admin', pin: DEMO_PIN }, newSession());
      if (!made.ok) throw new Error(made.error.message);
    }
    await joinHub({ dbFile: dbPath, db: first.db, hubUrl, code });
  } finally {
    first.close();
  }
  return startBackend({ dbPath, log: (message, err) => console.error(message, err) });
}

async function main() {
  let values: { hub?: string; codes?: string; handoff?: string; renderer?: string };
  try {
    ({ values } = parseArgs({
      options: {
        hub: { type: 'string' },
        codes: { type: 'string' },
        handoff: { type: 'string' },
        renderer: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  let hubUrl = values.hub;
  let codes = values.codes?.split(',').map((c) => c.trim());
  if (hubUrl === undefined || codes === undefined) {
    if (hubUrl !== undefined || codes !== undefined) fail(`Give both --hub and --codes, or neither.\n${USAGE}`);
    const handoff = readHandoff(path.resolve(values.handoff ?? DEFAULT_HANDOFF));
    if (!handoff) fail('No demo hub is running: start one first with npm run demo:hub (in another window).');
    hubUrl = handoff.hubUrl;
    codes = handoff.codes.map((c) => c.code);
  }
  const staticDir = path.resolve(values.renderer ?? BUILT_RENDERER);
  if (!fs.existsSync(path.join(staticDir, 'index.html')))
    fail('The renderer is not built yet; run npm run build:renderer first (npm run demo:chain does).');
  if (codes.length !== DEMO_TILLS.length) fail(`--codes takes ${DEMO_TILLS.length} codes, one per counter.\n${USAGE}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-demo-chain-'));
  const tills: Till[] = [];
  const stop = async () => {
    for (const t of tills) {
      await t.server.close();
      await t.backend.sync.stop();
      t.backend.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    console.log('Setting up the demo shop’s two counters …');
    for (const [i, name] of DEMO_TILLS.entries()) {
      const backend = await setUp(dir, name, codes[i]!, hubUrl, i === 0);
      const server = await startPreviewServer({ backend, staticDir });
      tills.push({ name, backend, server });
    }
  } catch (err) {
    await stop();
    const spent = /code/i.test((err as Error).message);
    fail(
      spent
        ? `${(err as Error).message} Each code works once: stop the demo hub (Ctrl+C) and start it again for a fresh chain.`
        : `The demo counters did not start: ${(err as Error).message}`,
    );
  }
  const links = () =>
    tills.map(
      (t, i) =>
        `  ${t.name} (${i === 0 ? 'the demo store' : 'a new counter, copying the chain'}): ${t.server.newLink()}`,
    );
  console.log(
    [
      `Two counters of the demo shop, joined to the hub at ${hubUrl}. Open each link in a browser window of its own (each works once; every clerk's PIN is ${DEMO_PIN}):`,
      ...links(),
      `Their stores are in ${dir}, deleted when this stops. Log an entry at one counter: it shows at the other within seconds.`,
      process.stdin.isTTY ? 'Enter: a new pair of links. Ctrl+C: stop.' : 'Ctrl+C: stop.',
    ].join('\n'),
  );
  if (process.stdin.isTTY)
    readline.createInterface({ input: process.stdin }).on('line', () => console.log(links().join('\n')));
  stopOnSignal(stop, 'Demo counters stopped; their stores are deleted.');
}

void main();
