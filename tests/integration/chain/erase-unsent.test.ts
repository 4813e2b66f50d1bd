// Erasing a customer whose entries have not left this terminal yet: real SQLite stores, real HTTP on 127.0.0.1, a hub
// on a real PostgreSQL. The erasure unlinks the entries here before the pusher reads them; they must still leave as
// that customer's, so the hub and every terminal apply the erasure rule to them (unlinked, without their words, a
// follow-up they opened closed) instead of keeping an anonymous follow-up open that this terminal closed.
// Three ways in: erased at this counter, erased at another terminal and pulled here first, and a merged person erased
// through their surviving record while an entry of the other record waits.
import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../main/services/customers';
import { searchCustomers } from '../../../main/services/customer-search';
import { logInteraction } from '../../../main/services/interactions';
import { eraseCustomer } from '../../../main/services/privacy';
import { pullAll, pushAll } from '../../../main/sync/session';
import { sync, useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';

const chain = useChain();
const { db } = chain;

const terminal = (store: string) => chain.terminal(store);
const tick = () => new Promise((r) => setTimeout(r, 5));
const gidOf = (t: Terminal, entity: string, rowId: number) =>
  t.db
    .prepare<[string, number], { global_id: string }>('SELECT global_id FROM sync_ids WHERE entity = ? AND row_id = ?')
    .get(entity, rowId)!.global_id;
const followUp = (t: Terminal, customerId: number, notes: string) =>
  logInteraction(t.ctx, t.clerkId, {
    customerId,
    kind: 'complaint',
    outcome: 'follow_up',
    followUpDue: '2027-03-01',
    notes,
  });

/** The entry `gid` as terminal `t` holds it: to whom (global id), its words, and whether what it opened is open. */
function entryAt(t: Terminal, gid: string) {
  const row = t.db
    .prepare<[string], { id: number; customer_id: number | null; notes: string }>(
      "SELECT i.id, i.customer_id, i.notes FROM interactions i JOIN sync_ids s ON s.entity = 'interaction' AND s.row_id = i.id WHERE s.global_id = ?",
    )
    .get(gid);
  if (!row) return undefined;
  const open = t.db
    .prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM open_issues WHERE interaction_id = ? AND closed_at IS NULL',
    )
    .get(row.id)!.n;
  return { linked: row.customer_id !== null, notes: row.notes, open };
}

/** The hub's copy of the fact: the customer it names, whether that customer is erased, and whether its words stayed. */
async function factAtHub(gid: string) {
  const { rows } = await db.pool.query<{ customer_id: string | null; erased: boolean | null; has_notes: boolean }>(
    `SELECT f.customer_id, c.erased_at IS NOT NULL AS erased, f.fields ? 'notes' AS has_notes
       FROM facts f LEFT JOIN customers c ON c.id = f.customer_id WHERE f.id = $1`,
    [gid],
  );
  return rows[0];
}

const links = (t: Terminal) =>
  t.db.prepare('SELECT alias_id, survivor_id FROM customer_aliases ORDER BY alias_id').all();

const ERASED_ENTRY = { linked: false, notes: '', open: 0 };

