// A new terminal's bootstrap writes in bulk (main/sync/bulk-apply.ts) when its store holds nothing to merge with.
// These tests hold it to the change-by-change path: the same hub content copied both ways gives the same store,
// table by table and row by row (local ids included), with the search index answering the same, also when the bulk
// copy was stopped between pages or in the middle of one and resumed.
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import type { DB } from '../../../main/db/connection';
import { fullTextTables } from '../../../main/db/settle';
import { searchCustomers } from '../../../main/services/customer-search';
import { logInteraction } from '../../../main/services/interactions';
import { BOOTSTRAP_PAGE, bootstrapProgress, copyChain, holdsNothingToMerge } from '../../../main/sync/bootstrap';
import { onApplied } from '../../../main/sync/replica';
import { useChain, type JoinedTerminal } from '../../helpers/chain-terminal';
import { type Body, erase, push, till, upsert } from '../../helpers/hub-till';

const chain = useChain();
/** A copy of this content takes 10–30 s on a loaded 2-core machine, one in 1 ms slices longer. */
const COPY_TIMEOUT_MS = 120_000;
/** More customers than a page, so runs cross pages; the facts make a second phase of more than one page too. */
const CUSTOMERS = BOOTSTRAP_PAGE + 300;
const DAY = 86_400_000;
/** Both copies are made at the same time by their stores' clocks: rows made "now" (a new customer) then agree. */
const NOW = new Date();

/** Facts in the order they are made: one millisecond apart, so their ids sort that way (an amendment after its entry). */
const factsFrom = Date.now() - 30 * DAY;
let made = 0;
type Fact = Body & { id: string; customerId: string | null; fields: Record<string, unknown> };
const fact = (entity: 'interaction' | 'purchase', customerId: string | null, fields: Record<string, unknown>) =>
  ({ entity, kind: 'append', id: uuidv7(factsFrom + made++), customerId, fields }) as Fact;
const entry = (customerId: string | null, n: number, more: Record<string, unknown> = {}) => {
  const at = new Date(Date.now() - (n % 300) * DAY).toISOString();
  return fact('interaction', customerId, {
    createdAt: at,
    localDay: at.slice(0, 10),
    kind: 'inquiry',
    outcome: n % 7 === 0 ? 'follow_up' : 'resolved',
    notes: `entry ${n}`,
    clerkId: `clerk-${n % 3}`,
    clerkName: n % 50 === 0 ? `Renamed ${n}` : `Clerk ${n % 3}`,
    originStore: 'Galway',
    originTerminal: 'till-1',
    ...more,
  });
};
const purchase = (customerId: string, n: number) => {
  const at = new Date(Date.now() - (n % 200) * DAY).toISOString();
  return fact('purchase', customerId, {
    purchasedAt: at,
    localDay: at.slice(0, 10),
    receiptNo: `R-${n}`,
    totalCents: 1250 * (n % 4) - 100,
    lines: [
      { sku: `S-${n}`, description: 'Boots', quantity: 1, unitPriceCents: 1150, returnStatus: 'kept' },
      { sku: 'S-0', description: 'Laces', quantity: 2, unitPriceCents: 50, returnStatus: n % 5 ? 'kept' : 'returned' },
    ],
  });
};

beforeAll(async () => {
  const galway = await till(chain.hub, 'Galway', 'galway-till');
  const cork = await till(chain.hub, 'Cork', 'cork-till');
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => uuidv7(Date.now() - (CUSTOMERS - i) * 1000));
  const people = ids.map((id, i) =>
    upsert(id, {
      firstName: i % 11 === 0 ? 'Seán' : `Person${i}`,
      lastName: ['Murphy', "O'Brien", 'Gallagher'][i % 3],
      phone: `087 ${String(1_000_000 + i)}`,
      ...(i % 5 === 0 ? { email: `p${i}@example.com`, tags: ['vip'], notes: `note ${i}` } : {}),
      ...(i % 9 === 0 ? { loyaltyId: `C-${i}` } : {}),
    }),
  );
  for (let i = 0; i < people.length; i += 400) await push(galway, ...people.slice(i, i + 400));
  // The same person made at Cork (same card, same name): the hub links it to Galway's, the older record.
  const alias = uuidv7();
  await push(cork, upsert(alias, { firstName: 'Person9', lastName: 'Murphy', loyaltyId: 'c 9' }));
  // Another name on a card Galway's customer holds: not merged, and a terminal keeps it without the card.
  await push(cork, upsert(uuidv7(), { firstName: 'Nuala', lastName: 'Quinn', loyaltyId: 'C-18' }));
  // A customer whose creation a terminal never sees: erased with their history before it bootstraps.
  const gone = uuidv7();
  await push(cork, upsert(gone, { firstName: 'Gone', lastName: 'Away', phone: '01 555 0000' }));

  const facts: Fact[] = [];
  for (let n = 0; n < 1100; n++) {
    const who = n % 97 === 0 ? null : ids[(n * 13) % CUSTOMERS]!;
    facts.push(entry(who, n, n % 17 === 0 ? { suggestionTemplateId: 'tpl-1', useStyle: 'green', sentiment: 5 } : {}));
    if (n % 3 === 0) facts.push(purchase(ids[(n * 7) % CUSTOMERS]!, n));
  }
  // What goes change by change in the middle of a run: an amendment, an entry that settles an issue, one for the
  // erased customer, a purchase of theirs, one of a kind this schema refuses, and one at the alias.
  const issue = facts.find((f) => f.fields.outcome === 'follow_up')!;
  facts.push(
    entry(issue.customerId, 5000, { amendsId: issue.id, amendReason: 'typo', outcome: 'resolved' }),
    entry(issue.customerId, 5001, { resolves: [issue.id] }),
    entry(gone, 5002, { said: 'private words' }),
    purchase(gone, 5003),
    entry(ids[2]!, 5004, { kind: 'teleport' }),
    entry(alias, 5005),
    ...Array.from({ length: 200 }, (_, n) => entry(ids[n]!, 6000 + n)),
  );
  for (let i = 0; i < facts.length; i += 300) await push(galway, ...facts.slice(i, i + 300));
  await push(cork, erase(gone));
}, 300_000);

