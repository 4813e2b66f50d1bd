// Generated calls to every contract method through the real preview server on 127.0.0.1, against a real demo
// store: whatever comes in, the answer is a well-formed envelope, never a 5xx, never an internal error, and no error
// message carries a stack trace, SQL or a file path. A failure prints fast-check's seed and path to replay it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '@common/contract';
import { ERROR_CODES } from '@common/errors';
import { createI18n } from '@common/i18n';
import { startBackend, type Backend } from '../../main/backend';
import { DEMO_PIN } from '../../main/services/demo/catalog';
import { RENDER_FAILURE } from '../../main/ipc/render-report-handlers';
import { startPreviewServer, type PreviewServer } from '../../main/preview/server';
import { inputsFor, type Hints } from '../helpers/schema-arbitrary';
import { tempDir } from '../helpers/temp-store';

const MIN_CALLS = 2000;
const RUNS_PER_METHOD = Math.ceil(MIN_CALLS / METHOD_NAMES.length);
/** Calls that change who a browser is go to a browser of their own, so the others keep their roles. */
const SESSION_CHANGERS: readonly MethodName[] = ['session.signIn', 'session.signOut'];
const BROWSERS = ['nobody', 'clerk', 'manager', 'admin'] as const;
type Browser = (typeof BROWSERS)[number] | 'scratch';

let backend: Backend;
let server: PreviewServer;
let dir: string;
const logged: string[] = [];
const cookies = new Map<Browser, string>();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let hints: Hints = {};

function send(
  method: string,
  pathName: string,
  body: string | undefined,
  cookie?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: pathName,
        agent,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function browser(): Promise<string> {
  const link = new URL(server.newLink());
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get({ host: link.hostname, port: link.port, path: link.pathname + link.search }, resolve).on('error', reject),
  );
  res.resume();
  return res.headers['set-cookie']![0]!.split(';')[0]!;
}

const rpc = (m: string, input: unknown, who: Browser) =>
  send('POST', `/rpc/${m}`, input === undefined ? '' : JSON.stringify(input), cookies.get(who));

/** Leaks an error message must not carry, unless the caller put that very text in the input. */
/** The English catalogue, to check an error's reason is one of its keys. */
const ENGLISH = createI18n('en');

const LEAKS = [
  /\n\s+at |\bat \S+ \(?\S+:\d+:\d+\)?/, // stack frames
  /SQLITE_\w+|no such (table|column)|syntax error|constraint failed|\b(SELECT|INSERT INTO|DELETE FROM)\b|\bUPDATE \w+ SET\b/i,
  /node_modules|[\w-]+\.(ts|js|cjs|mjs):\d+|[A-Za-z]:\\\\?\w/,
];
const PATHS = () => [dir, os.tmpdir(), os.homedir(), process.cwd()].filter((p) => p.length > 1);

