// The hub's push and pull on a real PostgreSQL over real HTTP, with two hub processes on one database: idempotent
// pushes, per-field last writer wins, facts appended once, erasure final, the 3-hours-ahead clock, long-polls woken by
// a push at the other process, and a feed read in commit order while terminals push at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { HUB_API } from '@common/sync/api';
import { factOrigin, type Mutation, type PullResponse } from '@common/sync/changes';
import { formatHlc, MAX_CLOCK_LEAD_MS, parseHlc } from '@common/sync/hlc';
import { uuidv7 } from '@common/sync/ids';
import { post, startTestHub, type EnrolledTerminal, type TestHub } from '../../helpers/hub';
import { erase, till as enrolTill, pullRaw, upsert, type Body, type Till } from '../../helpers/hub-till';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
let hub: TestHub;
let other: TestHub;

beforeAll(async () => {
  hub = await startTestHub(db);
  other = await startTestHub(db);
});

/** A terminal as the hub sees it (hub-till.ts), enrolled through this file's first hub process. */
const till = (store: string, name: string, wallClock?: () => number) => enrolTill(hub, store, name, wallClock);
const interaction = (customerId: string, fields: Record<string, unknown>, id = uuidv7()): Body =>
  ({ entity: 'interaction', kind: 'append', id, customerId, fields }) as Body;