/** A new terminal at Sligo whose clock stands at NOW. */
async function newTerminal(): Promise<JoinedTerminal> {
  const t = await chain.terminal('Sligo');
  t.ctx.now = () => NOW;
  return t;
}

/**
 * What is each terminal's own, whichever way it copies: its first clerk (when the store was set up, the salted PIN,
 * the global id it was given on joining) and the stamp that clerk's account was queued with (its clock, its id).
 * The stand-in clerks the copy makes are compared whole.
 */
const OWN: Record<string, (r: Record<string, unknown>) => string[]> = {
  clerks: (r) => (r.id === 1 ? ['pin_hash', 'created_at'] : []),
  sync_clerks: (r) => (r.stand_in === 0 ? ['global_id'] : []),
  clerk_outbox: () => ['at_ms', 'hlc'],
};

/** Each table's rows in their order, less what differs by design between two terminals. */
function dump(db: DB): Record<string, unknown[]> {
  // The search indexes are compared by what they answer (answers); their shadow tables hold segments in whatever
  // shape the writes left them.
  const search = fullTextTables(db);
  const tables = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .filter((t) => !search.some((f) => t.name === f || t.name.startsWith(`${f}_`)));
  const out: Record<string, unknown[]> = {};
  for (const { name: t, sql } of tables) {
    const columns = db.prepare(`SELECT count(*) FROM pragma_table_info('${t}')`).pluck().get() as number;
    const order = /WITHOUT ROWID/i.test(sql) ? Array.from({ length: columns }, (_, i) => i + 1).join(', ') : 'rowid';
    out[t] = db
      .prepare(`SELECT * FROM "${t}" ORDER BY ${order}`)
      .all()
      .map((row) => {
        const r = { ...(row as Record<string, unknown>) };
        for (const column of OWN[t]?.(r) ?? []) delete r[column];
        return r;
      })
      .filter((r) => !(t === 'sync_state' && ['node', 'hlc'].includes(r.key as string)));
  }
  return out;
}

/** What the search index gives back: every name word and every customer's phone, each found as the counter would. */
function answers(t: JoinedTerminal): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of [
    'seán murphy',
    'person1',
    'gallagher',
    "o'brien person2",
    '087 1000',
    'C-18',
    'nuala',
    'p10@example.com',
    'persn12',
  ])
    out[q] = searchCustomers(t.ctx, q).map((h) => [h.id, h.displayName]);
  for (const table of fullTextTables(t.db)) {
    t.db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run();
    for (const gram of ['son', 'mur', '100', 'ers', "'br"])
      out[`${table} ${gram}`] = t.db
        .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
        .pluck()
        .all(`"${gram}"`).length;
  }
  out.words = t.db.prepare('SELECT word FROM name_word_grams ORDER BY word').pluck().all();
  return out;
}

/** A customer's row, as far as these tests read it. */
interface Stats {
  id: number;
  visit_count: number;
  interaction_count: number;
  purchase_count: number;
  last_visit_at: string | null;
}

const differing = (got: Record<string, unknown[]>) =>
  Object.keys(reference.dump).filter((t) => !isDeepStrictEqual(got[t], reference.dump[t]));

let reference: { dump: Record<string, unknown[]>; answers: Record<string, unknown> };
beforeAll(async () => {
  const t = await newTerminal();
  await copyChain(t.ctx, t.link, { bulk: false });
  reference = { dump: dump(t.db), answers: answers(t) };
}, 300_000);

