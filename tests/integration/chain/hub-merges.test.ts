// The same person created offline at two stores, on a real PostgreSQL over real HTTP: linked on the hub (the older id
// survives, the other resolves to it, histories merge), never when the names say two people (a conflict for a
// manager instead), undone by a manager (audited, never merged again by itself).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '@common/sync/changes';
import { uuidv7 } from '@common/sync/ids';
import { customerOnHub, listConflicts, listMerges, unmergeCustomers } from '../../../main/hub/merges';
import { HubFailure } from '../../../main/hub/errors';
import { startTestHub, type TestHub } from '../../helpers/hub';
import { erase, interaction, pullRaw, push, till, upsert, type Till } from '../../helpers/hub-till';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
let hub: TestHub;
let galway: Till;
let cork: Till;
let n = 0;

beforeAll(async () => {
  hub = await startTestHub(db);
  galway = await till(hub, 'Galway', `till-${++n}`);
  cork = await till(hub, 'Cork', `till-${++n}`);
});

/** A customer id made `ago` ms before now, as a terminal offline then would have made it. */
const madeAgo = (ago: number) => uuidv7(Date.now() - ago);
const links = (changes: Change[]) =>
  changes
    .filter((c) => c.kind === 'merge' || c.kind === 'unmerge')
    .map((c) => ({ kind: c.kind, id: c.id, survivorId: 'survivorId' in c ? c.survivorId : null }));

describe('the same person created at two stores', () => {
  it('is linked when the second arrives: the older id survives, whichever store pushed first, and its history is both', async () => {
    const { cursor } = await pullRaw(cork);
    const older = madeAgo(60_000);
    const newer = madeAgo(1_000);
    // The newer one reaches the hub first; the older one, made offline a minute earlier, after it.
    await push(
      cork,
      upsert(newer, { firstName: 'Máire', lastName: 'Ní Bhriain', email: 'MAIRE@example.ie' }),
      interaction(newer, { kind: 'inquiry' }, uuidv7()),
    );
    await push(
      galway,
      upsert(older, { firstName: 'Maire', lastName: 'Ní Bhriain', email: ' maire@example.ie' }),
      interaction(older, { kind: 'purchase' }, uuidv7()),
    );
    const { changes } = await pullRaw(cork, cursor);
    expect(links(changes)).toEqual([{ kind: 'merge', id: newer, survivorId: older }]);
    for (const asked of [newer, older]) {
      const found = await customerOnHub(db.pool, asked);
      expect(found).toMatchObject({ id: older, aliases: [newer], fields: { firstName: 'Maire' } });
      expect(found!.facts.map((f) => f.customerId).sort()).toEqual([newer, older].sort());
    }
    expect((await listMerges(db.pool)).find((m) => m.alias.id === newer)).toMatchObject({
      survivor: { id: older, store: 'Galway' },
      alias: { name: 'Máire Ní Bhriain', store: 'Cork' },
      matchedOn: 'email',
      undoneAt: null,
    });
  });

  it('is linked by a phone written another way, and a third record lands on the same survivor', async () => {
    const [first, second, third] = [madeAgo(90_000), madeAgo(50_000), madeAgo(10_000)];
    await push(galway, upsert(second, { firstName: 'Seán', lastName: 'Kelly', phone: '087 555 0101' }));
    await push(
      cork,
      upsert(third, { firstName: 'Sean', lastName: 'Kelly', phone: '+353 87 555 0101', loyaltyId: 'K-100' }),
    );
    await push(cork, upsert(first, { firstName: 'S.', lastName: 'Kelly', loyaltyId: 'k100' }));
    for (const id of [first, second, third]) expect((await customerOnHub(db.pool, id))!.id).toBe(first);
    expect((await customerOnHub(db.pool, first))!.aliases.sort()).toEqual([second, third].sort());
  });

  it('is not linked when the names say two people: the shared card is a conflict for a manager', async () => {
    const { cursor } = await pullRaw(cork);
    const mary = madeAgo(30_000);
    const nuala = madeAgo(20_000);
    await push(galway, upsert(mary, { firstName: 'Mary', lastName: "O'Brien", loyaltyId: 'CARD-777' }));
    await push(cork, upsert(nuala, { firstName: 'Nuala', lastName: 'Quinn', loyaltyId: 'card 777' }));
    expect(links((await pullRaw(cork, cursor)).changes)).toEqual([]);
    expect((await customerOnHub(db.pool, nuala))!.id).toBe(nuala);
    expect((await listConflicts(db.pool)).filter((c) => [c.a.id, c.b.id].includes(mary))).toEqual([
      expect.objectContaining({
        matchedOn: 'loyaltyId',
        a: { id: mary, name: "Mary O'Brien", store: 'Galway' },
        b: { id: nuala, name: 'Nuala Quinn', store: 'Cork' },
      }),
    ]);
  });
});

