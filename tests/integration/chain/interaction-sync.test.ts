// Interactions travel between the terminals of a chain as append-only facts: real SQLite files, real HTTP on
// 127.0.0.1, a hub on a real PostgreSQL. An entry logged at one terminal is on the profile at the others, with what
// was said, who logged it (a stand-in, never a local clerk) and where; the issues it settles are settled everywhere;
// a batch sent twice and a page applied twice change nothing; an erased customer's entries arrive anonymous.
import { describe, expect, it } from 'vitest';
import type { Interaction } from '@common/domain';
import { addClerk, listClerks } from '../../../main/services/clerks';
import { createCustomer } from '../../../main/services/customers';
import { searchCustomers } from '../../../main/services/customer-search';
import { openIssuesFor, timeline } from '../../../main/services/history';
import { amendInteraction, logInteraction } from '../../../main/services/interactions';
import { eraseCustomer } from '../../../main/services/privacy';
import { callHub } from '../../../main/sync/hub-client';
import { applyChanges, nextMutations, pullCursor, unsyncedCount } from '../../../main/sync/replica';
import { pullAll } from '../../../main/sync/session';
import { sync, useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';
import { tempStore } from '../../helpers/temp-store';

const chain = useChain();
const { db, terminal } = chain;
const idAt = (t: Terminal, q: string) => searchCustomers(t.ctx, q)[0]!.id;
/** The customer's entries on the profile's timeline, newest first. */
const entries = (t: Terminal, customerId: number): Interaction[] =>
  timeline(t.ctx, customerId, null, 50).entries.flatMap((e) => (e.type === 'interaction' ? [e.interaction] : []));
const count = (t: Terminal, sql: string) =>
  t.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${sql}`).get()!.n;
const factCount = async () =>
  Number(
    (await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM facts WHERE entity = 'interaction'")).rows[0]!.n,
  );

describe('interactions across the chain', () => {
  it('show an entry logged at one terminal on the profile at the others, with what was said, who and where', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const c = await terminal('Galway');
    // a's second clerk has local id 2 there; b's clerk 1 (its only one) must not be taken for anyone of a's.
    const nuala = addClerk(a.ctx, 'Nuala Keane', 'clerk').id;
    const customer = createCustomer(
      a.ctx,
      { firstName: 'Ciarán', lastName: 'Travers', phone: '087 111 2222' },
      a.clerkId,
    ).id;
    logInteraction(a.ctx, nuala, {
      customerId: customer,
      kind: 'complaint',
      outcome: 'resolved',
      sentiment: 4,
      notes: 'Lid cracked',
      said: 'Here is a new lid.',
    });
    await sync(a);
    for (const t of [b, c]) {
      await sync(t);
      const [entry] = entries(t, idAt(t, 'ciaran travers'));
      expect(entry).toMatchObject({
        kind: 'complaint',
        outcome: 'resolved',
        sentiment: 4,
        notes: 'Lid cracked',
        said: 'Here is a new lid.',
      });
      expect(entry).toMatchObject({ clerkName: 'Nuala Keane', place: `Galway, ${a.name}`, terminalId: a.name });
      // Not the local clerk with a's id. At another store a stand-in, never offered at sign-in; at a's own store
      // a's clerks are accounts there too (clerks-sync.ts), a's first manager beside c's own.
      expect(entry!.clerkId).not.toBe(t.clerkId);
      expect(listClerks(t.ctx).map((k) => k.displayName)).toEqual(
        t === b ? ['Aoife Byrne'] : ['Aoife Byrne', 'Aoife Byrne', 'Nuala Keane'],
      );
      expect(getVisits(t, idAt(t, 'ciaran travers'))).toBe(1);
    }
    // At its own terminal the entry says no place, and nothing came back twice.
    expect(entries(a, customer).map((i) => i.place)).toEqual([null]);
    expect(count(a, 'interactions')).toBe(1);
    expect(unsyncedCount(b.db) + unsyncedCount(c.db)).toBe(0);
  });

  it("name each terminal's clerks apart even when their local ids are the same", async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const customer = createCustomer(a.ctx, { firstName: 'Same', lastName: 'Ids' }, a.clerkId).id;
    const there = addClerk(a.ctx, 'Róisín Hayes', 'clerk').id;
    const here = addClerk(b.ctx, 'Eoin Walsh', 'clerk').id;
    expect(there).toBe(here); // clerk 2 at each terminal, two different people
    logInteraction(a.ctx, there, { customerId: customer, kind: 'inquiry', outcome: 'resolved' });
    await sync(a);
    await sync(b);
    const atB = idAt(b, 'same ids');
    logInteraction(b.ctx, here, { customerId: atB, kind: 'pickup', outcome: 'resolved' });
    await sync(b);
    await sync(a);
    for (const [t, id] of [
      [a, customer],
      [b, atB],
    ] as const) {
      expect(entries(t, id).map((i) => [i.kind, i.clerkName])).toEqual([
        ['pickup', 'Eoin Walsh'],
        ['inquiry', 'Róisín Hayes'],
      ]);
    }
  });

  it('settle an issue everywhere when it is settled at one terminal, and carry corrections', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Galway');
    const c = await terminal('Cork');
    const customer = createCustomer(a.ctx, { firstName: 'Máire', lastName: 'Settled' }, a.clerkId).id;
    const issue = logInteraction(a.ctx, a.clerkId, {
      customerId: customer,
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2027-01-10',
      notes: 'Kettle leaks',
    });
    const order = logInteraction(a.ctx, a.clerkId, {
      customerId: customer,
      kind: 'pickup',
      outcome: 'unresolved',
      notes: 'Order due Friday',
    });
    await sync(a);
    await sync(b);
    await sync(c);
    const atB = idAt(b, 'maire settled');
    const open = openIssuesFor(b.ctx, atB);
    expect(open.map((i) => i.notes).sort()).toEqual(['Kettle leaks', 'Order due Friday']);
    const issueAtB = open.find((i) => i.notes === 'Kettle leaks')!.interactionId;
    logInteraction(b.ctx, b.clerkId, {
      customerId: atB,
      kind: 'complaint',
      outcome: 'resolved',
      resolves: [issueAtB!],
      said: 'Swapped it.',
    });
    amendInteraction(a.ctx, a.clerkId, { interactionId: order.id, reason: 'wrong kind', kind: 'inquiry' });
    await sync(b);
    await sync(a);
    await sync(c);
    await sync(b);
    for (const t of [a, b, c]) {
      const id = t === a ? customer : idAt(t, 'maire settled');
      expect(openIssuesFor(t.ctx, id).map((i) => [i.kind, i.notes])).toEqual([['inquiry', 'Order due Friday']]);
      const settling = entries(t, id).find((i) => i.said === 'Swapped it.')!;
      expect(settling.resolves).toHaveLength(1);
    }
    expect(openIssuesFor(a.ctx, customer).map((i) => i.interactionId)).not.toContain(issue.id);
  });

  it('change nothing when a batch is sent twice or a page is applied twice', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const customer = createCustomer(a.ctx, { firstName: 'Twice', lastName: 'Sent' }, a.clerkId).id;
    logInteraction(a.ctx, a.clerkId, { customerId: customer, kind: 'inquiry', outcome: 'resolved', notes: 'once' });
    const mutations = nextMutations(a.db, 100);
    expect(mutations.map((m) => m.entity)).toEqual(['customer', 'interaction']);
    const facts = await factCount();
    for (let i = 0; i < 2; i++)
      await callHub(a.link.hubUrl, 'push', { storeId: a.link.store.id, mutations }, { credential: a.link.credential });
    expect(await factCount()).toBe(facts + 1);
    // The same fact pushed by another terminal (a copy of a's store restored elsewhere) is still kept once.
    const again = mutations.filter((m) => m.entity === 'interaction').map((m, i) => ({ ...m, mutationId: i + 1 }));
    await callHub(
      b.link.hubUrl,
      'push',
      { storeId: b.link.store.id, mutations: again },
      { credential: b.link.credential },
    );
    expect(await factCount()).toBe(facts + 1);

    const cursor = pullCursor(b.db);
    const page = await callHub(
      b.link.hubUrl,
      'pull',
      { storeId: b.link.store.id, cursor, limit: 1000 },
      { credential: b.link.credential },
    );
    applyChanges(b.ctx, page.changes, page.cursor);
    const before = count(b, 'interactions');
    applyChanges(b.ctx, page.changes, page.cursor);
    expect(count(b, 'interactions')).toBe(before);
    expect(count(b, "sync_state WHERE key = 'refusedFacts'")).toBe(0);
    expect(entries(b, idAt(b, 'twice sent')).map((i) => i.notes)).toEqual(['once']);
  });

  it('share the entries a store held before it joined', async () => {
    const s = tempStore(new Date().toISOString());
    const customer = createCustomer(s.ctx, { firstName: 'Before', lastName: 'Joining' }, s.clerkId).id;
    logInteraction(s.ctx, s.clerkId, {
      customerId: customer,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'old entry',
    });
    await sync(await terminal('Galway', { from: s }));
    const b = await terminal('Cork');
    await sync(b);
    expect(entries(b, idAt(b, 'before joining')).map((i) => i.notes)).toEqual(['old entry']);
  });

  it("bring an erased customer's entries anonymous, never back with their words", async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const c = await terminal('Galway');
    const customer = createCustomer(
      a.ctx,
      { firstName: 'Gone', lastName: 'Forgotten', phone: '01 222 3333' },
      a.clerkId,
    ).id;
    await sync(a);
    await sync(b);
    eraseCustomer(a.ctx, a.clerkId, customer, 'customer request');
    // b has not heard of the erasure: it logs a follow-up with the customer's own words.
    const logged = logInteraction(b.ctx, b.clerkId, {
      customerId: idAt(b, 'gone forgotten'),
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2027-02-01',
      notes: 'Rang about her address',
      said: 'We will call.',
    });
    const entryGid = globalIdOf(b, 'interaction', logged.id);
    await sync(b); // the hub has not heard of the erasure either: it keeps her words for now
    await pullAll(a.ctx, a.link); // a pulls before it pushes (the background puller may): her words stay out
    await sync(a);
    await sync(b);
    await sync(c);
    const { rows } = await db.pool.query('SELECT fields FROM facts WHERE customer_id = $1', [
      globalIdOf(a, 'customer', customer),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].fields).not.toHaveProperty('notes');
    expect(rows[0].fields).not.toHaveProperty('said');
    for (const t of [a, b, c]) {
      const entry = t.db
        .prepare<[string], { id: number; customer_id: number | null; notes: string; said: string }>(
          "SELECT i.id, customer_id, notes, said FROM interactions i JOIN sync_ids s ON s.entity = 'interaction' AND s.row_id = i.id WHERE s.global_id = ?",
        )
        .get(entryGid)!;
      expect(entry).toEqual({ id: entry.id, customer_id: null, notes: '', said: '' });
      expect(count(t, `open_issues WHERE closed_at IS NULL AND interaction_id = ${entry.id}`)).toBe(0);
      expect(searchCustomers(t.ctx, 'gone forgotten')).toEqual([]);
    }
  });
});

function globalIdOf(t: Terminal, entity: string, rowId: number): string {
  return t.db
    .prepare<[string, number], { global_id: string }>('SELECT global_id FROM sync_ids WHERE entity = ? AND row_id = ?')
    .get(entity, rowId)!.global_id;
}

function getVisits(t: Terminal, customerId: number): number {
  return t.db
    .prepare<[number], { n: number }>('SELECT interaction_count AS n FROM customers WHERE id = ?')
    .get(customerId)!.n;
}
