// A push of facts only, the common one, applied in one statement (main/hub/push-facts.ts), on a real PostgreSQL over
// real HTTP with two hub processes: a fact twice in a batch, a batch sent again (one after the other, and both at once
// through the two processes), an erasure that the batch's facts must not undo, and feed numbers taken only under
// the feed's lock.
import { beforeAll, describe, expect, it } from 'vitest';
import { HUB_API } from '@common/sync/api';
import { FACT_ENTITIES, type Change, type Mutation } from '@common/sync/changes';
import { uuidv7 } from '@common/sync/ids';
import { FEED_LOCK_KEY } from '../../../main/hub/push';
import { factsOnly } from '../../../main/hub/push-facts';
import { post, startTestHub, type TestHub } from '../../helpers/hub';
import { erase, interaction, pullRaw, till, upsert, type Body, type Till } from '../../helpers/hub-till';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
let hub: TestHub;
let other: TestHub;

beforeAll(async () => {
  hub = await startTestHub(db);
  other = await startTestHub(db);
});

/** Numbers and stamps the mutations as the terminal's outbox would, without sending them. */
function batch(t: Till, ...bodies: Body[]): Mutation[] {
  return bodies.map((b) => ({ ...b, hlc: b.hlc ?? t.clock.tick(), mutationId: t.next++ }) as Mutation);
}
async function send(t: Till, mutations: Mutation[], via = hub) {
  const answer = await post(
    via.url,
    HUB_API.push.path,
    { storeId: t.store.id, mutations },
    { credential: t.credential },
  );
  if (answer.status !== 200) throw new Error(`push: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { lastMutationId: number; restamped: number };
}
const facts = async (ids: string[]) =>
  (
    await db.pool.query<{ id: string; fields: Record<string, unknown> }>(
      'SELECT id, fields FROM facts WHERE id = ANY($1)',
      [ids],
    )
  ).rows;
const fedIds = async (ids: string[]) =>
  (
    await db.pool.query<{ entity_id: string }>('SELECT entity_id FROM changes WHERE entity_id = ANY($1) ORDER BY seq', [
      ids,
    ])
  ).rows.map((r) => r.entity_id);
const lastApplied = async (t: Till) =>
  Number(
    (await db.pool.query<{ n: string }>('SELECT last_mutation_id AS n FROM terminals WHERE id = $1', [t.terminal.id]))
      .rows[0]!.n,
  );

const note = (customer: string, notes: string, id = uuidv7()) => interaction(customer, { kind: 'inquiry', notes }, id);

describe('a push of facts only', () => {
  it('takes the one-statement path (the batches below are such pushes)', async () => {
    const t = await till(hub, 'Galway', 'path');
    expect(factsOnly(batch(t, note(uuidv7(), 'a'), note(uuidv7(), 'b')), new Date(), t.terminal.id)).toBe(true);
    expect(
      factsOnly(batch(t, upsert(uuidv7(), { firstName: 'Ciara' }), note(uuidv7(), 'c')), new Date(), t.terminal.id),
    ).toBe(false);
  });

  it('inserts and feeds a fact twice in the batch once, every fact in the batch order', async () => {
    const t = await till(hub, 'Galway', 'dup');
    const customer = uuidv7();
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const mutations = batch(
      t,
      note(customer, 'first', a),
      note(customer, 'second', b),
      note(customer, 'first', a),
      note(customer, 'third', c),
    );
    expect(await send(t, mutations)).toMatchObject({ lastMutationId: mutations.at(-1)!.mutationId, restamped: 0 });
    expect(await fedIds([a, b, c])).toEqual([a, b, c]);
    expect((await facts([a, b, c])).map((f) => f.id).sort()).toEqual([a, b, c].sort());
  });

  it('changes nothing when the batch is sent again, after it or at the same time through the other hub process', async () => {
    const t = await till(hub, 'Galway', 'retry');
    const customer = uuidv7();
    const first = batch(t, ...Array.from({ length: 10 }, (_, i) => note(customer, `entry ${i}`)));
    const ids = first.map((m) => m.id);
    await send(t, first);
    // The hub held all ten before the second send (`held` is read before a push's work).
    expect(await send(t, first, other)).toEqual({ lastMutationId: 10, restamped: 0, held: 10 });
    expect(await fedIds(ids)).toEqual(ids);

    // A retry while the first is still being applied: both through different processes, at once, many times over.
    for (let round = 0; round < 5; round++) {
      const again = batch(t, ...Array.from({ length: 10 }, (_, i) => note(customer, `round ${round} entry ${i}`)));
      const answers = await Promise.all([send(t, again, hub), send(t, again, other)]);
      expect(answers.map((a) => a.lastMutationId)).toEqual([again.at(-1)!.mutationId, again.at(-1)!.mutationId]);
      expect(await fedIds(again.map((m) => m.id))).toEqual(again.map((m) => m.id));
      expect(await facts(again.map((m) => m.id))).toHaveLength(10);
    }
    expect(await lastApplied(t)).toBe(t.next - 1);
  });

  it('keeps the facts of a customer erased meanwhile without their personal fields', async () => {
    const galway = await till(hub, 'Galway', 'erasing');
    const cork = await till(hub, 'Cork', 'offline');
    const customer = uuidv7();
    await send(galway, batch(galway, upsert(customer, { firstName: 'Nuala', lastName: 'Brady' })));
    await send(galway, batch(galway, erase(customer)));
    // Cork logged these offline, before it heard of the erasure.
    const late = batch(cork, note(customer, 'her new address is …'), note(customer, 'rang about the refund'));
    await send(cork, late, other);
    const personal: readonly string[] = FACT_ENTITIES.interaction.personal;
    for (const f of await facts(late.map((m) => m.id))) {
      expect(Object.keys(f.fields).filter((k) => personal.includes(k))).toEqual([]);
      expect(f.fields.kind).toBe('inquiry');
    }
    const { changes } = await pullRaw(galway);
    const pulled = changes.filter((c) => late.some((m) => m.id === c.id));
    expect(pulled.map((c) => (c as Extract<Change, { kind: 'append' }>).fields.notes)).toEqual([undefined, undefined]);
  });

  it('numbers its feed rows only under the feed lock, so none can commit behind a number a reader has seen', async () => {
    const t = await till(hub, 'Galway', 'queued');
    const seqNow = async () =>
      (
        await db.pool.query<{ n: string }>(
          "SELECT last_value AS n FROM pg_sequences WHERE sequencename = (SELECT split_part(pg_get_serial_sequence('changes', 'seq'), '.', 2))",
        )
      ).rows[0]!.n;
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
      const before = await seqNow();
      let done = false;
      const pushing = send(t, batch(t, note(uuidv7(), 'waits'), note(uuidv7(), 'for the lock'))).then(
        () => (done = true),
      );
      // Long enough for the push to insert its facts and reach the lock (a push takes milliseconds here).
      await new Promise((r) => setTimeout(r, 500));
      expect(done).toBe(false);
      expect(await seqNow()).toBe(before);
      await holder.query('COMMIT');
      await pushing;
    } finally {
      holder.release();
    }
  });
  // The feed's order while many tills push facts at once through two processes: hub-sync.test.ts (its batches are
  // facts only, so they take this path).
});