describe('a bootstrap into an empty store, in bulk', () => {
  it(
    'leaves the store the change-by-change copy leaves: every table, the search index, the derived counts',
    async () => {
      const t = await newTerminal();
      expect(holdsNothingToMerge(t.db)).toBe(true);
      await copyChain(t.ctx, t.link, {});
      const got = dump(t.db);
      expect(differing(got)).toEqual([]);
      for (const table of Object.keys(reference.dump)) expect(got[table], table).toEqual(reference.dump[table]);
      expect(answers(t)).toEqual(reference.answers);
      // What the content was made to hold came through: a link, a withheld card, an erasure, a refused entry.
      expect(got.customer_aliases).toHaveLength(1);
      expect(got.sync_withheld_cards!.length).toBeGreaterThan(0);
      expect(got.sync_state).toContainEqual({ key: 'refusedFacts', value: '1' });
      expect(t.db.prepare("SELECT count(*) FROM interactions WHERE said = 'private words'").pluck().get()).toBe(0);
      // The stats a run adds once (db/visit-stats.ts) were put to the test: customers whose entries and purchases
      // came in more than one page, on days they had come before, and issues left open.
      const customers = got.customers as Stats[];
      const spread = t.db
        .prepare<[number], number>(
          'SELECT count(*) FROM (SELECT customer_id FROM interactions GROUP BY customer_id HAVING max(id) - min(id) > ?)',
        )
        .pluck()
        .get(BOOTSTRAP_PAGE / 2)!;
      expect(spread).toBeGreaterThan(10);
      expect(
        customers.filter((c) => c.visit_count > 1 && c.visit_count < c.interaction_count + c.purchase_count).length,
      ).toBeGreaterThan(10);
      expect(got.open_issues!.length).toBeGreaterThan(100);
    },
    COPY_TIMEOUT_MS,
  );

  it(
    "counts an entry the counter logs between the copy's slices as the triggers would",
    async () => {
      const t = await newTerminal();
      // Between two slices of the facts (after their first page), for a customer the slice before wrote to.
      const logged: { id?: number; customerId?: number } = {};
      const off = onApplied(t.db, (rows) => {
        const at = bootstrapProgress(t.db);
        if (logged.id !== undefined || at?.phase !== 'facts' || at.done === 0) return;
        logged.customerId = Math.min(...rows);
        logged.id = logInteraction(t.ctx, t.clerkId, {
          customerId: logged.customerId,
          kind: 'inquiry',
          outcome: 'escalated',
        }).id;
      });
      await copyChain(t.ctx, t.link, { sliceMs: 1 });
      off();
      const { id, customerId } = logged;
      expect(id).toBeDefined();
      const got = dump(t.db);
      const before = (reference.dump.customers as Stats[]).find((c) => c.id === customerId)!;
      const today = NOW.toISOString().slice(0, 10);
      const cameToday = (reference.dump.customer_days as { customer_id: number; day: string }[]).some(
        (d) => d.customer_id === customerId && d.day === today,
      );
      const latest = [before.last_visit_at, NOW.toISOString()].sort().at(-1);
      expect((got.customers as Stats[]).find((c) => c.id === customerId)).toEqual({
        ...before,
        visit_count: before.visit_count + (cameToday ? 0 : 1),
        interaction_count: before.interaction_count + 1,
        last_visit_at: latest,
      });
      expect(got.customers!.filter((c) => (c as Stats).id !== customerId)).toEqual(
        reference.dump.customers!.filter((c) => (c as Stats).id !== customerId),
      );
      expect(got.open_issues).toHaveLength(reference.dump.open_issues!.length + 1);
      expect(got.open_issues).toContainEqual(expect.objectContaining({ interaction_id: id, customer_id: customerId }));
      expect(got.bulk_loads).toEqual([]);
    },
    COPY_TIMEOUT_MS,
  );

  it(
    'resumed after a stop between pages and after one in the middle of a page, ends the same',
    async () => {
      const t = await newTerminal();
      const stop = new Error('stopped');
      // Between pages: after the first one is kept.
      await expect(copyChain(t.ctx, t.link, { onProgress: () => Promise.reject(stop) })).rejects.toBe(stop);
      expect(bootstrapProgress(t.db)).toMatchObject({ phase: 'customers', done: BOOTSTRAP_PAGE });
      // In the middle of the next page: after a few of its slices committed, the next never does.
      let slices = 0;
      const off = onApplied(t.db, () => {
        if (++slices === 3) throw stop;
      });
      await expect(copyChain(t.ctx, t.link, { sliceMs: 1 })).rejects.toBe(stop);
      off();
      expect(slices).toBe(3);
      expect(holdsNothingToMerge(t.db)).toBe(false);
      await copyChain(t.ctx, t.link, {});
      expect(bootstrapProgress(t.db)).toBeNull();
      const got = dump(t.db);
      expect(differing(got)).toEqual([]);
      for (const table of Object.keys(reference.dump)) expect(got[table], table).toEqual(reference.dump[table]);
      expect(answers(t)).toEqual(reference.answers);
    },
    COPY_TIMEOUT_MS,
  );
});
