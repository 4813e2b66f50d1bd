// A terminal IT set up with hub.url and hub.enrolmentCode in the managed config joins the chain by itself when the
// app starts: a real SQLite store opened through startBackend, a real hub on PostgreSQL over real HTTP. It joins once
// and syncs; a refused code leaves the store unjoined and working, with a sentence an admin can act on, and is not
// tried again; an unreachable hub is asked again later; a store that joined already ignores the keys.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncView } from '@common/domain';
import { wordError, type Envelope, type ErrorWords } from '@common/errors';
import { startBackend, type Backend, type BackendOptions } from '../../../main/backend';
import type { ManagedConfig } from '../../../main/config/managed-config';
import { issueEnrolmentCode } from '../../../main/hub/enrolment';
import { newSession, type Session } from '../../../main/ipc/session';
import { hubLinkFile, readHubLink } from '../../../main/sync/hub-link';
import { startTestHub, type TestHub } from '../../helpers/hub';
import { useTestDatabase } from '../../helpers/pg';
import { startTcpProxy } from '../../helpers/tcp-proxy';
import { tempDir } from '../../helpers/temp-store';

const db = useTestDatabase();
let hub: TestHub;
let tills = 0;

beforeAll(async () => {
  hub = await startTestHub(db);
});

const code = async () =>
  (await issueEnrolmentCode(db.pool, { storeName: 'Sligo', terminalName: `till-${++tills}`, now: new Date() })).code;

/** What the app logged while it ran: failures and notes alike, each as the line it would write. */
function lines() {
  const logged: string[] = [];
  return {
    logged,
    log: (message: string, err?: unknown) => logged.push(err ? `${message}: ${(err as Error).message}` : message),
    note: (message: string) => logged.push(message),
  };
}

/** A store already in use (its admin and one customer), not in any chain: the app is then started with `managed`. */
async function existingStore(): Promise<{ dbPath: string; admin: Session; customerName: string }> {
  const dbPath = path.join(tempDir(), 'store.db');
  const app = startBackend({ dbPath, log: () => undefined });
  const admin = newSession();
  await app.dispatch('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' }, admin);
  await app.dispatch('customers.create', { firstName: 'Nuala', lastName: 'Gallagher' }, admin);
  app.close();
  return { dbPath, admin, customerName: 'Nuala Gallagher' };
}

function start(
  dbPath: string,
  managed: ManagedConfig,
  out: ReturnType<typeof lines>,
  extra: Partial<BackendOptions> = {},
) {
  return startBackend({ dbPath, create: false, managed, log: out.log, note: out.note, ...extra });
}

async function signIn(app: Backend): Promise<Session> {
  const s = newSession();
  const answer = (await app.dispatch('session.signIn', { clerkId: 1, pin: '2468' }, s)) as Envelope<unknown>;
  if (!answer.ok) throw new Error(answer.error.message);
  return s;
}

