// A hub whose PostgreSQL goes back to an earlier copy, as a restore from last night's backup does: the database is
// copied (CREATE DATABASE … TEMPLATE, with no connection open, as pg_dump would see it), two terminals go on changing
// the chain, and the copy is put back in the database's place. The feed's numbers after the copy are handed out
// again, and the hub has lost what the terminals sent meanwhile. The terminals notice (hub-restore.ts), send again
// what they sent, read the chain anew, and the hub and both terminals end up holding the same, nothing lost.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CUSTOMER_FIELDS } from '@common/sync/changes';
import { issueEnrolmentCode } from '../../../main/hub/enrolment';
import { createPool, withDatabase, type Pool } from '../../../main/hub/pg';
import { startHub, type Hub } from '../../../main/hub/server';
import { createCustomer, toCustomer } from '../../../main/services/customers';
import { updateCustomer } from '../../../main/services/customer-edits';
import { searchCustomers } from '../../../main/services/customer-search';
import { logInteraction } from '../../../main/services/interactions';
import { callHub } from '../../../main/sync/hub-client';
import { readHubLink, type HubLink } from '../../../main/sync/hub-link';
import { hubRestoreView } from '../../../main/sync/hub-restore';
import { joinHub } from '../../../main/sync/join';
import { pullCursor, unsyncedCount } from '../../../main/sync/replica';
import { exchange } from '../../../main/sync/session';
import { syncStatus } from '../../../main/sync/status';
import { onServer } from '../../helpers/pg';
import { tempStore, type TempStore } from '../../helpers/temp-store';

const name = `counterpart_restore_${crypto.randomBytes(6).toString('hex')}`;
const snapshot = `${name}_backup`;
let url: string;

/** The hub process, on a port that stays the same across its restarts (the terminals' links name it). */
let hub: Hub | null = null;
let pool: Pool | null = null;
let port = 0;
async function startTheHub(): Promise<void> {
  pool = createPool(url, { max: 3 });
  hub = await startHub({ pool, port, log: () => undefined });
  port = Number(new URL(hub.url).port);
}
/** Stops the hub and closes every connection to its database, as a backup or a restore of it wants. */
async function stopTheHub(): Promise<void> {
  await hub?.close();
  await pool?.end();
  hub = pool = null;
}

beforeAll(async () => {
  await onServer(`CREATE DATABASE ${name}`);
  url = withDatabase(inject('pgUrl'), name);
  await startTheHub();
});
afterAll(async () => {
  await stopTheHub();
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(`DROP DATABASE IF EXISTS ${snapshot} WITH (FORCE)`);
});

interface Terminal extends TempStore {
  link: HubLink;
}
let tills = 0;
async function terminal(store: string): Promise<Terminal> {
  const s = tempStore(new Date().toISOString());
  const { code } = await issueEnrolmentCode(pool!, {
    storeName: store,
    terminalName: `till-${++tills}`,
    now: new Date(),
  });
  await joinHub({ dbFile: s.file, db: s.db, hubUrl: hub!.url, code });
  return { ...s, link: readHubLink(s.file)! };
}
const rowOf = (t: Terminal, q: string) => searchCustomers(t.ctx, q)[0]!.id;

/** Exchanges at every terminal until a round moves nothing. */
async function settle(ts: Terminal[]): Promise<void> {
  for (let round = 0; round < 6; round++) {
    let moved = 0;
    for (const t of ts) {
      const r = await exchange(t.ctx, t.link);
      moved += r.pushed + r.pulled;
    }
    if (moved === 0 && ts.every((t) => unsyncedCount(t.db) === 0)) return;
  }
  throw new Error('the chain did not quieten after 6 rounds');
}

const blank = (v: unknown) => (v === '' || v === undefined ? null : v);

/** What a terminal holds by global id: every customer's fields, every entry's customer and words. */
function terminalDump(t: Terminal) {
  const gid = (entity: string, row: number | null) =>
    row === null
      ? null
      : t.db
          .prepare<[string, number], { global_id: string }>(
            'SELECT global_id FROM sync_ids WHERE entity = ? AND row_id = ?',
          )
          .get(entity, row)!.global_id;
  const customers: Record<string, Record<string, unknown>> = {};
  for (const r of t.db.prepare('SELECT * FROM customers').all() as Parameters<typeof toCustomer>[0][]) {
    const c = toCustomer(r) as unknown as Record<string, unknown>;
    customers[gid('customer', r.id)!] = Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, blank(c[f])]));
  }
  const entries: Record<string, Record<string, unknown>> = {};
  for (const r of t.db
    .prepare<[], { id: number; customer_id: number | null; notes: string | null }>(
      'SELECT id, customer_id, notes FROM interactions',
    )
    .all())
    entries[gid('interaction', r.id)!] = { customer: gid('customer', r.customer_id), notes: blank(r.notes) };
  return { customers, entries };
}

/** The same, as the hub's PostgreSQL holds it. */
async function hubDump() {
  const customers: Record<string, Record<string, unknown>> = {};
  for (const r of (await pool!.query<{ id: string }>('SELECT id FROM customers')).rows)
    customers[r.id] = Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, null]));
  for (const f of (
    await pool!.query<{ customer_id: string; field: string; value: unknown }>(
      'SELECT customer_id, field, value FROM customer_fields',
    )
  ).rows)
    customers[f.customer_id]![f.field] = blank(f.value);
  const entries: Record<string, Record<string, unknown>> = {};
  for (const f of (
    await pool!.query<{ id: string; customer_id: string | null; fields: Record<string, unknown> }>(
      "SELECT id, customer_id, fields FROM facts WHERE entity = 'interaction'",
    )
  ).rows)
    entries[f.id] = { customer: f.customer_id, notes: blank(f.fields.notes) };
  return { customers, entries };
}

