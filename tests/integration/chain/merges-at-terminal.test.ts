// The hub's merges in a store's back office (contract merges.list / merges.undo), on a real PostgreSQL over real
// HTTP: a store's managers see the merges that touch their store and no other store's, undo one in their own name
// (the hub keeps who and where), and get the contract's typed errors when the hub refuses, is away, or there is none.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '@common/errors';
import { HUB_API } from '@common/sync/api';
import { uuidv7 } from '@common/sync/ids';
import type { ConflictView, MergeView } from '@common/sync/merges';
import { startBackend, type Backend } from '../../../main/backend';
import { newSession, type Session } from '../../../main/ipc/session';
import { joinStore, useChain } from '../../helpers/chain-terminal';
import { post, type TestHub } from '../../helpers/hub';
import { push, till, upsert, type Till } from '../../helpers/hub-till';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { tempDir } from '../../helpers/temp-store';

const chain = useChain();
const { db } = chain;
let hub: TestHub;
let proxy: TcpProxy;
let galway: Till;
let cork: Till;
let sligo: Till;
let merge: MergeView;

beforeAll(async () => {
  hub = chain.hub;
  proxy = await startTcpProxy(hub.url);
  [galway, cork, sligo] = [
    await till(hub, 'Galway', 'till-1'),
    await till(hub, 'Cork', 'till-1'),
    await till(hub, 'Sligo', 'till-1'),
  ];
  // The same person, created offline at Galway first and at Cork a minute later.
  const [older, newer] = [uuidv7(Date.now() - 60_000), uuidv7()];
  await push(cork, upsert(newer, { firstName: 'Orla', lastName: 'Brady', phone: '087 222 3333' }));
  await push(galway, upsert(older, { firstName: 'Orla', lastName: 'Brady', phone: '+353 87 222 3333' }));
});

/** A Cork store with its first admin (a manager and more), joined to the hub through the relay. */
async function corkApp(terminal = 'till-2'): Promise<{ app: Backend; manager: Session }> {
  const dbPath = path.join(tempDir(), 'cork.db');
  const app = startBackend({ dbPath, sync: false });
  const manager = newSession();
  await app.dispatch('app.setupEmpty', { clerkName: 'Declan Murphy', pin: '2468' }, manager);
  // Cork's till-1 is the one driven by hand above.
  await joinStore(db, proxy.url, { file: dbPath, db: app.db }, 'Cork', terminal);
  return { app, manager };
}

type Method = 'merges.list' | 'merges.undo' | 'merges.conflicts';
const ask = async <T>(app: Backend, session: Session, method: Method, input: object) =>
  (await app.dispatch(method, input as never, session)) as Envelope<T>;

describe('merges in the back office', () => {
  it("lists the merges touching the store, and undoes one in the manager's name, with the store and till", async () => {
    const { app, manager } = await corkApp();
    try {
      const listed = await ask<MergeView[]>(app, manager, 'merges.list', {});
      expect(listed).toMatchObject({
        ok: true,
        value: [
          {
            survivor: { name: 'Orla Brady', store: 'Galway' },
            alias: { store: 'Cork' },
            matchedOn: 'phone',
            undoneAt: null,
          },
        ],
      });
      merge = (listed as { value: MergeView[] }).value[0]!;

      const undone = await ask<MergeView>(app, manager, 'merges.undo', { mergeId: merge.id });
      expect(undone).toMatchObject({ ok: true, value: { id: merge.id, undoneBy: 'Declan Murphy (Cork, till-2)' } });
      expect(await ask(app, manager, 'merges.undo', { mergeId: merge.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(await ask(app, manager, 'merges.undo', { mergeId: 'not-a-merge' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });

      // The hub away: a sentence saying so, not a stack.
      proxy.cut();
      const away = await ask(app, manager, 'merges.list', {});
      proxy.restore();
      expect(away).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('cannot be reached') },
      });
    } finally {
      app.close();
    }
  });

  it("shows another store's merges to no one there, and refuses their undo", async () => {
    const listed = await post(
      hub.url,
      HUB_API.merges.path,
      { storeId: sligo.store.id },
      { credential: sligo.credential },
    );
    expect(listed).toMatchObject({ status: 200, body: { merges: [] } });
    const refused = await post(
      hub.url,
      HUB_API.unmerge.path,
      { storeId: sligo.store.id, mergeId: merge.id, actor: 'Someone' },
      { credential: sligo.credential },
    );
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('lists the records the hub would not link, the names differing, that touch the store and no other', async () => {
    // Mary O'Brien's card given at Cork to someone called Nuala Quinn; and a phone shared between Galway and Sligo.
    // The older record is listed first: ids made in the same millisecond would order by chance.
    const [mary, nuala, sean, sinead] = [uuidv7(Date.now() - 30_000), uuidv7(), uuidv7(Date.now() - 20_000), uuidv7()];
    await push(galway, upsert(mary, { firstName: 'Mary', lastName: "O'Brien", loyaltyId: 'CARD-777' }));
    await push(cork, upsert(nuala, { firstName: 'Nuala', lastName: 'Quinn', loyaltyId: 'card 777' }));
    await push(galway, upsert(sean, { firstName: 'Seán', lastName: 'Walsh', phone: '086 555 1234' }));
    await push(sligo, upsert(sinead, { firstName: 'Sinéad', lastName: 'Nolan', phone: '+353 86 555 1234' }));

    const { app, manager } = await corkApp('till-3');
    try {
      const listed = await ask<ConflictView[]>(app, manager, 'merges.conflicts', {});
      expect(listed).toEqual({
        ok: true,
        value: [
          {
            a: { id: mary, name: "Mary O'Brien", store: 'Galway' },
            b: { id: nuala, name: 'Nuala Quinn', store: 'Cork' },
            matchedOn: 'loyaltyId',
            foundAt: expect.any(String),
          },
        ],
      });
      const clerk = newSession();
      expect(await ask(app, clerk, 'merges.conflicts', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      app.close();
    }
    const atSligo = await post(
      hub.url,
      HUB_API.conflicts.path,
      { storeId: sligo.store.id },
      { credential: sligo.credential },
    );
    expect(atSligo).toMatchObject({ status: 200, body: { conflicts: [{ a: { id: sean }, b: { id: sinead } }] } });
    expect(atSligo.body.conflicts).toHaveLength(1);
    // A credential speaks for its own store only.
    const asAnother = await post(
      hub.url,
      HUB_API.conflicts.path,
      { storeId: galway.store.id },
      { credential: sligo.credential },
    );
    expect(asAnother).toMatchObject({ status: 403 });
  });

  it('says a store outside a chain has no merges, and asks a manager', async () => {
    const app = startBackend({ dbPath: path.join(tempDir(), 'alone.db'), sync: false });
    try {
      const admin = newSession();
      await app.dispatch('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' }, admin);
      expect(await ask(app, admin, 'merges.list', {})).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining('not joined a chain') },
      });
      expect(await ask(app, admin, 'merges.conflicts', {})).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await ask(app, newSession(), 'merges.list', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    } finally {
      app.close();
    }
  });
});