async function syncView(app: Backend, s: Session): Promise<SyncView> {
  const answer = (await app.dispatch('sync.state', {}, s)) as Envelope<SyncView>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** Until the header shows `state`: the join and the first sync run beside the counter, over real HTTP. */
const until = (app: Backend, s: Session, state: SyncView['state']) =>
  vi.waitFor(async () => expect((await syncView(app, s)).state).toBe(state), { timeout: 20_000, interval: 100 });

describe('joining the chain from the managed config at start', () => {
  it('joins once through the hub, logs one line without the code, and syncs what the store holds', async () => {
    const { dbPath } = await existingStore();
    const enrolmentCode = await code();
    const out = lines();
    const app = start(dbPath, { hub: { url: hub.url, enrolmentCode } }, out);
    try {
      const s = await signIn(app);
      await until(app, s, 'synced');
      const link = readHubLink(dbPath)!;
      expect(link.hubUrl).toBe(hub.url);
      expect(link.terminal.name).toBe(`till-${tills}`);
      // The customer the store held before it joined reached the hub, from this till.
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM customers WHERE origin_terminal_id = $1', [
        link.terminal.id,
      ]);
      expect(rows).toEqual([{ n: 1 }]);

      const joins = out.logged.filter((l) => l.includes('chain_join'));
      expect(joins).toHaveLength(1);
      expect(JSON.parse(joins[0]!)).toMatchObject({
        event: 'chain_join',
        from: 'managed config',
        hub: hub.url,
        store: 'Sligo',
        terminal: `till-${tills}`,
        terminalId: link.terminal.id,
      });
      expect(out.logged.join('\n')).not.toContain(enrolmentCode);
      expect(out.logged.join('\n')).not.toContain(link.credential);
      const audit = (await app.dispatch('audit.list', {}, s)) as Envelope<{ event: string }[]>;
      expect(audit.ok && audit.value.map((a) => a.event)).toContain('chain_join');
    } finally {
      app.close();
    }

    // Started again with the same (now spent) code: the joined store ignores the keys and asks the hub nothing.
    const again = lines();
    const reopened = start(dbPath, { hub: { url: hub.url, enrolmentCode } }, again);
    try {
      const s = await signIn(reopened);
      await until(reopened, s, 'synced');
      expect(again.logged.filter((l) => /refused|chain_join/.test(l))).toEqual([]);
    } finally {
      reopened.close();
    }
  });

  it('with a refused code, stays unjoined and working, says what to do, and does not try the code again', async () => {
    const { dbPath } = await existingStore();
    const spent = await code();
    // Spend it the way any terminal would: another store joins with it first.
    const other = lines();
    const first = start((await existingStore()).dbPath, { hub: { url: hub.url, enrolmentCode: spent } }, other);
    const firstSession = await signIn(first);
    await until(first, firstSession, 'synced');
    first.close();

    const out = lines();
    const app = start(dbPath, { hub: { url: hub.url, enrolmentCode: spent } }, out, { joinRetryMs: 20 });
    try {
      const s = await signIn(app);
      await until(app, s, 'error');
      const view = await syncView(app, s);
      expect(view).toMatchObject({ state: 'error', problem: { key: 'sync.managed.codeRefused' } });
      const problem = (view as { problem: ErrorWords }).problem;
      expect(wordError(problem, 'en')).toMatch(
        /^The managed config’s enrolment code was refused by the hub at .*: ask for a new one .* Put the new code in hub\.enrolmentCode\.$/,
      );
      // The counter works: a new customer is saved, and the store is not in a chain.
      const made = (await app.dispatch('customers.create', { firstName: 'Ciarán', lastName: 'Walsh' }, s)) as Envelope<{
        id: number;
      }>;
      expect(made.ok).toBe(true);
      expect(fs.existsSync(hubLinkFile(dbPath))).toBe(false);
      expect(await app.dispatch('chain.status', {}, s)).toEqual({ ok: true, value: null });

      // Not asked again, though an unreachable hub would have been within a few retry delays by now.
      await new Promise((r) => setTimeout(r, 500));
      const refusals = out.logged.filter((l) => l.includes('refused'));
      expect(refusals).toEqual([`sync: ${wordError(problem, 'en')}`]);
      expect(out.logged.join('\n')).not.toContain(spent);
    } finally {
      app.close();
    }
  });

  it('keeps working offline while the hub is away, and joins once it answers', async () => {
    const { dbPath } = await existingStore();
    const proxy = await startTcpProxy(hub.url);
    proxy.cut();
    const out = lines();
    const app = start(dbPath, { hub: { url: proxy.url, enrolmentCode: await code() } }, out, { joinRetryMs: 200 });
    try {
      const s = await signIn(app);
      await until(app, s, 'offline');
      const made = (await app.dispatch('customers.create', { firstName: 'Róisín', lastName: 'Doyle' }, s)) as Envelope<{
        id: number;
      }>;
      expect(made.ok).toBe(true);
      expect(fs.existsSync(hubLinkFile(dbPath))).toBe(false);

      proxy.restore();
      await until(app, s, 'synced');
      expect(readHubLink(dbPath)?.hubUrl).toBe(proxy.url.endsWith('/') ? proxy.url : `${proxy.url}/`);
      expect(out.logged.some((l) => /cannot be reached/.test(l))).toBe(true);
      expect(out.logged.filter((l) => l.includes('chain_join'))).toHaveLength(1);
    } finally {
      app.close();
    }
  });
});
