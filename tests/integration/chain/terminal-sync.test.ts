// Terminals in step through a hub: real SQLite files, real HTTP on 127.0.0.1, two hub processes on one PostgreSQL.
// A customer made at one terminal is found at another; edits of different fields both stay; of one field the later
// wins everywhere; an erasure reaches every terminal and an offline edit cannot bring the data back; a push whose
// answer was lost changes nothing when sent again; the background sync brings a change over by itself.
import { describe, expect, it, vi } from 'vitest';
import { customersRepo } from '../../../main/db/customers.repo';
import { createCustomer, getProfile } from '../../../main/services/customers';
import { updateCustomer } from '../../../main/services/customer-edits';
import { searchCustomers } from '../../../main/services/customer-search';
import { eraseCustomer } from '../../../main/services/privacy';
import { callHub } from '../../../main/sync/hub-client';
import { nextMutations, unsyncedCount } from '../../../main/sync/replica';
import { exchange, pullAll, pushAll, startBackgroundSync } from '../../../main/sync/session';
import type { HubLink } from '../../../main/sync/hub-link';
import { syncStatus } from '../../../main/sync/status';
import { sync, useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';
import { tempStore } from '../../helpers/temp-store';

// Two hub processes on one database, as a chain may run them; a terminal talks to the one it is given.
const chain = useChain({ hubs: 2 });
const { db } = chain;
const terminal = (store = 'Galway', via = 0) => chain.terminal(store, { via });
const tick = () => new Promise((r) => setTimeout(r, 3));
const find = (t: Terminal, q: string) => searchCustomers(t.ctx, q).map((h) => h.displayName);
/** The local row of a customer known by its name at another terminal. */
const idAt = (t: Terminal, q: string) => searchCustomers(t.ctx, q)[0]!.id;
const feedCount = async () =>
  Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM changes')).rows[0]!.n);

describe('two terminals and a hub', () => {
  it('find at one terminal a customer created at another, with every field', async () => {
    const a = await terminal('Galway', 0);
    const b = await terminal('Cork', 1);
    createCustomer(
      a.ctx,
      {
        firstName: 'Saoirse',
        lastName: 'Ní Bhriain',
        phone: '087 765 4321',
        email: 'saoirse@example.ie',
        tags: ['boots'],
      },
      a.clerkId,
    );
    expect(syncStatus(a.file, a.db)).toMatchObject({ joined: true, unsynced: 1 });
    expect(await sync(a)).toMatchObject({ pushed: 1, restamped: 0 });
    expect(syncStatus(a.file, a.db)).toMatchObject({ joined: true, unsynced: 0 });
    await sync(b);
    expect(find(b, 'saoirse')).toEqual(['Saoirse Ní Bhriain']);
    expect(find(b, '4321')).toEqual(['Saoirse Ní Bhriain']);
    const there = getProfile(b.ctx, idAt(b, 'saoirse')).customer;
    expect(there).toMatchObject({ phone: '087 765 4321', email: 'saoirse@example.ie', tags: ['boots'] });
    // Nothing echoes back: b applied it without queueing it again.
    expect(unsyncedCount(b.db)).toBe(0);
  });

  it('share what a store held before it joined', async () => {
    const s = tempStore(new Date().toISOString());
    createCustomer(s.ctx, { firstName: 'Declan', lastName: 'Early' }, s.clerkId);
    const a = await chain.terminal('Galway', { from: s });
    expect((await sync(a)).pushed).toBe(1);
    const b = await terminal('Cork');
    await sync(b);
    expect(find(b, 'declan early')).toEqual(['Declan Early']);
  });

  it('keep both edits when two terminals change different fields offline, and the later one of the same field everywhere', async () => {
    const a = await terminal();
    const b = await terminal('Cork', 1);
    createCustomer(a.ctx, { firstName: 'Tadhg', lastName: 'Keane', phone: '01 555 1000' }, a.clerkId);
    await sync(a);
    await sync(b);
    const atA = idAt(a, 'tadhg');
    const atB = idAt(b, 'tadhg');
    updateCustomer(a.ctx, a.clerkId, atA, { email: 'tadhg@example.ie', notes: 'from a' });
    await tick();
    updateCustomer(b.ctx, b.clerkId, atB, { language: 'ga', notes: 'from b, later' });
    await sync(b); // the later edit reaches the hub first
    await sync(a); // the earlier one arrives after it and loses its notes, keeps its email
    await sync(b);
    for (const [t, id] of [
      [a, atA],
      [b, atB],
    ] as const) {
      expect(getProfile(t.ctx, id).customer).toMatchObject({
        email: 'tadhg@example.ie',
        language: 'ga',
        notes: 'from b, later',
        phone: '01 555 1000',
      });
    }
  });

  it('keep an edit not yet sent when a pull brings another value of that field, until the hub has ruled on it', async () => {
    const a = await terminal();
    const b = await terminal('Cork', 1);
    createCustomer(a.ctx, { firstName: 'Pending', lastName: 'Field' }, a.clerkId);
    await sync(a);
    await sync(b);
    const atA = idAt(a, 'pending field');
    updateCustomer(a.ctx, a.clerkId, atA, { notes: 'a, unsent' });
    await tick();
    updateCustomer(b.ctx, b.clerkId, idAt(b, 'pending field'), { notes: 'b, later', language: 'ga' });
    await sync(b);
    await pullAll(a.ctx, a.link); // pulled before a pushed: the other field comes, a's own edit stays
    expect(getProfile(a.ctx, atA).customer).toMatchObject({ notes: 'a, unsent', language: 'ga' });
    await sync(a); // the hub keeps b's later note, and a gets that verdict back
    expect(getProfile(a.ctx, atA).customer).toMatchObject({ notes: 'b, later', language: 'ga' });
  });

  it('erase everywhere, and an offline edit at another terminal does not bring the data back', async () => {
    const a = await terminal();
    const b = await terminal('Cork', 1);
    createCustomer(a.ctx, { firstName: 'Gráinne', lastName: 'Mhaol', phone: '01 999 8888' }, a.clerkId);
    await sync(a);
    await sync(b);
    const atB = idAt(b, 'grainne');
    eraseCustomer(a.ctx, a.clerkId, idAt(a, 'grainne'), 'customer request');
    await tick();
    updateCustomer(b.ctx, b.clerkId, atB, { notes: 'still here?' }); // b has not heard of the erasure yet
    await sync(a);
    await sync(b);
    await sync(a);
    for (const t of [a, b]) {
      expect(find(t, 'grainne')).toEqual([]);
      expect(find(t, '8888')).toEqual([]);
    }
    expect(getProfile(b.ctx, atB)).toMatchObject({ erased: true, customer: { notes: '', phone: null } });
    expect(unsyncedCount(b.db)).toBe(0);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM customer_fields f JOIN customers c ON c.id = f.customer_id WHERE c.erased_at IS NOT NULL',
    );
    expect(rows[0].n).toBe(0);
  });

  it('change nothing when a push whose answer was lost is sent again', async () => {
    const a = await terminal();
    createCustomer(a.ctx, { firstName: 'Lost', lastName: 'Answer' }, a.clerkId);
    updateCustomer(a.ctx, a.clerkId, idAt(a, 'lost answer'), { notes: 'second change' });
    const mutations = nextMutations(a.db, 100);
    expect(mutations).toHaveLength(2);
    await callHub(a.link.hubUrl, 'push', { storeId: a.link.store.id, mutations }, { credential: a.link.credential }); // answer "lost": not acknowledged
    const before = await feedCount();
    expect(nextMutations(a.db, 100)).toEqual(mutations); // the same ids and stamps go again
    expect(await pushAll(a.ctx, a.link)).toMatchObject({ pushed: 2 });
    expect(await feedCount()).toBe(before);
    expect(unsyncedCount(a.db)).toBe(0);
  });

  it('bring a change over in the background, without anyone asking', async () => {
    const a = await terminal();
    const b = await terminal('Cork', 1);
    const bgA = startBackgroundSync(a.ctx, a.link);
    const bgB = startBackgroundSync(b.ctx, b.link);
    try {
      createCustomer(a.ctx, { firstName: 'Éamon', lastName: 'Background' }, a.clerkId);
      bgA.poke();
      await vi.waitFor(() => expect(find(b, 'eamon background')).toEqual(['Éamon Background']), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await Promise.all([bgA.stop(), bgB.stop()]);
    }
  });

  it('keep the store untouched when the hub cannot be reached, and send it all later', async () => {
    const a = await terminal();
    const away: HubLink = { ...a.link, hubUrl: 'http://127.0.0.1:9/' };
    createCustomer(a.ctx, { firstName: 'Offline', lastName: 'Till' }, a.clerkId);
    await expect(exchange(a.ctx, away)).rejects.toThrow(/cannot be reached/);
    expect(unsyncedCount(a.db)).toBe(1);
    expect(customersRepo(a.db).byId.get(idAt(a, 'offline till'))).toBeDefined();
    expect((await sync(a)).pushed).toBe(1);
  });
});
