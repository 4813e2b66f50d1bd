import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend';
import { PIN_ENV, type InitIo } from '../../main/cli/init-command';
import { runCli } from '../../main/cli/run';
import { newSession } from '../../main/ipc/session';
import { cliTerminal } from '../helpers/cli-terminal';
import { ROOT } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';

const { io, out, err } = cliTerminal();
const GALWAY = [
  '--store-name',
  'Galway',
  '--time-zone',
  'Europe/Dublin',
  '--locale',
  'en-IE',
  '--currency',
  'EUR',
  '--admin-name',
  'Siobhán Kelly',
];

/** The terminal with `stdin` as standard input and the PIN variable set only when given. */
function terminal(stdin: string | null, pinEnv?: string): InitIo {
  const env = { ...process.env };
  delete env[PIN_ENV];
  if (pinEnv !== undefined) env[PIN_ENV] = pinEnv;
  return { ...io, env, ...(stdin === null ? {} : { stdin: Readable.from([Buffer.from(stdin)]) }) };
}

/** Signs in with the PIN on the store the command made, as the first-run screen's admin would. */
async function signIn(dbPath: string, pin: string) {
  const b = startBackend({ dbPath, create: false, log: () => {} });
  try {
    const admin = b.db.prepare<[], { id: number }>("SELECT id FROM clerks WHERE role = 'admin'").get()!;
    return await b.dispatch('session.signIn', { clerkId: admin.id, pin }, newSession());
  } finally {
    b.close();
  }
}

describe('counterpart init', { timeout: 120_000 }, () => {
  it("sets up an empty store with the PIN from standard input, through the first-run screen's function", async () => {
    const db = path.join(tempDir(), 'galway.db');
    expect(await runCli(['init', ...GALWAY, '--db', db, '--json'], terminal('2468\n'))).toBe(0);
    expect(err.join('')).toBe('');
    const result = JSON.parse(out.join(''));
    expect(result).toMatchObject({
      db,
      store: { name: 'Galway', id: 'galway', timeZone: 'Europe/Dublin', locale: 'en-IE', currency: 'EUR' },
      admin: { displayName: 'Siobhán Kelly', role: 'admin' },
    });
    expect(await signIn(db, '2468')).toMatchObject({ ok: true });
    const b = startBackend({ dbPath: db, create: false, log: () => {} });
    expect(b.ctx.config).toMatchObject({ storeName: 'Galway', storeId: 'galway' });
    expect(b.db.prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'store_created'").get()).toEqual({ n: 1 });
    expect(b.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    b.close();
  });

  it('takes the PIN from COUNTERPART_ADMIN_PIN, and --store-id over the name', async () => {
    const db = path.join(tempDir(), 'store.db');
    expect(await runCli(['init', ...GALWAY, '--store-id', 'gal-01', '--db', db], terminal(null, '97531'))).toBe(0);
    expect(out.join('')).toMatch(
      /^Set up "Galway" \(store id gal-01\) at .*store\.db, with Siobhán Kelly as its admin \(clerk 1\)\.\nNext: /,
    );
    expect(await signIn(db, '97531')).toMatchObject({ ok: true });
  });

  it('refuses an existing store with exit 1 and one sentence, and leaves it byte for byte', async () => {
    const db = path.join(tempDir(), 'store.db');
    expect(await runCli(['init', ...GALWAY, '--db', db], terminal('2468\n'))).toBe(0);
    const before = fs.readFileSync(db);
    err.length = 0;
    expect(await runCli(['init', ...GALWAY, '--store-name', 'Taken Over', '--db', db], terminal('1111\n'))).toBe(1);
    expect(err.join('').trimEnd().split('\n')).toEqual([
      `There is already a store at ${db}, and init only sets up a new one.`,
    ]);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    // Any file is somebody's: an empty one too.
    const other = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(other, '');
    expect(await runCli(['init', ...GALWAY, '--db', other], terminal('2468\n'))).toBe(1);
    expect(fs.readFileSync(other, 'utf8')).toBe('');
  });

  it.each([
    [['--pin', '2468'], /^The PIN is never taken from the command line/],
    [['--admin-pin=2468'], /^The PIN is never taken from the command line/],
    [
      ['--time-zone', 'Mars/Olympus'],
      /^--time-zone must be an IANA time zone such as "Europe\/Dublin", not "Mars\/Olympus"/,
    ],
    [['--locale', 'en_IE'], /^--locale must be a locale such as "en-IE"/],
    [['--currency', 'XYZ'], /^--currency must be an ISO 4217 currency code/],
    [['--store-id', 'Dub 01'], /^--store-id must be lower-case letters/],
    [['--store-name', ' '], /^--store-name must be the store's name/],
    [['--admin-name', ' '], /^--admin-name cannot be empty/],
  ])('refuses %j with exit 2, one line, and no file', async (extra, message) => {
    const db = path.join(tempDir(), 'store.db');
    expect(await runCli(['init', ...GALWAY, ...extra, '--db', db], terminal('2468\n'))).toBe(2);
    const lines = err.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toContain('2468');
    expect(fs.existsSync(db)).toBe(false);
  });

  it.each([
    ['no PIN at all', '', undefined],
    ['a PIN too short', '12\n', undefined],
    ['letters', 'abcd\n', undefined],
    ['a bad PIN in the variable', '2468\n', '12'],
  ])('refuses %s with exit 2 and no file', async (_what, stdin, env) => {
    const db = path.join(tempDir(), 'store.db');
    expect(await runCli(['init', ...GALWAY, '--db', db], terminal(stdin, env))).toBe(2);
    expect(err.join('')).toMatch(/^The admin's PIN must be 4 to 8 digits/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('asks for the missing flags by name', async () => {
    expect(await runCli(['init', '--store-name', 'Galway'], terminal('2468\n'))).toBe(2);
    expect(err.join('')).toMatch(/^Give --time-zone, --locale, --currency, --admin-name\./);
  });

  it('reads the PIN piped into the real command, which never has it in its arguments', async () => {
    const db = path.join(tempDir(), 'piped.db');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'counterpart.mjs'), 'init', ...GALWAY, '--db', db], {
      cwd: ROOT,
      env: { ...process.env, COUNTERPART_DB: '', [PIN_ENV]: '' },
    });
    const output: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (t: string) => output.push(t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => output.push(t));
    child.stdin.end('8642\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output.join('')).toMatch(/^Set up "Galway"/);
    expect(code).toBe(0);
    expect(child.spawnargs.join(' ')).not.toContain('8642');
    expect(await signIn(db, '8642')).toMatchObject({ ok: true });
  });

  it('is listed in the help', async () => {
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/\n {2}init +set up a new, empty store/);
  });
});
