// Joining a chain from the back office (contract chain.join / chain.status), on a real hub on PostgreSQL reached
// over real HTTP, with a real SQLite store opened as the app opens it: an admin joins with a one-time code and the
// background sync starts at once; every way it can fail gives the contract's typed error, leaves the store unjoined
// and its code unspent where the hub never saw it; the credential never crosses the contract.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChainLink, SyncView } from '@common/domain';
import type { Envelope } from '@common/errors';
import { startBackend, type Backend } from '../../../main/backend';
import { ENROLMENT_CODE_TTL_MS, issueEnrolmentCode } from '../../../main/hub/enrolment';
import { newSession, type Session } from '../../../main/ipc/session';
import { hubLinkFile, readHubLink } from '../../../main/sync/hub-link';
import { LOOK_FOR_LINK_MS } from '../../../main/sync/live-sync';
import { startTestHub, type TestHub } from '../../helpers/hub';
import { useTestDatabase } from '../../helpers/pg';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { tempDir } from '../../helpers/temp-store';

const db = useTestDatabase();
let hub: TestHub;
let proxy: TcpProxy;
let tills = 0;

beforeAll(async () => {
  hub = await startTestHub(db);
  proxy = await startTcpProxy(hub.url);
});

interface Store {
  app: Backend;
  dbPath: string;
  admin: Session;
  manager: Session;
}

/** A new store with its first admin and a manager, opened as the app opens it (the background sync on). */
async function newStore(): Promise<Store> {
  const dbPath = path.join(tempDir(), 'store.db');
  const app = startBackend({ dbPath, log: () => undefined });
  const admin = newSession();
  await app.dispatch('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' }, admin);
  const made = (await app.dispatch(
    'clerks.create',
    { displayName: 'Declan Murphy', role: 'manager', pin: '1357' },
    admin,
  )) as Envelope<{ id: number }>;
  if (!made.ok) throw new Error(made.error.message);
  const manager = newSession();
  await app.dispatch('session.signIn', { clerkId: made.value.id, pin: '1357' }, manager);
  return { app, dbPath, admin, manager };
}

const code = async (now = new Date()) =>
  (await issueEnrolmentCode(db.pool, { storeName: 'Galway', terminalName: `till-${++tills}`, now })).code;

const join = async (s: Store, input: { hubUrl: string; code: string }, session = s.admin) =>
  (await s.app.dispatch('chain.join', input, session)) as Envelope<ChainLink>;
const status = async (s: Store) => (await s.app.dispatch('chain.status', {}, s.manager)) as Envelope<ChainLink | null>;
const syncState = async (s: Store) => {
  const answer = (await s.app.dispatch('sync.state', {}, s.admin)) as Envelope<SyncView>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.state;
};

/** Refused, with the store as it was: no link beside it, chain.status null, the header off. */
async function expectUnjoined(s: Store) {
  expect(fs.existsSync(hubLinkFile(s.dbPath))).toBe(false);
  expect(await status(s)).toEqual({ ok: true, value: null });
  expect(await syncState(s)).toBe('off');
}

describe('joining a chain from Settings', () => {
  it('joins with a code, starts the background sync at once, and never hands out the credential', async () => {
    const s = await newStore();
    try {
      await expectUnjoined(s);
      const joined = await join(s, { hubUrl: hub.url, code: (await code()).toLowerCase() });
      expect(joined).toMatchObject({
        ok: true,
        value: { hubUrl: hub.url, store: { name: 'Galway' }, terminal: { name: `till-${tills}` } },
      });
      // Without a restart, and sooner than the app's own look for a link made by `sync join` elsewhere.
      const joinedAt = Date.now();
      expect(await syncState(s)).not.toBe('off');
      expect(Date.now() - joinedAt).toBeLessThan(LOOK_FOR_LINK_MS);
      await vi.waitFor(async () => expect(await syncState(s)).toBe('synced'), { timeout: 15_000, interval: 100 });

      const seen = await status(s);
      expect(seen).toEqual({ ok: true, value: (joined as { value: ChainLink }).value });
      const { credential } = readHubLink(s.dbPath)!;
      expect(JSON.stringify([joined, seen])).not.toContain(credential);
      // The hub knows the till, and the store's audit log says who joined it.
      const { rows } = await db.pool.query('SELECT name FROM terminals WHERE id = $1', [
        (joined as { value: ChainLink }).value.terminal.id,
      ]);
      expect(rows).toEqual([{ name: `till-${tills}` }]);
      const audit = (await s.app.dispatch('audit.list', {}, s.admin)) as Envelope<{ event: string }[]>;
      expect(audit.ok && audit.value.map((a) => a.event)).toContain('chain_join');

      const again = await join(s, { hubUrl: hub.url, code: await code() });
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /already joined the hub/ } });
    } finally {
      s.app.close();
    }
  });

  it('refuses a wrong, used or expired code with FORBIDDEN and leaves the store unjoined', async () => {
    const s = await newStore();
    try {
      const wrong = await join(s, { hubUrl: hub.url, code: 'ABCD-EFGH-JKMN-PQRS' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: /unknown or was used already/ } });
      await expectUnjoined(s);

      const old = await code(new Date(Date.now() - ENROLMENT_CODE_TTL_MS - 60_000));
      expect(await join(s, { hubUrl: hub.url, code: old })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: /expired/ },
      });
      await expectUnjoined(s);
    } finally {
      s.app.close();
    }
  });

  it('says what is wrong with the address, or that the hub is away, before any code is spent', async () => {
    const s = await newStore();
    try {
      const fresh = await code();
      const cases: [string, string, RegExp][] = [
        ['hub.example.com', 'VALIDATION', /is not a hub address/],
        ['ftp://hub.example.com/', 'VALIDATION', /starts with https/],
        ['http://10.1.2.3:8740/', 'VALIDATION', /must be reached over https/],
        ['https://admin:pw@hub.example.com/', 'VALIDATION', /without a user name/],
        ['', 'VALIDATION', /enter the hub address/],
      ];
      for (const [hubUrl, errorCode, message] of cases) {
        expect(await join(s, { hubUrl, code: fresh }), hubUrl).toMatchObject({
          ok: false,
          error: { code: errorCode, message },
        });
      }
      expect(await join(s, { hubUrl: hub.url, code: 'ABC' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: /enrolment code has 16/ },
      });
      proxy.cut();
      const away = await join(s, { hubUrl: proxy.url, code: fresh });
      proxy.restore();
      expect(away).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /cannot be reached/ } });
      await expectUnjoined(s);

      // None of that spent the code: it still joins.
      expect(await join(s, { hubUrl: proxy.url, code: fresh })).toMatchObject({ ok: true });
    } finally {
      s.app.close();
    }
  });

  it('is for an admin only: a manager is refused and the code stays unspent', async () => {
    const s = await newStore();
    try {
      const fresh = await code();
      expect(await join(s, { hubUrl: hub.url, code: fresh }, s.manager)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: /admin/ },
      });
      expect(await join(s, { hubUrl: hub.url, code: fresh }, newSession())).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      await expectUnjoined(s);
      expect(await join(s, { hubUrl: hub.url, code: fresh })).toMatchObject({ ok: true });
    } finally {
      s.app.close();
    }
  });
});
