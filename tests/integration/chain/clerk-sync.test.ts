// Clerk accounts shared by the counters of one store: real SQLite files, real HTTP on 127.0.0.1, a hub on a real
// PostgreSQL. A clerk made at one counter signs in at another counter of the same store with the PIN chosen there,
// and never at another store's; edits, PIN changes and deactivation follow; two counters' first admins stay two
// accounts; PIN hashes travel, PINs never, and neither reaches the hub's log.
import { beforeAll, describe, expect, it } from 'vitest';
import { HUB_API } from '../../../common/sync/api';
import { changeOwnPin, createClerk, resetPin, signIn } from '../../../main/services/accounts';
import { listClerks, requireClerk } from '../../../main/services/clerks';
import { issueEnrolmentCode } from '../../../main/hub/enrolment';
import { clerkOutboxCount, hubStoreOf } from '../../../main/sync/clerks-sync';
import { readHubLink } from '../../../main/sync/hub-link';
import { joinHub } from '../../../main/sync/join';
import { post, startTestHub, type TestHub } from '../../helpers/hub';
import { joinedCounter, syncCounter as sync, type JoinedCounter } from '../../helpers/joined-counter';
import { useTestDatabase } from '../../helpers/pg';
import { tempStore } from '../../helpers/temp-store';

const db = useTestDatabase();
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(db);
});

const counter = (store: string) => joinedCounter(hub, store);
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
    const { code } = await issueEnrolmentCode(hub.pool, {
      storeName: 'Ennis',
      terminalName: 'till-e1',
      now: new Date(),
    });
    // It failed here: the clerks' ids were made once for the whole statement, the same for each.
    await joinHub({ dbFile: s.file, db: s.db, hubUrl: hub.url, code });
    const ids = s.db.prepare<[], { global_id: string }>('SELECT global_id FROM sync_clerks').all();
    expect(new Set(ids.map((r) => r.global_id)).size).toBe(3);
    await sync({ ...s, link: readHubLink(s.file)! });
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
      hub.url,
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
      hub.url,
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
    const logs = JSON.stringify(hub.logs);
    expect(logs).not.toContain('86420');
    expect(logs).not.toContain(hash.split('$').at(-1));
  });
});
