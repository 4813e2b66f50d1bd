// Purchases travel between the terminals of a chain as append-only facts: real SQLite files, real HTTP on 127.0.0.1,
// a hub on a real PostgreSQL. A receipt bought at one store is on the profile at the others, lines and returns
// included, and the customer's figures (visits, spend, purchases, last visit, tier) are the same at every terminal,
// derived there from the facts; a batch sent twice and a page applied twice change nothing; an erased customer's
// purchases stay on the anonymous record wherever they arrive; a new terminal's bootstrap brings the history window;
// one person linked across two stores has the purchases of both records.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '@common/domain';
import { uuidv7Time } from '@common/sync/ids';
import { createCustomer, getProfile, hasIdentity, tierFor } from '../../../main/services/customers';
import { customersRepo } from '../../../main/db/customers.repo';
import { searchCustomers } from '../../../main/services/customer-search';
import { timeline } from '../../../main/services/history';
import { importCsv } from '../../../main/services/import';
import { purchaseImportStatements } from '../../../main/services/import/purchase-rows';
import { eraseCustomer } from '../../../main/services/privacy';
import { bootstrap } from '../../../main/sync/bootstrap';
import { callHub } from '../../../main/sync/hub-client';
import { PURCHASE_FIELDS, PURCHASE_LINE_FIELDS } from '../../../main/sync/purchase-fields';
import { applyChanges, nextMutations, pullCursor, unsyncedCount } from '../../../main/sync/replica';
import { PUSH_BATCH } from '../../../main/sync/session';
import { MAX_BODY_BYTES } from '../../../main/hub/http';
import { sync, useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';
import { addPurchase, tempDir, tempStore, type TempStore } from '../../helpers/temp-store';

const chain = useChain();
const { db, terminal } = chain;
const idAt = (t: Terminal, q: string) => searchCustomers(t.ctx, q)[0]!.id;
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/** The figures a clerk sees, all derived from the facts at that terminal. */
const figures = (p: CustomerProfile) => ({
  tier: p.tier,
  visitCount: p.visitCount,
  lastVisitAt: p.lastVisitAt,
  lifetimeSpendCents: p.lifetimeSpendCents,
  purchaseCount: p.purchaseCount,
});
const receipts = (t: Terminal, id: number) =>
  timeline(t.ctx, id, null, 50).entries.flatMap((e) =>
    e.type === 'purchase'
      ? [{ totalCents: e.totalCents, items: e.items.map((i) => `${i.description} ${i.returnStatus}`) }]
      : [],
  );
const gidOf = (t: TempStore, entity: string, row: number) =>
  t.db
    .prepare<[string, number], { global_id: string }>('SELECT global_id FROM sync_ids WHERE entity = ? AND row_id = ?')
    .get(entity, row)!.global_id;
const rowOf = (t: TempStore, entity: string, gid: string) =>
  t.db
    .prepare<[string, string], { row_id: number }>('SELECT row_id FROM sync_ids WHERE entity = ? AND global_id = ?')
    .get(entity, gid)?.row_id;
const count = (t: Terminal, sql: string) =>
  t.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${sql}`).get()!.n;
const purchaseFacts = async () =>
  Number((await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM facts WHERE entity = 'purchase'")).rows[0]!.n);

/** The table and columns an INSERT statement names, read from its own SQL. */
function insertColumns(sql: string): { table: string; columns: string[] } {
  const m = /INSERT INTO (\w+) \(([^)]*)\)/.exec(sql);
  if (!m?.[1] || !m[2]) throw new Error(`not an INSERT with a column list: ${sql}`);
  return { table: m[1], columns: m[2].split(',').map((c) => c.trim()) };
}
/** A table's columns that name another row, from the schema: they travel as links, not as values. */
const foreignKeys = (t: TempStore, table: string) =>
  t.db
    .prepare<[string], { from: string; table: string }>('SELECT "from", "table" FROM pragma_foreign_key_list(?)')
    .all(table);

describe('purchases across the chain', () => {
  it('travel both ways, lines and returns included, and the figures are the same at every terminal', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const c = await terminal('Galway');
    const customer = createCustomer(
      a.ctx,
      { firstName: 'Siobhán', lastName: 'Buys', phone: '087 555 1212' },
      a.clerkId,
    ).id;
    addPurchase(a, customer, daysAgo(40), [
      { description: 'Kettle', priceCents: 45_00 },
      { description: 'Mugs', priceCents: 8_00, quantity: 4, returned: true },
    ]);
    await sync(a);
    await sync(b);
    const atB = idAt(b, 'siobhan buys');
    expect(receipts(b, atB)).toEqual([{ totalCents: 77_00, items: ['Kettle kept', 'Mugs returned'] }]);
    // Cork sells her more, and takes the kettle back on a refund receipt of its own (a negative total).
    addPurchase(b, atB, daysAgo(3), [{ description: 'Toaster', priceCents: 600_00 }]);
    addPurchase(b, atB, daysAgo(1), [{ description: 'Kettle', priceCents: -45_00, returned: true }]);
    await sync(b);
    await sync(a);
    await sync(c);
    const spend = 77_00 + 600_00 - 45_00;
    const expected = {
      tier: tierFor(a.ctx, spend, 3),
      visitCount: 3,
      lastVisitAt: daysAgo(1).slice(0, 10),
      lifetimeSpendCents: spend,
      purchaseCount: 3,
    };
    expect(expected.tier).not.toBe(tierFor(a.ctx, 77_00, 1)); // Cork's sales moved her up a tier
    for (const [t, id] of [
      [a, customer],
      [b, atB],
      [c, idAt(c, 'siobhan buys')],
    ] as const) {
      const p = getProfile(t.ctx, id);
      expect({ ...figures(p), lastVisitAt: p.lastVisitAt?.slice(0, 10) }).toEqual(expected);
      expect(receipts(t, id).map((r) => r.totalCents)).toEqual([-45_00, 600_00, 77_00]);
      expect(receipts(t, id)[0]!.items).toEqual(['Kettle returned']);
    }
    // Where each was bought: the pulled ones name their store and till.
    const places = a.db.prepare<[], { store_name: string }>('SELECT store_name FROM purchase_origins').all();
    expect(places.map((p) => p.store_name)).toEqual(['Cork', 'Cork']);
    expect(count(b, 'purchase_origins')).toBe(1);
  });

  it("keep two stores' receipts apart when their tills print the same number", async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const customer = createCustomer(a.ctx, { firstName: 'Same', lastName: 'Receipt' }, a.clerkId).id;
    const there = addPurchase(a, customer, daysAgo(2), [{ description: 'Scarf', priceCents: 20_00 }]);
    await sync(a);
    await sync(b);
    const receiptNo = a.db
      .prepare<[number], { receipt_no: string }>('SELECT receipt_no FROM purchases WHERE id = ?')
      .get(there)!.receipt_no;
    // b's own till used the same number for another sale: it is b's, and still unique among b's own.
    b.db
      .prepare(
        "INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, '2026-01-01', ?, 100)",
      )
      .run(idAt(b, 'same receipt'), daysAgo(1), receiptNo);
    expect(() =>
      b.db
        .prepare(
          "INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (1, ?, '2026-01-01', ?, 100)",
        )
        .run(daysAgo(1), receiptNo),
    ).toThrow(/UNIQUE/);
    await sync(b);
    await sync(a);
    expect(getProfile(a.ctx, customer).purchaseCount).toBe(2);
    expect(count(a, `purchases WHERE receipt_no = '${receiptNo}'`)).toBe(2);
  });

  it('change nothing when a batch is sent twice or a page is applied twice', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const customer = createCustomer(a.ctx, { firstName: 'Twice', lastName: 'Bought' }, a.clerkId).id;
    addPurchase(a, customer, daysAgo(5), [{ description: 'Lamp', priceCents: 30_00 }]);
    const mutations = nextMutations(a.db, 100);
    expect(mutations.map((m) => m.entity)).toEqual(['customer', 'purchase']);
    const facts = await purchaseFacts();
    for (let i = 0; i < 2; i++)
      await callHub(a.link.hubUrl, 'push', { storeId: a.link.store.id, mutations }, { credential: a.link.credential });
    expect(await purchaseFacts()).toBe(facts + 1);
    // The same fact pushed by another terminal (a copy of a's store restored elsewhere) is still kept once.
    const again = mutations.filter((m) => m.entity === 'purchase').map((m, i) => ({ ...m, mutationId: i + 1 }));
    await callHub(
      b.link.hubUrl,
      'push',
      { storeId: b.link.store.id, mutations: again },
      { credential: b.link.credential },
    );
    expect(await purchaseFacts()).toBe(facts + 1);

    const page = await callHub(
      b.link.hubUrl,
      'pull',
      { storeId: b.link.store.id, cursor: pullCursor(b.db), limit: 1000 },
      { credential: b.link.credential },
    );
    applyChanges(b.ctx, page.changes, page.cursor);
    const id = idAt(b, 'twice bought');
    const before = figures(getProfile(b.ctx, id));
    applyChanges(b.ctx, page.changes, page.cursor);
    expect(figures(getProfile(b.ctx, id))).toEqual(before);
    expect(before).toMatchObject({ purchaseCount: 1, lifetimeSpendCents: 30_00, visitCount: 1 });
    expect(count(b, `purchases WHERE customer_id = ${id}`)).toBe(1);
    expect(count(b, `purchase_items WHERE purchase_id IN (SELECT id FROM purchases WHERE customer_id = ${id})`)).toBe(
      1,
    );
    expect(count(b, "sync_state WHERE key = 'refusedFacts'")).toBe(0);
    // a's own purchase came back in its pull: still once.
    await sync(a);
    expect(count(a, `purchases WHERE customer_id = ${customer}`)).toBe(1);
    expect(getProfile(a.ctx, customer).lifetimeSpendCents).toBe(30_00);
  });

  it('carry every column the till import fills, from either store to the other', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    createCustomer(a.ctx, { firstName: 'Till', lastName: 'Import', loyaltyId: 'C-77' }, a.clerkId);
    await sync(a);
    await sync(b);
    // Each till imports a receipt of its own: two units, and one line taken back (a negative quantity).
    const day = daysAgo(3).slice(0, 10);
    const imported = async (t: Terminal, receipt: string) => {
      const file = path.join(tempDir(), `${receipt}.csv`);
      fs.writeFileSync(
        file,
        `Receipt;Card No;Date;Time;SKU;Description;Qty;Unit Price\r\n${receipt};C-77;${day};10:15;SKU-1;Blue scarf;2;12.50\r\n${receipt};C-77;${day};10:15;SKU-2;Gloves;-1;3.00\r\n`,
      );
      expect((await importCsv(t.ctx, { entity: 'purchases', file })).receiptsInserted).toBe(1);
    };
    await imported(a, 'G-1');
    await imported(b, 'C-1');
    for (const t of [a, b, a]) await sync(t);

    const carried = new Set([...PURCHASE_FIELDS, ...PURCHASE_LINE_FIELDS].map((f) => f.column));
    const s = purchaseImportStatements(a.db);
    for (const [from, to, receipt] of [
      [a, b, 'G-1'],
      [b, a, 'C-1'],
    ] as const) {
      for (const statement of [s.insertPurchase, s.insertItem]) {
        const { table, columns } = insertColumns(statement.source);
        const links = foreignKeys(from, table);
        const values = columns.filter((c) => !links.some((l) => l.from === c));
        // Both sides read one list (purchase-fields.ts): a column the import fills that the list leaves out stays at the till.
        expect(
          values.filter((c) => !carried.has(c)),
          `${table} columns the sync does not carry`,
        ).toEqual([]);
        // ... and the receipt arrives with the very values the till wrote, its lines in their order.
        const onReceipt = table === 'purchases' ? 'id' : links.find((l) => l.table === 'purchases')?.from;
        const rows = (t: Terminal) =>
          t.db
            .prepare(
              `SELECT ${values.join(', ')} FROM ${table} WHERE ${onReceipt} IN (SELECT id FROM purchases WHERE receipt_no = ?) ORDER BY id`,
            )
            .all(receipt);
        expect(rows(to), `${table} of ${receipt}`).toEqual(rows(from));
        expect(rows(from).length).toBeGreaterThan(0);
      }
      // The link to the customer: the same person at both terminals.
      const buyer = (t: Terminal) => {
        const row = t.db
          .prepare<[string], { customer_id: number }>('SELECT customer_id FROM purchases WHERE receipt_no = ?')
          .get(receipt);
        return row ? gidOf(t, 'customer', row.customer_id) : 'none';
      };
      expect(buyer(to)).toBe(buyer(from));
    }
    expect(figures(getProfile(b.ctx, idAt(b, 'till import')))).toEqual(
      figures(getProfile(a.ctx, idAt(a, 'till import'))),
    );
  });

  it("send a till's long receipts in pushes the hub accepts", async () => {
    const a = await terminal('Galway');
    const customer = createCustomer(a.ctx, { firstName: 'Long', lastName: 'Receipts' }, a.clerkId).id;
    await sync(a);
    // A batch of PUSH_BATCH receipts of 20 long lines each is over the hub's body limit: the pusher cuts it short.
    const line = {
      description: 'Hand-thrown stoneware serving bowl, glazed in the studio, seconds'.padEnd(190, '.'),
      priceCents: 12_00,
    };
    for (let i = 0; i < PUSH_BATCH; i++)
      addPurchase(
        a,
        customer,
        daysAgo(i % 30),
        Array.from({ length: 20 }, () => line),
      );
    expect(Buffer.byteLength(JSON.stringify(nextMutations(a.db, PUSH_BATCH)))).toBeGreaterThan(MAX_BODY_BYTES);
    const facts = await purchaseFacts();
    await sync(a);
    expect(await purchaseFacts()).toBe(facts + PUSH_BATCH);
    expect(unsyncedCount(a.db)).toBe(0);
  }, 120_000);

  it('share the purchases a store held before it joined, with ids made from when they were bought', async () => {
    const s = tempStore(new Date().toISOString());
    const customer = createCustomer(s.ctx, { firstName: 'Before', lastName: 'Joining' }, s.clerkId).id;
    const boughtAt = daysAgo(100);
    const old = addPurchase(s, customer, boughtAt, [{ description: 'Old coat', priceCents: 90_00 }]);
    expect(uuidv7Time(gidOf(s, 'purchase', old)).toISOString()).toBe(boughtAt);
    const a = await terminal('Galway', { from: s });
    await sync(a);
    const b = await terminal('Cork');
    await sync(b);
    expect(receipts(b, idAt(b, 'before joining'))).toEqual([{ totalCents: 90_00, items: ['Old coat kept'] }]);
  });

  it("keep an erased customer's purchases on the anonymous record wherever they arrive, never naming them again", async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    // c follows the feed but is offline until after the erasure: it never sees her name (the hub blanked it).
    const c = await terminal('Cork');
    await sync(c);
    const customer = createCustomer(
      a.ctx,
      { firstName: 'Gone', lastName: 'Shopper', phone: '01 999 8888' },
      a.clerkId,
    ).id;
    addPurchase(a, customer, daysAgo(20), [{ description: 'Boots', priceCents: 120_00 }]);
    await sync(a);
    await sync(b);
    const gid = gidOf(a, 'customer', customer);
    eraseCustomer(a.ctx, a.clerkId, customer, 'customer request');
    // b has not heard of the erasure: its till sells her something more.
    const late = addPurchase(b, idAt(b, 'gone shopper'), daysAgo(0), [{ description: 'Laces', priceCents: 5_00 }]);
    const lateGid = gidOf(b, 'purchase', late);
    await sync(b);
    await sync(a);
    await sync(b);
    // Neither c nor a terminal that joins after the erasure (its bootstrap) ever saw her: her purchases still arrive,
    // on an anonymous record under her id.
    await sync(c);
    const d = await terminal('Galway');
    await sync(d);
    for (const t of [a, b, c, d]) {
      const row = rowOf(t, 'customer', gid)!;
      expect(hasIdentity(customersRepo(t.db).byId.get(row)!)).toBe(false);
      expect(searchCustomers(t.ctx, 'gone shopper')).toEqual([]);
      expect(count(t, `purchases WHERE customer_id = ${row}`)).toBe(2);
      expect(
        t.db.prepare<[number], { s: number }>('SELECT lifetime_spend_cents AS s FROM customers WHERE id = ?').get(row)!
          .s,
      ).toBe(125_00);
      expect(rowOf(t, 'purchase', lateGid)).toBeDefined();
    }
    // The hub keeps both, amounts for the books, under the erased id (nothing in a purchase names a person).
    const { rows } = await db.pool.query("SELECT fields FROM facts WHERE entity = 'purchase' AND customer_id = $1", [
      gid,
    ]);
    expect(rows.map((r) => r.fields.totalCents).sort()).toEqual([120_00, 5_00].sort());
  });

  it('come with the history window when a new terminal bootstraps', async () => {
    const a = await terminal('Galway');
    const customer = createCustomer(a.ctx, { firstName: 'Window', lastName: 'Shopper' }, a.clerkId).id;
    addPurchase(a, customer, daysAgo(10), [{ description: 'Recent', priceCents: 10_00 }]);
    addPurchase(a, customer, daysAgo(300), [{ description: 'Last year', priceCents: 20_00 }]);
    addPurchase(a, customer, daysAgo(1000), [{ description: 'Long ago', priceCents: 40_00 }]);
    await sync(a);
    const d = await terminal('Cork');
    // The window counts from when each was bought (its id says), not from when it reached the hub.
    await bootstrap(d.ctx, d.link, { historyDays: 400 });
    const id = idAt(d, 'window shopper');
    expect(receipts(d, id).map((r) => r.items)).toEqual([['Recent kept'], ['Last year kept']]);
    expect(figures(getProfile(d.ctx, id))).toMatchObject({
      purchaseCount: 2,
      lifetimeSpendCents: 30_00,
      visitCount: 2,
    });
  });

  it('give one person linked across two stores the purchases of both records', async () => {
    const galway = await terminal('Galway');
    const cork = await terminal('Cork');
    const older = createCustomer(
      galway.ctx,
      { firstName: 'Aoife', lastName: 'Twin', loyaltyId: 'P-77' },
      galway.clerkId,
    ).id;
    await new Promise((r) => setTimeout(r, 5));
    const newer = createCustomer(
      cork.ctx,
      { firstName: 'Aoife', lastName: 'Twin', loyaltyId: 'P-77' },
      cork.clerkId,
    ).id;
    addPurchase(galway, older, daysAgo(4), [{ description: 'Hat', priceCents: 15_00 }]);
    addPurchase(cork, newer, daysAgo(2), [{ description: 'Gloves', priceCents: 25_00 }]);
    for (const t of [galway, cork, galway, cork]) await sync(t);
    const third = await terminal('Galway');
    await sync(third);
    for (const [t, ids] of [
      [galway, [older, rowOf(galway, 'customer', gidOf(cork, 'customer', newer))!]],
      [cork, [newer]],
      [third, [idAt(third, 'P77')]],
    ] as const) {
      for (const id of ids) {
        expect(figures(getProfile(t.ctx, id))).toMatchObject({
          purchaseCount: 2,
          lifetimeSpendCents: 40_00,
          visitCount: 2,
        });
        expect(receipts(t, id).map((r) => r.items[0])).toEqual(['Gloves kept', 'Hat kept']);
      }
    }
  });
});