function checkAnswer(method: string, input: unknown, who: Browser, res: { status: number; body: string }): void {
  const where = `${method} as ${who} with ${JSON.stringify(input)?.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  const envelope = JSON.parse(res.body) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string; message: string; reason?: string };
  };
  if (envelope.ok) {
    expect(Object.keys(envelope).sort(), where).toEqual(['ok', 'value']);
    return;
  }
  expect(Object.keys(envelope).sort(), where).toEqual(['error', 'ok']);
  const { error } = envelope;
  // The reason, when there is one, names a text of the catalogues' errors section (common/errors.ts).
  const { reason, ...worded } = error!;
  expect(Object.keys(worded).sort(), where).toEqual(['code', 'message']);
  if (reason !== undefined)
    expect(ENGLISH.exists(`errors.${reason}`, { count: 2 }), `${where}: reason ${reason}`).toBe(true);
  expect(ERROR_CODES, where).toContain(error!.code);
  expect(error!.code, `${where}: ${error!.message}`).not.toBe('INTERNAL');
  expect(typeof error!.message, where).toBe('string');
  const sent = JSON.stringify(input) ?? '';
  for (const leak of LEAKS) {
    const found = leak.exec(error!.message)?.[0];
    if (found && !sent.includes(found) && !sent.includes(JSON.stringify(found).slice(1, -1)))
      throw new Error(`${where}: the message leaks "${found}": ${error!.message}`);
  }
  for (const p of PATHS()) expect(error!.message, where).not.toContain(p);
}

beforeAll(async () => {
  dir = tempDir();
  backend = startBackend({
    dbPath: path.join(dir, 'fuzz.db'),
    demo: true,
    demoCustomers: 500,
    // A render report is the renderer's to send (app.reportRenderError logs it by design); anything else is a fault.
    log: (message, err) => {
      if (!message.startsWith(RENDER_FAILURE)) logged.push(`${message}: ${String(err)}`);
    },
  });
  const staticDir = path.join(dir, 'renderer'); // the calls are the point; no page is served
  fs.mkdirSync(staticDir);
  server = await startPreviewServer({ backend, staticDir });
  const clerks = backend.db.prepare('SELECT id, role FROM clerks ORDER BY id').all() as { id: number; role: string }[];
  for (const who of [...BROWSERS, 'scratch'] as const) {
    cookies.set(who, await browser());
    const clerk = clerks.find((c) => c.role === who);
    if (clerk)
      expect(JSON.parse((await rpc('session.signIn', { clerkId: clerk.id, pin: DEMO_PIN }, who)).body)).toMatchObject({
        ok: true,
      });
  }
  // Values that reach real rows and real templates, read from the store the way the app reads them.
  const playbook = JSON.parse(JSON.parse((await rpc('playbook.export', {}, 'admin')).body).value as string) as {
    templates: { id: string }[];
  };
  const column = (sql: string) => backend.db.prepare(sql).pluck().all();
  const today = new Date().toISOString().slice(0, 10);
  hints = {
    template: playbook.templates,
    json: [JSON.stringify(playbook)],
    id: [...playbook.templates.map((t) => t.id), ...column('SELECT id FROM customers ORDER BY random() LIMIT 20')],
    customerId: column('SELECT id FROM customers ORDER BY random() LIMIT 20'),
    interactionId: column('SELECT id FROM interactions ORDER BY id DESC LIMIT 20'),
    loyaltyId: column('SELECT loyalty_id FROM customers WHERE loyalty_id IS NOT NULL LIMIT 20'),
    query: column('SELECT last_name FROM customers LIMIT 20'),
    day: [today],
    from: [today],
    to: [today],
    key: ['note'],
  };
}, 120_000);

afterAll(async () => {
  agent.destroy();
  await server?.close();
  backend?.close();
});

describe('transport fuzz', () => {
  it(`answers ${RUNS_PER_METHOD} generated calls to each of the contract's methods with clean envelopes`, async () => {
    const calls = new Map<string, number>();
    for (const method of METHOD_NAMES) {
      const who = SESSION_CHANGERS.includes(method)
        ? fc.constant<Browser>('scratch')
        : fc.constantFrom<Browser>(...BROWSERS);
      await fc.assert(
        fc.asyncProperty(inputsFor(contract[method].input, hints), who, async (input, as) => {
          calls.set(method, (calls.get(method) ?? 0) + 1);
          checkAnswer(method, input, as, await rpc(method, input, as));
        }),
        { numRuns: RUNS_PER_METHOD, endOnFailure: true },
      );
    }
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(MIN_CALLS);
    expect(METHOD_NAMES.filter((m) => (calls.get(m) ?? 0) < RUNS_PER_METHOD)).toEqual([]);
    expect(logged).toEqual([]);
    // Still serving, and the signed-in browsers kept their roles.
    expect(JSON.parse((await rpc('session.current', {}, 'manager')).body)).toMatchObject({
      ok: true,
      value: { role: 'manager' },
    });
  }, 300_000);

  it('answers names outside the contract and malformed bodies the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 200 }), async (name, body) => {
        const res = await send('POST', `/rpc/${encodeURIComponent(name)}`, body, cookies.get('admin'));
        checkAnswer(name, body, 'admin', res);
      }),
      { numRuns: 200 },
    );
    expect(logged).toEqual([]);
  });
});
