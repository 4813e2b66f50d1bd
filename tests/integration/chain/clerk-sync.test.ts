// Clerk accounts shared by the counters of one store: real SQLite files, real HTTP on 127.0.0.1, a hub on a real
// PostgreSQL. A clerk made at one counter signs in at another counter of the same store with the PIN chosen there,
// and never at another store's; edits, PIN changes and deactivation follow; two counters' first admins stay two
// accounts; PIN hashes travel, PINs never, and neither reaches the hub's log. A running counter asks the hub for the
// store's accounts when they moved on (and at start, and after a reconnect), not on every round of its long poll.
import { describe, expect, it, vi } from 'vitest';
import { HUB_API } from '@common/sync/api';
import { uuidv7 } from '@common/sync/ids';
import { changeOwnPin, createClerk, resetPin, signIn } from '../../../main/services/accounts';
import { listClerks, requireClerk } from '../../../main/services/clerks';
import { searchCustomers } from '../../../main/services/customer-search';
import { clerkOutboxCount, hubStoreOf } from '../../../main/sync/clerks-sync';
import { startBackgroundSync } from '../../../main/sync/session';
import { sync, useChain, type JoinedTerminal as JoinedCounter } from '../../helpers/chain-terminal';
import { post } from '../../helpers/hub';
import { push, till, upsert } from '../../helpers/hub-till';
import { startTcpProxy } from '../../helpers/tcp-proxy';
import { tempStore } from '../../helpers/temp-store';

const chain = useChain();
const { db } = chain;
const counter = (store: string) => chain.terminal(store);
const actor = (c: JoinedCounter) => requireClerk(c.ctx, c.clerkId);
const named = (c: JoinedCounter, name: string) => listClerks(c.ctx).filter((k) => k.displayName === name);

