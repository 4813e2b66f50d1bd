// The background sync as the app runs it (backend.ts): started with a store that joined a hub, and what the header
// is told through the contract's sync.state. A real hub on PostgreSQL, reached over a TCP relay that can be cut.
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Customer, SyncState, SyncView } from '@common/domain';
import type { Envelope } from '@common/errors';
import { startBackend, type Backend } from '../../../main/backend';
import { revokeTerminal } from '../../../main/hub/terminals';
import { newSession, type Session } from '../../../main/ipc/session';
import { readHubLink } from '../../../main/sync/hub-link';
import { pushAll } from '../../../main/sync/session';
import { joinStore, useChain } from '../../helpers/chain-terminal';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { tempDir } from '../../helpers/temp-store';

const chain = useChain();
const { db } = chain;
let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await startTcpProxy(chain.hub.url);
});

/** A store set up with its first admin and joined to the hub through the relay, then opened as the app opens it. */
async function joinedApp(): Promise<{ app: Backend; clerk: Session; name: string; dbPath: string }> {
  const dbPath = path.join(tempDir(), 'store.db');
  const setup = startBackend({ dbPath, sync: false });
  const clerk = newSession();
  await setup.dispatch('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' }, clerk);
  const { name } = await joinStore(db, proxy.url, { file: dbPath, db: setup.db }, 'Galway');
  setup.close();
  const app = startBackend({ dbPath });
  return { app, clerk, name, dbPath };
}

async function state(app: Backend, session: Session, openCustomerId?: number): Promise<SyncView> {
  const answer = (await app.dispatch(
    'sync.state',
    openCustomerId === undefined ? {} : { openCustomerId },
    session,
  )) as Envelope<SyncState>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}
const until = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 15_000, interval: 100 });
const walkIn = { customerId: null, kind: 'inquiry', outcome: 'resolved' };

describe('the background sync in the app', () => {
  it('says Synced, then how many changes wait while the hub is out of reach, and sends them when it is back', async () => {
    const { app, clerk } = await joinedApp();
    try {
      await app.dispatch('session.signIn', { clerkId: 1, pin: '2468' }, clerk);
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'synced', waiting: 0 }));
      await app.dispatch('interactions.log', walkIn, clerk);
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'synced', waiting: 0 }));
      const facts = async () =>
        Number((await db.pool.query("SELECT count(*) AS n FROM facts WHERE entity = 'interaction'")).rows[0].n);
      expect(await facts()).toBe(1);

      proxy.cut();
      await app.dispatch('interactions.log', walkIn, clerk);
      await app.dispatch('interactions.log', walkIn, clerk);
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'offline', waiting: 2 }));
      proxy.restore();
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'synced', waiting: 0 }));
      expect(await facts()).toBe(3);
    } finally {
      proxy.restore();
      app.close();
    }
  });

  it('leaves Offline once the hub is back even when what failed to go out was sent by other means meanwhile', async () => {
    const { app, clerk, dbPath } = await joinedApp();
    try {
      await app.dispatch('session.signIn', { clerkId: 1, pin: '2468' }, clerk);
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'synced', waiting: 0 }));
      proxy.cut();
      await app.dispatch('interactions.log', walkIn, clerk);
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'offline', waiting: 1 }));
      // The push failed; the outbox now empties past the relay, as the clerk accounts a pull sends empty theirs.
      await pushAll(app.ctx, { ...readHubLink(dbPath)!, hubUrl: chain.hub.url });
      expect(await state(app, clerk)).toMatchObject({ state: 'offline', waiting: 0 });
      proxy.restore();
      await until(async () => expect(await state(app, clerk)).toMatchObject({ state: 'synced', waiting: 0 }));
    } finally {
      proxy.restore();
      app.close();
    }
  });

  it('names what to do when the hub refuses this terminal, and answers only a signed-in clerk', async () => {
    const { app, clerk, name } = await joinedApp();
    try {
      const stranger = newSession();
      expect(await app.dispatch('sync.state', {}, stranger)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await app.dispatch('session.signIn', { clerkId: 1, pin: '2468' }, clerk);
      await until(async () => expect((await state(app, clerk)).state).toBe('synced'));
      await revokeTerminal(db.pool, { terminal: name, store: 'Galway' }, new Date());
      await app.dispatch('interactions.log', walkIn, clerk);
      await until(async () =>
        expect(await state(app, clerk)).toMatchObject({
          state: 'error',
          waiting: 1,
          problem: {
            key: 'sync.refused.unauthenticated',
            values: { detail: expect.stringMatching(/revoked.*enrol it again/) },
          },
        }),
      );
    } finally {
      app.close();
    }
  });

  it('tells the customer open at the counter when a pulled change touched them, and only then', async () => {
    const here = await joinedApp();
    const there = await joinedApp();
    const call = async <T>(app: Backend, session: Session, method: string, input: unknown): Promise<T> => {
      const answer = (await app.dispatch(method as never, input as never, session)) as Envelope<T>;
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    };
    try {
      for (const { app, clerk } of [here, there])
        await app.dispatch('session.signIn', { clerkId: 1, pin: '2468' }, clerk);
      const [open, other] = [
        await call<Customer>(there.app, there.clerk, 'customers.create', { firstName: 'Open', lastName: 'Atcounter' }),
        await call<Customer>(there.app, there.clerk, 'customers.create', { firstName: 'Someone', lastName: 'Else' }),
      ];
      const idHere = async (q: string) =>
        (await call<{ id: number }[]>(here.app, here.clerk, 'customers.search', { query: q }))[0]?.id;
      await until(async () => expect(await idHere('someone else')).toBeDefined());
      const [openHere, otherHere] = [(await idHere('open atcounter'))!, (await idHere('someone else'))!];
      const revision = async () => (await state(here.app, here.clerk, openHere)).openCustomerRevision!;
      const before = await revision();
      expect(before).toEqual(expect.any(Number));
      expect((await state(here.app, here.clerk)).openCustomerRevision).toBeUndefined(); // the header asks without one

      // Another customer's entry and edit arrive: the one on screen has nothing to refresh.
      await call(there.app, there.clerk, 'interactions.log', { ...walkIn, customerId: other.id, notes: 'not yours' });
      await call(there.app, there.clerk, 'customers.update', { id: other.id, changes: { lastName: 'Elsewhere' } });
      await until(async () => expect(await idHere('someone elsewhere')).toBe(otherHere));
      expect(await revision()).toBe(before);

      // An entry for the customer on screen moves the revision once it is here.
      await call(there.app, there.clerk, 'interactions.log', {
        ...walkIn,
        customerId: open.id,
        notes: 'for the open one',
      });
      await until(async () => expect(await revision()).toBeGreaterThan(before));
      const timeline = await call<{ entries: unknown[] }>(here.app, here.clerk, 'customers.timeline', { id: openHere });
      expect(JSON.stringify(timeline.entries)).toContain('for the open one');
    } finally {
      here.app.close();
      there.app.close();
    }
  });

  it('stays off, and in the way of nothing, for a store that has not joined', async () => {
    const app = startBackend({ dbPath: path.join(tempDir(), 'alone.db') });
    const clerk = newSession();
    await app.dispatch('app.setupEmpty', { clerkName: 'Solo', pin: '1357' }, clerk);
    expect(await state(app, clerk)).toEqual({ state: 'off' });
    app.close();
  });
});