describe('erasing a merged person', () => {
  it('erases every record of them, whichever record the erasure names', async () => {
    const [older, newer] = [madeAgo(70_000), madeAgo(2_000)];
    await push(galway, upsert(older, { firstName: 'Eimear', lastName: 'Doyle', email: 'eimear@example.ie' }));
    await push(
      cork,
      upsert(newer, { firstName: 'Eimear', lastName: 'Doyle', email: 'eimear@example.ie', phone: '01 222 8888' }),
    );
    const { cursor } = await pullRaw(cork);
    await push(cork, erase(newer));
    expect(
      (await pullRaw(cork, cursor)).changes
        .filter((c) => c.kind === 'erase')
        .map((c) => c.id)
        .sort(),
    ).toEqual([newer, older].sort());
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM customer_fields WHERE customer_id = ANY($1)', [
      [older, newer],
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('undoing a merge', () => {
  it('gives the alias back its own customer and facts, tells every terminal, is audited, and is not merged again', async () => {
    const older = madeAgo(40_000);
    const newer = madeAgo(5_000);
    await push(
      galway,
      upsert(older, { firstName: 'John', lastName: 'Ryan', phone: '01 444 9999' }),
      interaction(older, { kind: 'inquiry' }, uuidv7()),
    );
    await push(
      cork,
      upsert(newer, { firstName: 'John', lastName: 'Ryan', phone: '014449999' }),
      interaction(newer, { kind: 'complaint' }, uuidv7()),
    );
    const merge = (await listMerges(db.pool)).find((m) => m.alias.id === newer)!;
    const { cursor } = await pullRaw(cork);

    const undone = await unmergeCustomers(db.pool, { mergeId: merge.id, actor: 'manager@galway', now: new Date() });
    expect(undone).toMatchObject({ id: merge.id, undoneBy: 'manager@galway' });
    expect(links((await pullRaw(cork, cursor)).changes)).toEqual([{ kind: 'unmerge', id: newer, survivorId: older }]);
    const alone = await customerOnHub(db.pool, newer);
    expect(alone).toMatchObject({ id: newer, aliases: [] });
    expect(alone!.facts.map((f) => f.customerId)).toEqual([newer]);
    const { rows } = await db.pool.query('SELECT actor, action, subject FROM hub_audit WHERE subject = $1', [merge.id]);
    expect(rows).toEqual([{ actor: 'manager@galway', action: 'customer.unmerge', subject: merge.id }]);

    // An edit of either afterwards does not link them again: the manager said they are two people.
    await push(cork, upsert(newer, { notes: 'the son' }));
    expect((await customerOnHub(db.pool, newer))!.id).toBe(newer);
    const again = await unmergeCustomers(db.pool, { mergeId: merge.id, actor: 'x', now: new Date() }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(HubFailure);
    expect(again).toMatchObject({ code: 'CONFLICT' });
    await expect(unmergeCustomers(db.pool, { mergeId: uuidv7(), actor: 'x', now: new Date() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