describe('clerk accounts within a store', () => {
  it('a clerk created at counter A signs in at counter B of the same store, not at another store', async () => {
    const a = await counter('Galway');
    const b = await counter('Galway');
    const cork = await counter('Cork');
    await createClerk(a.ctx, actor(a), 'Nuala Keane', 'clerk', '4821');
    await sync(a);
    await sync(b);
    await sync(cork);

    const [there] = named(b, 'Nuala Keane');
    expect(there).toBeDefined();
    await expect(signIn(b.ctx, there!.id, '4821')).resolves.toMatchObject({
      displayName: 'Nuala Keane',
      role: 'clerk',
    });
    await expect(signIn(b.ctx, there!.id, '0000')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(named(cork, 'Nuala Keane')).toEqual([]);
    expect(clerkOutboxCount(a.db) + clerkOutboxCount(b.db)).toBe(0);
    // The store's hub id is kept at join: how the review tells this store's entries apart.
    expect(hubStoreOf(b.db)).toEqual(b.link.store);
  });

  it('a store that had several clerks before it joined gives each its own id, and all reach the other counter', async () => {
    const s = tempStore(new Date().toISOString());
    for (const name of ['Aine Ruane', 'Brid Tully'])
      await createClerk(s.ctx, requireClerk(s.ctx, s.clerkId), name, 'clerk', '4821');
    // It failed here: the clerks' ids were made once for the whole statement, the same for each.
    const joined = await chain.terminal('Ennis', { from: s });
    const ids = s.db.prepare<[], { global_id: string }>('SELECT global_id FROM sync_clerks').all();
    expect(new Set(ids.map((r) => r.global_id)).size).toBe(3);
    await sync(joined);
    const other = await counter('Ennis');
    await sync(other);
    expect(named(other, 'Aine Ruane')).toHaveLength(1);
    expect(named(other, 'Brid Tully')).toHaveLength(1);
  });

  it("refuses a terminal that asks for another store's accounts or pushes to one", async () => {
    const a = await counter('Galway');
    const cork = await counter('Cork');
    await createClerk(a.ctx, actor(a), 'Ciara Walsh', 'clerk', '1357');
    await sync(a);
    const asked = await post(
      chain.hub.url,
      HUB_API.clerks.path,
      { storeId: a.link.store.id, changes: [] },
      { credential: cork.link.credential },
    );
    expect(asked.status).toBe(403);
    const gid = a.db
      .prepare<[], { global_id: string }>(
        "SELECT s.global_id FROM sync_clerks s JOIN clerks c ON c.id = s.clerk_id WHERE c.display_name = 'Ciara Walsh'",
      )
      .get()!.global_id;
    const pushed = await post(
      chain.hub.url,
      HUB_API.clerks.path,
      {
        storeId: cork.link.store.id,
        changes: [
          {
            id: gid,
            hlc: `${String(Date.now() + 1000).padStart(15, '0')}:00000:${cork.link.terminal.id}`,
            fields: { role: 'admin' },
          },
        ],
      },
      { credential: cork.link.credential },
    );
    expect(pushed.status).toBe(403);
    await sync(a);
    expect(named(a, 'Ciara Walsh')[0]!.role).toBe('clerk');
  });

  it('follows a rename, a PIN change, a reset and a deactivation made at other counters', async () => {
    const a = await counter('Ennis');
    const b = await counter('Ennis');
    const made = await createClerk(a.ctx, actor(a), 'Sean Power', 'clerk', '2468');
    await sync(a);
    await sync(b);
    const atB = named(b, 'Sean Power')[0]!.id;
    // Concurrent edits of different fields at the two counters both stand (per-field last writer wins).
    await changeOwnPin(b.ctx, atB, '2468', '9753');
    a.db.prepare("UPDATE clerks SET display_name = 'Seán Power' WHERE id = ?").run(made.id);
    await sync(b);
    await sync(a);
    await sync(b);
    for (const c of [a, b]) {
      const [k] = named(c, 'Seán Power');
      await expect(signIn(c.ctx, k!.id, '9753')).resolves.toMatchObject({ displayName: 'Seán Power' });
    }
    await expect(signIn(a.ctx, made.id, '2468')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A reset at B, then the clerk deactivated at A: gone from both sign-in lists.
    await resetPin(b.ctx, actor(b), atB, '1111');
    await sync(b);
    await sync(a);
    await expect(signIn(a.ctx, made.id, '1111')).resolves.toBeDefined();
    a.db.prepare('UPDATE clerks SET active = 0 WHERE id = ?').run(made.id);
    await sync(a);
    await sync(b);
    expect(named(b, 'Seán Power')).toEqual([]);
    await expect(signIn(b.ctx, atB, '1111')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("keeps two counters' first admins as two accounts, whatever their names", async () => {
    const a = await counter('Sligo');
    const b = await counter('Sligo');
    // Both counters were set up with a first manager called Aoife Byrne (temp-store), each with their own PIN.
    await resetPin(a.ctx, actor(a), a.clerkId, '1010');
    await resetPin(b.ctx, actor(b), b.clerkId, '2020');
    await sync(a);
    await sync(b);
    await sync(a);
    for (const c of [a, b]) {
      const both = named(c, 'Aoife Byrne');
      expect(both).toHaveLength(2);
      const pins = await Promise.all(
        both.map((k) =>
          signIn(c.ctx, k.id, '1010').then(
            () => '1010',
            () => signIn(c.ctx, k.id, '2020').then(() => '2020'),
          ),
        ),
      );
      expect(pins.sort()).toEqual(['1010', '2020']);
    }
  });

  it('sends PIN hashes, never PINs, and neither reaches the hub log', async () => {
    const a = await counter('Tralee');
    await createClerk(a.ctx, actor(a), 'Pól Ó Sé', 'clerk', '86420');
    await sync(a);
    const { rows } = await db.pool.query<{ value: unknown }>("SELECT value FROM clerk_fields WHERE field = 'pinHash'");
    const hash = a.db
      .prepare<[], { pin_hash: string }>("SELECT pin_hash FROM clerks WHERE display_name = 'Pól Ó Sé'")
      .get()!.pin_hash;
    expect(rows.map((r) => r.value)).toContain(hash);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain('86420');
    const logs = JSON.stringify(chain.hub.logs);
    expect(logs).not.toContain('86420');
    expect(logs).not.toContain(hash.split('$').at(-1));
  });
});

describe("the store's accounts in a running counter's sync", () => {
  it('are asked for at start, when a pull says they moved on and after a reconnect; an idle round does not ask', async () => {
    const a = await counter('Carlow');
    const b = await counter('Carlow');
    await sync(a);
    await sync(b);
    // Another store's till ends a's long polls with a customer each time: rounds in which the accounts stay put.
    const other = await till(chain.hub, 'Wexford', 'by-hand');
    const relay = await startTcpProxy(chain.hub.url);
    const asked = () =>
      chain.hub.logs.filter((l) => l.route === HUB_API.clerks.path && l.terminal === a.link.terminal.id).length;
    const before = asked();
    let rounds = 0;
    const failures: Error[] = [];
    const bg = startBackgroundSync(
      a.ctx,
      { ...a.link, hubUrl: relay.url },
      (err) => failures.push(err),
      (loop) => void (loop === 'pull' && rounds++),
    );
    const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 20 });
    /** One more round, ended by a customer pushed elsewhere, which a then holds. */
    const round = async (name: string) => {
      const done = rounds;
      await push(other, upsert(uuidv7(), { firstName: name, lastName: 'Round' }));
      await until(() => {
        expect(searchCustomers(a.ctx, name)).toHaveLength(1);
        expect(rounds).toBeGreaterThan(done);
      });
    };
    try {
      await until(() => expect(rounds).toBeGreaterThan(0));
      expect(asked() - before).toBe(1); // at start
      for (const name of ['Idle-one', 'Idle-two', 'Idle-three']) await round(name);
      expect(asked() - before).toBe(1);

      // A clerk made at b moves the store's accounts on: the answer that ends a's waiting pull says so.
      await createClerk(b.ctx, actor(b), 'Nóra Walsh', 'clerk', '5150');
      await sync(b);
      await round('Moved');
      expect(named(a, 'Nóra Walsh')).toHaveLength(1);
      await until(() => expect(asked() - before).toBe(2));

      // The line to the hub drops under the waiting pull; the first round after it asks again, whatever the tag.
      relay.cut();
      await until(() => expect(failures.length).toBeGreaterThan(0));
      relay.restore();
      await round('Back');
      await until(() => expect(asked() - before).toBe(3));
      await round('Idle-four');
      expect(asked() - before).toBe(3);
    } finally {
      await bg.stop();
    }
  });
});