describe('a hub restored to an earlier copy of its database', () => {
  it('is noticed by both terminals, which send again what it lost and read the chain anew: everyone converges, nothing lost', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    // A counter that only looks people up: it never sends, so only the feed can tell it.
    const c = await terminal('Cork');
    const mary = createCustomer(a.ctx, { firstName: 'Mary', lastName: 'Ryan', phone: '087 111 2222' }, a.clerkId);
    createCustomer(b.ctx, { firstName: 'John', lastName: 'Burke', email: 'john@example.ie' }, b.clerkId);
    logInteraction(a.ctx, a.clerkId, { customerId: mary.id, kind: 'inquiry', outcome: 'resolved', notes: 'before' });
    await settle([a, b, c]);

    // Last night's backup.
    await stopTheHub();
    await onServer(`CREATE DATABASE ${snapshot} TEMPLATE ${name}`);
    await startTheHub();

    // The day goes on at both terminals, and everything reaches the hub and the other terminal.
    updateCustomer(a.ctx, a.clerkId, mary.id, { phone: '087 333 4444' });
    const aoife = createCustomer(a.ctx, { firstName: 'Aoife', lastName: 'Doyle', phone: '086 555 6666' }, a.clerkId);
    logInteraction(a.ctx, a.clerkId, { customerId: aoife.id, kind: 'complaint', outcome: 'resolved', notes: 'lid' });
    updateCustomer(b.ctx, b.clerkId, rowOf(b, 'mary'), { email: 'mary@example.ie' });
    logInteraction(b.ctx, b.clerkId, { customerId: rowOf(b, 'john'), kind: 'pickup', outcome: 'resolved', notes: 'b' });
    await settle([a, b, c]);
    const beforeRestore = terminalDump(a);
    expect(terminalDump(b)).toEqual(beforeRestore);

    // The hub's database is restored from the backup: the day's changes are gone from it.
    await stopTheHub();
    await onServer(`DROP DATABASE ${name} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${name} TEMPLATE ${snapshot}`);
    await startTheHub();
    expect(Object.keys((await hubDump()).customers)).toHaveLength(2);

    // Work goes on after the restore, at both terminals, before either has talked to the hub again: the feed's
    // numbers the day used are handed out again, to other changes.
    createCustomer(a.ctx, { firstName: 'Brian', lastName: 'Walsh', phone: '085 777 8888' }, a.clerkId);
    updateCustomer(b.ctx, b.clerkId, rowOf(b, 'john'), { notes: 'after the restore' });
    // The field a changed during the day (lost by the hub), changed again at b, later: a's edit, sent again with the
    // stamp it first had, must not win over it.
    updateCustomer(b.ctx, b.clerkId, rowOf(b, 'mary'), { phone: '087 999 0000' });
    await exchange(b.ctx, b.link);
    await new Promise((r) => setTimeout(r, 5));
    updateCustomer(a.ctx, a.clerkId, aoife.id, { notes: 'a goes on working' }); // a's clock is past b's edit now

    // The hub tells a number handed out again from the one a terminal read: c's cursor names a number the feed has
    // reached again, with another change there.
    const stale = pullCursor(c.db)!;
    await exchange(a.ctx, a.link);
    const head = await pool!.query<{ seq: string }>('SELECT max(seq) AS seq FROM changes');
    expect(Number(stale.split('.')[1])).toBeLessThanOrEqual(Number(head.rows[0]!.seq));
    await expect(
      callHub(c.link.hubUrl, 'pull', { storeId: c.link.store.id, cursor: stale }, { credential: c.link.credential }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    await settle([a, b, c]);

    const dump = await hubDump();
    expect(terminalDump(a)).toEqual(dump);
    expect(terminalDump(b)).toEqual(dump);
    expect(terminalDump(c)).toEqual(dump);
    // Nothing of the day was lost, and the edits after the restore are there too.
    for (const [id, { notes: _n, phone: _p, ...customer }] of Object.entries(beforeRestore.customers))
      expect(dump.customers[id]).toMatchObject(customer);
    for (const [id, entry] of Object.entries(beforeRestore.entries)) expect(dump.entries[id]).toEqual(entry);
    expect(Object.values(dump.customers).map((c) => c.firstName)).toEqual(
      expect.arrayContaining(['Mary', 'John', 'Aoife', 'Brian']),
    );
    expect(Object.values(dump.customers).find((c) => c.firstName === 'Mary')).toMatchObject({
      phone: '087 999 0000',
      email: 'mary@example.ie',
    });
    expect(Object.values(dump.customers).find((c) => c.firstName === 'John')).toMatchObject({
      notes: 'after the restore',
    });

    // Each terminal says so, and that it is done (sync status --json reads this).
    expect(hubRestoreView(a.db)).toMatchObject({ sign: 'acknowledged', recovering: false });
    expect(hubRestoreView(c.db)).toMatchObject({ sign: 'feed', recovering: false });
    for (const t of [a, b, c]) {
      expect(syncStatus(t.file, t.db)).toMatchObject({ joined: true, unsynced: 0, hubRestore: { recovering: false } });
    }
  });
});
