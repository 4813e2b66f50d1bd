// The chain from the command line: a real `counterpart hub start` process and a second hub on the same PostgreSQL, an
// admin enrolling a till, the till joining with the code, its status, sync now, revocation, and the hub stopping. The
// short commands run in this process through the same runCli as bin/counterpart.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubLinkFile, readHubLink } from '../../../main/sync/hub-link';
import { startTestHub } from '../../helpers/hub';
import { chainCli } from '../../helpers/chain-cli';
import { useTestDatabase } from '../../helpers/pg';
import { tempStore } from '../../helpers/temp-store';

const ROOT = path.resolve(__dirname, '../../..');
const db = useTestDatabase();
const children: ChildProcess[] = [];
let hubProcess: Awaited<ReturnType<typeof startHubProcess>>;
let hubs: string[] = [];

/** Starts `counterpart hub start` and resolves with the URL it prints. */
function startHubProcess(pgUrl: string): Promise<{ url: string; child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'hub', 'start', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, COUNTERPART_PG_URL: pgUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child, out: () => out });
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`hub start exited ${code}: ${err}`)));
  });
}

const cli = (...argv: string[]) => chainCli(db.url, ...argv);

beforeAll(async () => {
  const [started, second] = await Promise.all([startHubProcess(db.url), startTestHub(db)]);
  hubProcess = started;
  hubs = [started.url, second.url];
}, 60_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('a chain from the command line', () => {
  it('enrols a till, joins it, shows its status, syncs, and refuses it once revoked', async () => {
    const store = tempStore();
    const enrolled = await cli('hub', 'enroll', '--store', 'Galway', '--terminal', 'till-2', '--json');
    expect(enrolled.err).toBe('');
    const { code } = JSON.parse(enrolled.out) as { code: string };

    const joined = await cli('sync', 'join', '--hub', hubs[0]!, '--code', code, '--db', store.file);
    expect(joined).toEqual({ code: 0, out: `Joined the hub at ${hubs[0]} as till-2 at Galway.\n`, err: '' });
    const link = readHubLink(store.file)!;
    expect(fs.statSync(hubLinkFile(store.file)).mode & 0o777).toBe(0o600);
    // Not in the store (so not in its backups, nor anything the app's screens can ask for).
    for (const f of [store.file, `${store.file}-wal`])
      if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(link.credential)).toBe(false);

    const status = await cli('sync', 'status', '--db', store.file, '--json');
    expect(JSON.parse(status.out)).toEqual({
      joined: true,
      hubUrl: hubs[0],
      terminal: link.terminal,
      store: link.store,
      joinedAt: link.joinedAt,
      lastSync: null,
      unsynced: 0,
      bootstrap: null,
      hubRestore: null,
    });
    const plain = await cli('sync', 'status', '--db', store.file);
    expect(plain.out).toMatch(
      /^Hub: +http:\/\/127\.0\.0\.1:\d+\/\nStore: +Galway\nTerminal: +till-2\nJoined: .*\nLast sync: +never\nUnsynced: +0 changes\n$/,
    );

    const now = await cli('sync', 'now', '--db', store.file);
    expect(now).toEqual({ code: 0, out: 'Synced till-2 at Galway: sent 0 changes, received 0.\n', err: '' });

    const listed = JSON.parse((await cli('hub', 'terminals', '--json')).out) as {
      name: string;
      lastSeenAt: string | null;
      appVersion: string;
    }[];
    expect(listed).toEqual([
      expect.objectContaining({ name: 'till-2', appVersion: expect.any(String), lastSeenAt: expect.any(String) }),
    ]);
    expect((await cli('hub', 'terminals')).out).toMatch(/^Store +Terminal +State .*\n.*\nGalway +till-2 +active /);

    const again = await cli('sync', 'join', '--hub', hubs[1]!, '--code', code, '--db', store.file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^This store already joined the hub at .* as till-2 \(Galway\)\. To join again/);

    const revoked = await cli('hub', 'revoke', 'till-2');
    expect(revoked.out).toBe(
      'Revoked till-2 at Galway: the hub refuses its next request. Its name is free for a new enrolment.\n',
    );
    const refused = await cli('sync', 'now', '--db', store.file);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^This terminal was revoked on the hub at \S+: enrol it again with a new code\.\n$/);

    // The credential is only ever in the link file: no command printed it.
    const printed = [enrolled, joined, status, plain, now, again, revoked, refused].map((r) => r.out + r.err).join('');
    expect(printed).not.toContain(link.credential);
  });

  it('answers a spent code and bad arguments in one line', async () => {
    const store = tempStore();
    const spent = await cli('sync', 'join', '--hub', hubs[1]!, '--code', 'ABCD-EFGH-JKMN-PQRS', '--db', store.file);
    expect(spent).toEqual({
      code: 1,
      out: '',
      err: 'This enrolment code is unknown or was used already: ask for a new one (counterpart hub enroll).\n',
    });
    expect(fs.existsSync(hubLinkFile(store.file))).toBe(false);
    const notACode = await cli('sync', 'join', '--hub', hubs[1]!, '--code', 'hello', '--db', store.file);
    expect(notACode).toMatchObject({
      code: 2,
      err: 'That is not an enrolment code: an enrolment code has 16 letters and digits.\n',
    });
    const plainHttp = await cli(
      'sync',
      'join',
      '--hub',
      'http://hub.example.com/',
      '--code',
      'ABCD-EFGH-JKMN-PQRS',
      '--db',
      store.file,
    );
    expect(plainHttp.code).toBe(2);
    expect(plainHttp.err).toMatch(/^A hub on another machine must be reached over https/);
    const missing = path.join(path.dirname(store.file), 'nothing.db');
    const noStore = await cli('sync', 'status', '--db', missing);
    // As every command answers a store that is not there (exit 1, one sentence).
    expect(noStore).toMatchObject({
      code: 1,
      err: `No database at ${missing}: pass --db FILE, or create a demo store with "counterpart seed".\n`,
    });
    expect(fs.existsSync(path.join(path.dirname(store.file), 'nothing.db'))).toBe(false);
    expect(await cli('sync', 'status', '--db', store.file)).toEqual({
      code: 0,
      out: 'Not joined to a hub. Join with: counterpart sync join --hub URL --code CODE\n',
      err: '',
    });
    const badName = await cli('hub', 'enroll', '--store', 'Galway', '--terminal', '  ');
    expect(badName).toMatchObject({ code: 2, err: '--terminal: give a name. (see --help)\n' });
  });

  it('stops a hub cleanly on SIGTERM, and a terminal then says in one sentence that the hub is out of reach', async () => {
    const store = tempStore();
    const { code } = JSON.parse(
      (await cli('hub', 'enroll', '--store', 'Cork', '--terminal', 'till-1', '--json')).out,
    ) as { code: string };
    expect((await cli('sync', 'join', '--hub', hubs[0]!, '--code', code, '--db', store.file)).code).toBe(0);
    const exited = new Promise<number | null>((resolve) => hubProcess.child.on('exit', resolve));
    hubProcess.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const out = hubProcess.out();
    expect(out).toMatch(/Hub stopped\.\n$/);
    // One JSON line per request it answered, between the start lines and the stop line.
    const logged = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { route: string; status: number });
    expect(logged.map((l) => `${l.route} ${l.status}`)).toEqual([
      '/v1/enrol 200',
      '/v1/hello 200',
      '/v1/clerks 200', // this counter's clerk accounts, queued when it joined
      '/v1/bootstrap 200', // customers
      '/v1/bootstrap 200', // facts
      '/v1/clerks 200', // the store's accounts, before the feed
      '/v1/pull 200',
      '/v1/hello 401',
      '/v1/enrol 200',
    ]);
    const unreachable = await cli('sync', 'now', '--db', store.file);
    expect(unreachable).toEqual({
      code: 1,
      out: '',
      err: `The hub at ${hubs[0]} cannot be reached (ECONNREFUSED): check the address and that the hub is running.\n`,
    });
  });
});