describe('an erased customer whose entries have not left yet', () => {
  it('erased at this counter: the entries leave as the erased customer’s, and what they opened is closed everywhere', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const known = createCustomer(
      a.ctx,
      { firstName: 'Known', lastName: 'Before', phone: '087 100 0001' },
      a.clerkId,
    ).id;
    await sync(a);
    await sync(b);
    // One customer the hub knows, one it never heard of (created and erased between two pushes).
    const unknown = createCustomer(
      a.ctx,
      { firstName: 'Never', lastName: 'Sent', phone: '087 100 0002' },
      a.clerkId,
    ).id;
    const entries = [
      followUp(a, known, 'call her back about the kettle'),
      followUp(a, unknown, 'call him back about the lamp'),
    ].map((e) => gidOf(a, 'interaction', e.id));
    const customers = [gidOf(a, 'customer', known), gidOf(a, 'customer', unknown)];
    for (const id of [known, unknown]) eraseCustomer(a.ctx, a.clerkId, id, 'customer request');
    await sync(a);
    await sync(b);
    for (const [i, gid] of entries.entries()) {
      expect(await factAtHub(gid)).toEqual({ customer_id: customers[i], erased: true, has_notes: false });
      for (const t of [a, b]) expect(entryAt(t, gid)).toEqual(ERASED_ENTRY);
    }
    expect(searchCustomers(b.ctx, 'known before')).toEqual([]);
  });

  it('erased at another terminal and pulled here before the entry left: the same', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const atA = createCustomer(
      a.ctx,
      { firstName: 'Pulled', lastName: 'Erasure', phone: '087 100 0003' },
      a.clerkId,
    ).id;
    await sync(a);
    await sync(b);
    const entry = gidOf(a, 'interaction', followUp(a, atA, 'ring when the part comes').id); // a is offline: not sent
    const atB = searchCustomers(b.ctx, 'pulled erasure')[0]!.id;
    eraseCustomer(b.ctx, b.clerkId, atB, 'customer request');
    await sync(b);
    await pullAll(a.ctx, a.link); // the background puller may well come first: the erasure unlinks a's entry here
    await pushAll(a.ctx, a.link);
    await sync(b);
    expect(await factAtHub(entry)).toEqual({ customer_id: gidOf(a, 'customer', atA), erased: true, has_notes: false });
    for (const t of [a, b]) expect(entryAt(t, entry)).toEqual(ERASED_ENTRY);
  });

  it('a merged person erased through the surviving record: the other record goes at once, its waiting entry too', async () => {
    const galway = await terminal('Galway');
    const cork = await terminal('Cork');
    // Galway's record is the older (it survives) but reaches the hub after Cork's, which logged a follow-up meanwhile.
    const older = createCustomer(
      galway.ctx,
      { firstName: 'Merged', lastName: 'Twice', loyaltyId: 'M-77' },
      galway.clerkId,
    ).id;
    await tick();
    const newer = createCustomer(
      cork.ctx,
      { firstName: 'Merged', lastName: 'Twice', loyaltyId: 'M-77', phone: '087 100 0004' },
      cork.clerkId,
    ).id;
    await pushAll(cork.ctx, cork.link);
    const entry = gidOf(cork, 'interaction', followUp(cork, newer, 'her order is late').id);
    await sync(galway); // the hub links Cork's record to Galway's
    await pullAll(cork.ctx, cork.link); // Cork hears of the link; its entry has not left
    const person = searchCustomers(cork.ctx, '087 100 0004')[0]!;
    expect(person.id).not.toBe(newer); // the survivor, Galway's record
    eraseCustomer(cork.ctx, cork.clerkId, person.id, 'customer request');
    // Nothing of the person is left here, before any sync: the alias's phone and card find no one.
    expect(searchCustomers(cork.ctx, '087 100 0004')).toEqual([]);
    expect(searchCustomers(cork.ctx, 'M-77')).toEqual([]);
    expect(entryAt(cork, entry)).toEqual(ERASED_ENTRY);
    await sync(cork);
    await sync(galway);
    await sync(cork);
    expect(await factAtHub(entry)).toEqual({
      customer_id: gidOf(cork, 'customer', newer),
      erased: true,
      has_notes: false,
    });
    for (const t of [galway, cork]) expect(entryAt(t, entry)).toEqual(ERASED_ENTRY);
    expect(searchCustomers(galway.ctx, 'merged twice')).toEqual([]);
    // A terminal that copies the chain later keeps the erased pair's link as the feed gave it to the others.
    const late = await terminal('Cork');
    await sync(late);
    expect(links(late)).toContainEqual({
      alias_id: gidOf(cork, 'customer', newer),
      survivor_id: gidOf(galway, 'customer', older),
    });
    expect(links(late)).toEqual(links(cork));
  });
});
