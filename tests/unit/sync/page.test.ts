// A bootstrap's page is checked by hand where it can be (common/sync/page.ts): these hold that check to changeSchema's
// verdict change by change, on good changes and on each way one can be wrong, so the quick path never takes what zod
// would refuse, and what it takes comes out as zod would give it.
import { describe, expect, it } from 'vitest';
import { bootstrapResponseSchema } from '@common/sync/bootstrap';
import { changeSchema, MAX_PURCHASE_LINES } from '@common/sync/changes';
import { uuidv7 } from '@common/sync/ids';
import { changesSchema, isPlainChange } from '@common/sync/page';

const hlc = `${String(Date.UTC(2026, 11, 7)).padStart(15, '0')}:00000:${uuidv7()}`;
const origin = { storeId: uuidv7(), terminalId: uuidv7() };
const line = { sku: 'S-1', description: 'Boots', quantity: 1, unitPriceCents: 1150, returnStatus: 'kept' };
const entry = () => ({
  entity: 'interaction',
  kind: 'append',
  id: uuidv7(),
  hlc,
  customerId: uuidv7(),
  fields: {
    createdAt: '2026-12-07T10:00:00.000Z',
    kind: 'inquiry',
    sentiment: null,
    flagged: false,
    n: 3.5,
    resolves: [],
  },
  origin,
});
const purchase = () => ({ ...entry(), entity: 'purchase', fields: { receiptNo: 'R-1', lines: [line, line] } });
const customer = () => ({
  entity: 'customer',
  kind: 'upsert',
  id: uuidv7(),
  hlc,
  fields: { firstName: { value: 'Seán', hlc }, tags: { value: ['vip'], hlc }, phone: { value: null, hlc } },
  origin,
});

type Plain = Record<string, unknown>;
/** A change with `change` made to a copy of it (a deep copy: the original stays as it was). */
const varied = (base: Plain, change: (c: Plain) => void): Plain => {
  const c = structuredClone(base);
  change(c);
  return c;
};
const fieldsOf = (c: Plain) => c.fields as Plain;

/** Each way a change can differ from a good one, good or bad by changeSchema's rules. */
const CASES: [string, Plain][] = [
  ['an entry', entry()],
  ['a walk-in entry', varied(entry(), (c) => (c.customerId = null))],
  ['a purchase', purchase()],
  ['a customer', customer()],
  ['an erasure', { entity: 'customer', kind: 'erase', id: uuidv7(), hlc, origin }],
  ['a key zod strips', varied(entry(), (c) => (c.extra = 1))],
  ['a missing key', varied(entry(), (c) => delete c.origin)],
  ['an entity of no fact', varied(entry(), (c) => (c.entity = 'customer'))],
  ['an inherited entity name', varied(entry(), (c) => (c.entity = 'toString'))],
  ['an upper-case id', varied(entry(), (c) => (c.id = (c.id as string).toUpperCase()))],
  ['a v4 id', varied(entry(), (c) => (c.customerId = '3b241101-e2bb-4255-8caf-4136c566a962'))],
  ['a bad clock', varied(entry(), (c) => (c.hlc = 'yesterday'))],
  ['an origin with more', varied(entry(), (c) => (c.origin = { ...origin, storeName: 'x' }))],
  ['an origin id wrong', varied(entry(), (c) => (c.origin = { ...origin, terminalId: 'till-1' }))],
  ['fields as a list', varied(entry(), (c) => (c.fields = []))],
  ['a field name too long', varied(entry(), (c) => (fieldsOf(c)['k'.repeat(65)] = 1))],
  ['a field name at the limit', varied(entry(), (c) => (fieldsOf(c)['k'.repeat(64)] = 1))],
  ['a text too long', varied(entry(), (c) => (fieldsOf(c).notes = 'x'.repeat(10_001)))],
  ['a text at the limit', varied(entry(), (c) => (fieldsOf(c).notes = 'x'.repeat(10_000)))],
  ['an endless number', varied(entry(), (c) => (fieldsOf(c).n = Number.POSITIVE_INFINITY))],
  ['not a number', varied(entry(), (c) => (fieldsOf(c).n = Number.NaN))],
  ['an object value', varied(entry(), (c) => (fieldsOf(c).o = { a: 1 }))],
  ['settled issues', varied(entry(), (c) => (fieldsOf(c).resolves = [uuidv7(), uuidv7()]))],
  ['a settled issue not an id', varied(entry(), (c) => (fieldsOf(c).resolves = [uuidv7(), 'x']))],
  [
    'too many settled issues',
    varied(entry(), (c) => (fieldsOf(c).resolves = Array.from({ length: 201 }, () => uuidv7()))),
  ],
  ['ids and lines mixed', varied(purchase(), (c) => (fieldsOf(c).lines = [line, uuidv7()]))],
  ['a line with more', varied(purchase(), (c) => (fieldsOf(c).lines = [{ ...line, colour: 'red' }]))],
  ['a line of no quantity', varied(purchase(), (c) => (fieldsOf(c).lines = [{ ...line, quantity: 0 }]))],
  ['a line of part a unit', varied(purchase(), (c) => (fieldsOf(c).lines = [{ ...line, quantity: 1.5 }]))],
  [
    'a line neither kept nor returned',
    varied(purchase(), (c) => (fieldsOf(c).lines = [{ ...line, returnStatus: 'lost' }])),
  ],
  ['a line sku too long', varied(purchase(), (c) => (fieldsOf(c).lines = [{ ...line, sku: 's'.repeat(65) }]))],
  [
    'too many lines',
    varied(purchase(), (c) => (fieldsOf(c).lines = Array.from({ length: MAX_PURCHASE_LINES + 1 }, () => line))),
  ],
  ['a customer field unstamped', varied(customer(), (c) => (fieldsOf(c).email = { value: 'a@b.c' }))],
  ['a customer field badly stamped', varied(customer(), (c) => (fieldsOf(c).email = { value: 'a@b.c', hlc: 'x' }))],
  ['a customer field with more', varied(customer(), (c) => (fieldsOf(c).email = { value: 1, hlc, by: 'me' }))],
  ['a customer with a customer id', varied(customer(), (c) => (c.customerId = null))],
  ['a field named __proto__', JSON.parse(JSON.stringify(entry()).replace('"flagged"', '"__proto__"'))],
];

describe("a bootstrap page's changes", () => {
  it.each(CASES)('%s: the quick check takes it only if zod does, and gives what zod gives', (_, change) => {
    const zod = changeSchema.safeParse(change);
    if (isPlainChange(change)) {
      expect(zod.success).toBe(true);
      expect(change).toEqual(zod.data);
    }
    const page = changesSchema.safeParse([change]);
    expect(page.success).toBe(zod.success);
    if (zod.success) expect(page.data).toEqual([zod.data]);
  });

  it('takes the kinds a bootstrap is made of without asking zod', () => {
    for (const make of [entry, purchase, customer]) expect(isPlainChange(make())).toBe(true);
  });

  it("refuses a page with one bad change among good ones, saying which, as zod's own check of the page did", () => {
    const bad = varied(entry(), (c) => (c.hlc = 'yesterday'));
    const page = { changes: [customer(), entry(), bad, purchase()], after: null, total: 4, feedCursor: 'c' };
    const got = bootstrapResponseSchema.safeParse(page);
    expect(got.success).toBe(false);
    expect(got.error!.issues.map((i) => i.path)).toEqual([['changes', 2, 'hlc']]);
    expect(bootstrapResponseSchema.safeParse({ ...page, changes: 'all of them' }).success).toBe(false);
  });
});
