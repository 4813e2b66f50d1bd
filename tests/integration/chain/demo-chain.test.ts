// The README's two commands for trying the chain on one machine, as processes: `npm run demo:hub` (here on this test
// file's empty database: PostgreSQL does not run as root, and the test run has its own server) and
// `npm run demo:chain`, which finds the hub through its handoff file. Over real HTTP, as a browser would call them:
// a customer made at one counter is found at the other, and an entry logged there shows back at the first. Stopped,
// the two leave nothing behind: not the counters' stores, nor the handoff.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../../../main/services/demo/catalog';
import { useTestDatabase } from '../../helpers/pg';
import { ROOT } from '../../helpers/processes';
import { tempDir } from '../../helpers/temp-store';

const db = useTestDatabase();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Runs a demo script and collects its stdout lines until `until` matches one. */
function start(script: string, args: string[], until: RegExp): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: process.env });
  children.push(child);
  const lines: string[] = [];
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (err += t));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (until.test(line)) resolve({ child, lines });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited (${code}): ${err}${lines.join('\n')}`)));
  });
}

function stopped(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/** A browser's session at a preview: opens the one-time link, keeps the cookie, calls methods as the page does. */
async function browser(link: string) {
  const opened = await fetch(link, { redirect: 'manual' });
  const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
  const base = new URL('/', link);
  return async (method: string, input: unknown) => {
    const res = await fetch(new URL(`rpc/${method}`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(input),
    });
    const envelope = (await res.json()) as { ok: boolean; value?: any; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error!.message}`);
    return envelope.value;
  };
}

async function eventually<T>(probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm run demo:hub, then npm run demo:chain', () => {
  it('start a hub and two counters that see each other’s changes, and leave nothing behind', async () => {
    const handoff = path.join(tempDir(), 'demo-hub.json');
    const hub = await start('main/demo-chain/hub.ts', ['--pg', db.url, '--port', '0', '--handoff', handoff], /^Now,/);
    expect(hub.lines.join('\n')).toMatch(/till-1: [0-9A-Z]{4}(-[0-9A-Z]{4}){3}\n {2}till-2: /);
    // The page itself is not what this test looks at (the E2E specs are), only the calls it makes.
    const renderer = tempDir();
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Counterpart</title>');
    const tills = await start(
      'main/demo-chain/tills.ts',
      ['--handoff', handoff, '--renderer', renderer],
      /deleted when this stops/,
    );
    const links = tills.lines.flatMap((l) => /^ {2}till-\d .*: (http:\S+)$/.exec(l)?.[1] ?? []);
    expect(links).toHaveLength(2);
    const folder = /Their stores are in (.+), deleted/.exec(tills.lines.join('\n'))![1]!;
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.db'))).toEqual(['till-1.db', 'till-2.db']);

    const [first, second] = await Promise.all(links.map(browser));
    const signIn = async (call: Awaited<ReturnType<typeof browser>>) => {
      const [clerk] = await call('clerks.list', {});
      await call('session.signIn', { clerkId: clerk.id, pin: DEMO_PIN });
    };
    await signIn(first!);
    await signIn(second!);

    // The demo store's customers reach the new counter; one made there reaches the first.
    await first!('customers.create', { firstName: 'Zebedee', lastName: 'Quoyle', phone: '087 246 8135' });
    const there = await eventually(async () => (await second!('customers.search', { query: 'quoyle' }))[0]);
    await second!('interactions.log', {
      customerId: there.id,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'asked at till-2',
    });
    const back = (await first!('customers.search', { query: 'quoyle' }))[0];
    await eventually(async () =>
      (await first!('customers.get', { id: back.id })).interactionCount === 1 ? true : undefined,
    );

    expect(await stopped(tills.child)).toBe(0);
    expect(fs.existsSync(folder)).toBe(false);
    expect(await stopped(hub.child)).toBe(0);
    expect(fs.existsSync(handoff)).toBe(false);
  }, 180_000);
});