/** Numbers and stamps the mutations as the terminal's outbox would. */
function batch(t: Till, ...bodies: Body[]): Mutation[] {
  return bodies.map((b) => ({ ...b, hlc: b.hlc ?? t.clock.tick(), mutationId: t.next++ }) as Mutation);
}
async function push(t: Till, mutations: Mutation[], via = hub) {
  const answer = await post(
    via.url,
    HUB_API.push.path,
    { storeId: t.store.id, mutations },
    { credential: t.credential },
  );
  if (answer.status !== 200) throw new Error(`push: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { lastMutationId: number; restamped: number };
}
async function pull(
  t: EnrolledTerminal,
  cursor: string | null,
  extra: { limit?: number; waitMs?: number } = {},
  via = hub,
): Promise<PullResponse> {
  const answer = await post(
    via.url,
    HUB_API.pull.path,
    { storeId: t.store.id, cursor, ...extra },
    { credential: t.credential },
  );
  if (answer.status !== 200) throw new Error(`pull: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as PullResponse;
}
const customerFields = async (id: string) =>
  Object.fromEntries(
    (
      await db.pool.query<{ field: string; value: unknown }>(
        'SELECT field, value FROM customer_fields WHERE customer_id = $1',
        [id],
      )
    ).rows.map((r) => [r.field, r.value]),
  );
const feedCount = async () =>
  Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM changes')).rows[0]!.n);

describe('push and pull', () => {
  it('bring a customer made at one till to a till of another store, through the other hub process', async () => {
    const galway = await till('Galway', 'till-1');
    const cork = await till('Cork', 'till-1');
    const start = await pullRaw(cork);
    const id = uuidv7();
    expect(
      await push(galway, batch(galway, upsert(id, { firstName: 'Aoife', lastName: 'Byrne', phone: '087 123 4567' }))),
    ).toEqual({
      lastMutationId: 1,
      restamped: 0,
      held: 0,
    });
    const page = await pull(cork, start.cursor, {}, other);
    expect(page.more).toBe(false);
    expect(page.changes).toHaveLength(1);
    const [change] = page.changes;
    expect(change).toMatchObject({
      entity: 'customer',
      kind: 'upsert',
      id,
      origin: { storeId: galway.store.id, terminalId: galway.terminal.id },
    });
    expect(
      change!.kind === 'upsert' && Object.fromEntries(Object.entries(change!.fields).map(([k, v]) => [k, v.value])),
    ).toEqual({
      firstName: 'Aoife',
      lastName: 'Byrne',
      phone: '087 123 4567',
    });
    expect((await pull(cork, page.cursor)).changes).toEqual([]);
  });

  it('change nothing when a batch is sent twice, or again with one more mutation at its end', async () => {
    const t = await till('Galway', 'till-2');
    const id = uuidv7();
    const first = batch(
      t,
      upsert(id, { firstName: 'Ciara' }),
      interaction(id, { kind: 'inquiry', notes: 'asked about sizes' }),
    );
    expect((await push(t, first)).lastMutationId).toBe(2);
    const before = await feedCount();
    // A batch sent again: the hub held both already, and says so.
    expect(await push(t, first, other)).toEqual({ lastMutationId: 2, restamped: 0, held: 2 });
    expect(await feedCount()).toBe(before);
    const more = batch(t, upsert(id, { lastName: 'Walsh' }));
    expect((await push(t, [...first, ...more])).lastMutationId).toBe(3);
    expect(await feedCount()).toBe(before + 1);
    expect(await customerFields(id)).toEqual({ firstName: 'Ciara', lastName: 'Walsh' });
  });

  it('append a fact once even when two tills send the same one, and hand it out with its customer', async () => {
    const a = await till('Galway', 'till-3');
    const b = await till('Galway', 'till-4');
    const id = uuidv7();
    const customer = uuidv7();
    const fact = interaction(customer, { kind: 'purchase', outcome: 'resolved', notes: 'new boots' }, id);
    await push(a, batch(a, fact));
    const before = await feedCount();
    await push(b, batch(b, fact));
    expect(await feedCount()).toBe(before);
    const { rows } = await db.pool.query('SELECT entity, customer_id, fields FROM facts WHERE id = $1', [id]);
    expect(rows).toEqual([
      {
        entity: 'interaction',
        customer_id: customer,
        fields: { kind: 'purchase', outcome: 'resolved', notes: 'new boots', ...factOrigin(a) },
      },
    ]);
  });
});

describe('customer fields', () => {
  it('keep both edits when two tills change different fields offline', async () => {
    const a = await till('Galway', 'till-5');
    const b = await till('Cork', 'till-5');
    const id = uuidv7();
    await push(a, batch(a, upsert(id, { firstName: 'Sean', email: null, notes: '' })));
    const editA = batch(a, upsert(id, { email: 'sean@example.ie' }));
    const editB = batch(b, upsert(id, { notes: 'prefers mornings' }));
    await Promise.all([push(a, editA), push(b, editB, other)]);
    expect(await customerFields(id)).toEqual({
      firstName: 'Sean',
      email: 'sean@example.ie',
      notes: 'prefers mornings',
    });
  });

  it('keep the later stamp of two edits of one field whatever order they arrive in, and tell the loser so', async () => {
    const a = await till('Galway', 'till-6');
    const b = await till('Cork', 'till-6');
    const id = uuidv7();
    const t0 = Date.now();
    const earlier = batch(a, {
      ...upsert(id, { phone: '01 111' }),
      hlc: formatHlc({ ms: t0, counter: 0, node: a.terminal.id }),
    });
    const later = batch(b, {
      ...upsert(id, { phone: '01 222' }),
      hlc: formatHlc({ ms: t0, counter: 1, node: b.terminal.id }),
    });
    const { cursor } = await pullRaw(a);
    await push(b, later);
    await push(a, earlier); // arrives last, with the older stamp
    expect(await customerFields(id)).toEqual({ phone: '01 222' });
    const { changes } = await pullRaw(a, cursor);
    // The loser's own change comes back carrying the winner, so a till that showed its own value ends at the hub's.
    expect(changes.map((c) => c.kind === 'upsert' && c.fields.phone)).toEqual([
      { value: '01 222', hlc: later[0]!.hlc },
      { value: '01 222', hlc: later[0]!.hlc },
    ]);
  });

  it('break a tie of the same millisecond and counter by terminal id, the same way on every hub', async () => {
    const a = await till('Galway', 'till-7');
    const b = await till('Galway', 'till-8');
    const [low, high] = [a, b].sort((x, y) => (x.terminal.id < y.terminal.id ? -1 : 1)) as [Till, Till];
    const id = uuidv7();
    const ms = Date.now();
    await push(
      high,
      batch(high, { ...upsert(id, { language: 'ga' }), hlc: formatHlc({ ms, counter: 0, node: high.terminal.id }) }),
    );
    await push(
      low,
      batch(low, { ...upsert(id, { language: 'en' }), hlc: formatHlc({ ms, counter: 0, node: low.terminal.id }) }),
      other,
    );
    expect(await customerFields(id)).toEqual({ language: 'ga' });
  });
});

describe('a till whose clock is 3 hours ahead', () => {
  it('has its too-early stamps re-stamped by the hub, so an honest edit made after it arrived still wins', async () => {
    const fast = await till('Galway', 'till-fast', () => Date.now() + 3 * 3_600_000);
    const honest = await till('Cork', 'till-honest');
    const id = uuidv7();
    const stale = batch(fast, upsert(id, { notes: 'from the fast till', firstName: 'Niamh' }));
    expect(await push(fast, stale)).toEqual({ lastMutationId: 1, restamped: 1, held: 0 });
    const { rows } = await db.pool.query<{ hlc: string }>(
      "SELECT hlc FROM customer_fields WHERE customer_id = $1 AND field = 'notes'",
      [id],
    );
    const kept = parseHlc(rows[0]!.hlc);
    expect(kept.ms).toBeLessThanOrEqual(Date.now() + MAX_CLOCK_LEAD_MS);
    expect(kept.node).toBe(fast.terminal.id);
    await new Promise((r) => setTimeout(r, 2));
    await push(honest, batch(honest, upsert(id, { notes: 'from the honest till' })));
    expect(await customerFields(id)).toEqual({ firstName: 'Niamh', notes: 'from the honest till' });
  });

  it('keeps a stamp within the lead as it was sent', async () => {
    const slightlyFast = await till('Galway', 'till-near', () => Date.now() + MAX_CLOCK_LEAD_MS / 2);
    const m = batch(slightlyFast, upsert(uuidv7(), { firstName: 'Róisín' }));
    expect((await push(slightlyFast, m)).restamped).toBe(0);
    const { rows } = await db.pool.query<{ hlc: string }>('SELECT hlc FROM customer_fields WHERE customer_id = $1', [
      m[0]!.id,
    ]);
    expect(rows[0]!.hlc).toBe(m[0]!.hlc);
  });
});

describe('erasure', () => {
  it('purges the fields, blanks the customer in changes already in the feed, anonymises facts, and beats every later write', async () => {
    const a = await till('Galway', 'till-9');
    const b = await till('Cork', 'till-9');
    const id = uuidv7();
    const { cursor } = await pullRaw(b);
    const fact = interaction(id, {
      kind: 'complaint',
      notes: 'my name is Aoife Byrne',
      said: 'it broke',
      amendReason: null,
    });
    await push(a, batch(a, upsert(id, { firstName: 'Aoife', email: 'aoife@example.ie' }), fact));
    // Till b edits the customer offline with a stamp later than the erasure's; erasure still wins.
    const lateEdit = batch(b, {
      ...upsert(id, { firstName: 'Aoife B.' }),
      hlc: formatHlc({ ms: Date.now() + 60_000, counter: 0, node: b.terminal.id }),
    });
    await push(a, batch(a, erase(id)), other);
    await push(b, lateEdit);
    await push(b, batch(b, interaction(id, { kind: 'inquiry', notes: 'Aoife again', said: 'hello' })));
    await push(a, batch(a, erase(id))); // a second erasure adds nothing

    expect(await customerFields(id)).toEqual({});
    const { rows: facts } = await db.pool.query<{ fields: object }>(
      'SELECT fields FROM facts WHERE customer_id = $1 ORDER BY id',
      [id],
    );
    expect(facts.map((f) => f.fields)).toEqual([
      { kind: 'complaint', ...factOrigin(a) },
      { kind: 'inquiry', ...factOrigin(b) },
    ]);
    const { changes } = await pullRaw(b, cursor);
    expect(changes.map((c) => c.kind)).toEqual(['upsert', 'append', 'erase', 'append']);
    expect(JSON.stringify(changes)).not.toMatch(/Aoife|example\.ie|broke|hello/);
  });
});

describe('pulls', () => {
  it('wait for the next change and wake when it commits at the other hub process', async () => {
    const a = await till('Galway', 'till-10');
    const b = await till('Cork', 'till-10');
    const { cursor } = await pullRaw(b);
    const started = Date.now();
    const waiting = pull(b, cursor, { waitMs: 20_000 }, other);
    await new Promise((r) => setTimeout(r, 200));
    const id = uuidv7();
    await push(a, batch(a, upsert(id, { firstName: 'Oisín' })));
    const page = await waiting;
    expect(page.changes.map((c) => c.id)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answer with nothing once the wait is over, at the same cursor', async () => {
    const b = await till('Cork', 'till-11');
    const { cursor } = await pullRaw(b);
    const page = await pull(b, cursor, { waitMs: 300 });
    expect(page).toEqual({ changes: [], cursor, more: false, clerksTag: expect.any(String), held: 0 });
  });

  it('refuse a cursor they did not give out, or one past the end of the feed', async () => {
    const b = await till('Cork', 'till-12');
    const bad = await post(
      hub.url,
      HUB_API.pull.path,
      { storeId: b.store.id, cursor: 'abc' },
      { credential: b.credential },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
    const past = await post(
      hub.url,
      HUB_API.pull.path,
      { storeId: b.store.id, cursor: 'v1.999999999' },
      { credential: b.credential },
    );
    expect(past.status).toBe(409);
  });
});

describe('pushes that are not well formed', () => {
  it('are refused whole with a clear message: unknown fields, mutation ids out of order, a fact without a fact entity', async () => {
    const t = await till('Galway', 'till-13');
    const id = uuidv7();
    const hlc = t.clock.tick();
    const cases: [unknown[], RegExp][] = [
      [[{ mutationId: 1, entity: 'customer', kind: 'upsert', id, hlc, fields: { visitCount: 9 } }], /visitCount/],
      [[{ mutationId: 1, entity: 'customer', kind: 'upsert', id, hlc, fields: {} }], /at least one field/],
      [
        [
          { mutationId: 2, entity: 'customer', kind: 'erase', id, hlc },
          { mutationId: 1, entity: 'customer', kind: 'erase', id, hlc },
        ],
        /mutationIds must increase/,
      ],
      [[{ mutationId: 1, entity: 'customer', kind: 'append', id, hlc, customerId: null, fields: {} }], /entity/],
    ];
    const before = await feedCount();
    for (const [mutations, message] of cases) {
      const answer = await post(
        hub.url,
        HUB_API.push.path,
        { storeId: t.store.id, mutations },
        { credential: t.credential },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(message);
    }
    expect(await feedCount()).toBe(before);
  });
});

describe('the feed under concurrent pushes', () => {
  it('hands every change out exactly once, in commit order, to a reader paging while six tills push through two hub processes', async () => {
    const tills = await Promise.all(Array.from({ length: 6 }, (_, i) => till(i % 2 ? 'Galway' : 'Cork', `busy-${i}`)));
    const reader = tills[0]!;
    let { cursor } = await pullRaw(reader);
    const seen: string[] = [];
    let pushing = true;
    const reading = (async () => {
      while (pushing) {
        const page = await pull(reader, cursor, { limit: 7 }, other);
        seen.push(...page.changes.map((c) => c.id));
        cursor = page.cursor;
      }
      const rest = await pullRaw(reader, cursor);
      seen.push(...rest.changes.map((c) => c.id));
    })();
    const sent: string[] = [];
    await Promise.all(
      tills.map(async (t, i) => {
        for (let round = 0; round < 4; round++) {
          const bodies = Array.from({ length: 5 }, () =>
            interaction(uuidv7(), { kind: 'other', notes: `round ${round}` }),
          );
          sent.push(...bodies.map((b) => b.id));
          await push(t, batch(t, ...bodies), i % 2 ? hub : other);
        }
      }),
    );
    pushing = false;
    await reading;
    expect(seen).toHaveLength(sent.length);
    expect(new Set(seen)).toEqual(new Set(sent));
  });
});
