// A finished bootstrap leaves the terminal's store settled (main/db/settle.ts): the chain it just wrote is in the
// file and the WAL truncated, so the counter's first write does not wait for the load.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../common/sync/ids';
import { bootstrap } from '../../../main/sync/bootstrap';
import { useChain } from '../../helpers/chain-terminal';
import { push, till, upsert } from '../../helpers/hub-till';

const chain = useChain();
const CUSTOMERS = 600;

beforeAll(async () => {
  const galway = await till(chain.hub, 'Galway', 'till-1');
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => uuidv7(Date.now() - (CUSTOMERS - i)));
  for (let i = 0; i < CUSTOMERS; i += 300) {
    await push(
      galway,
      ...ids.slice(i, i + 300).map((id, j) => upsert(id, { firstName: `Person${i + j}`, lastName: 'Settle' })),
    );
  }
}, 120_000);

describe('a bootstrap from the hub', () => {
  it('leaves the WAL empty once every page is in', async () => {
    const s = await chain.terminal('Cork');
    await bootstrap(s.ctx, s.link);
    expect(s.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS);
    expect(fs.statSync(`${s.file}-wal`).size).toBe(0);
  });
});
