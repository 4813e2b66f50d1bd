// `counterpart hub merges` and `hub unmerge` on a real PostgreSQL: the list a manager reads (and the conflicts the hub
// refused to merge), undoing one with who did it audited, and clear refusals.
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import { startTestHub } from '../../helpers/hub';
import { push, till, upsert } from '../../helpers/hub-till';
import { chainCli } from '../../helpers/chain-cli';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
let older: string;
let newer: string;

const cli = (...argv: string[]) => chainCli(db.url, ...argv);

beforeAll(async () => {
  const hub = await startTestHub(db);
  const galway = await till(hub, 'Galway', 'till-1');
  const cork = await till(hub, 'Cork', 'till-1');
  [older, newer] = [uuidv7(Date.now() - 60_000), uuidv7()];
  await push(galway, upsert(older, { firstName: 'Ciarán', lastName: 'Walsh', email: 'ciaran@example.ie' }));
  await push(cork, upsert(newer, { firstName: 'Ciaran', lastName: 'Walsh', email: 'Ciaran@Example.ie' }));
  await push(galway, upsert(uuidv7(), { firstName: 'Mary', lastName: 'Hayes', loyaltyId: 'H-1' }));
  await push(cork, upsert(uuidv7(), { firstName: 'Nora', lastName: 'Hayes', loyaltyId: 'H1' }));
});

describe('hub merges and unmerge', () => {
  it('list the merges and the conflicts, undo one as the manager named, and refuse to undo it twice', async () => {
    const listed = await cli('hub', 'merges', '--json');
    expect(listed.code).toBe(0);
    const { merges, conflicts } = JSON.parse(listed.out);
    expect(merges).toEqual([
      expect.objectContaining({
        alias: expect.objectContaining({ id: newer, store: 'Cork' }),
        survivor: expect.objectContaining({ id: older }),
        matchedOn: 'email',
        undoneAt: null,
      }),
    ]);
    expect(conflicts).toEqual([expect.objectContaining({ matchedOn: 'loyaltyId' })]);
    const text = await cli('hub', 'merges');
    expect(text.out).toMatch(/Ciarán Walsh, Galway +Ciaran Walsh, Cork +email +merged/);
    expect(text.out).toMatch(
      /Not merged, the names differ \(1\)[\s\S]*Mary Hayes, Galway +Nora Hayes, Cork +loyaltyId/,
    );

    const id = merges[0].id as string;
    expect(await cli('hub', 'unmerge', id, '--by', 'Síle (manager)')).toEqual({
      code: 0,
      out: 'Undone: Ciaran Walsh, Cork is their own customer again, apart from Ciarán Walsh, Galway; every terminal follows at its next sync.\n',
      err: '',
    });
    const { rows } = await db.pool.query('SELECT actor, action FROM hub_audit WHERE subject = $1', [id]);
    expect(rows).toEqual([{ actor: 'Síle (manager)', action: 'customer.unmerge' }]);
    expect((await cli('hub', 'merges')).out).toMatch(/undone [\d-]+ [\d:]+ UTC +Síle \(manager\)/);

    const twice = await cli('hub', 'unmerge', id);
    expect(twice).toMatchObject({ code: 1, out: '' });
    expect(twice.err).toMatch(/^Merge .* was undone already, at .*\.\n$/);
    expect(await cli('hub', 'unmerge', 'not-an-id')).toMatchObject({
      code: 2,
      err: '"not-an-id" is not a merge id (see counterpart hub merges).\n',
    });
    expect((await cli('hub', 'unmerge')).code).toBe(2);
  });
});
