// A finished bootstrap leaves the terminal's store settled (main/db/settle.ts): the chain it just wrote is in the
// file and the WAL truncated, so the counter's first write does not wait for the load; and its full-text indexes each
// in one segment, as a seeded store's are, so a lookup after it reads each trigram's list once, not once per slice's
// leftover segment.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import { fullTextTables } from '../../../main/db/settle';
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
  it('leaves the WAL empty and each search index in one segment once every page is in', async () => {
    const s = await chain.terminal('Cork');
    await bootstrap(s.ctx, s.link);
    expect(s.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS);
    expect(fs.statSync(`${s.file}-wal`).size).toBe(0);
    // FTS5 keeps, per segment, the first term of each of its leaf pages in <table>_idx.
    const segments = (table: string) =>
      s.db.prepare(`SELECT count(DISTINCT segid) FROM ${table}_idx`).pluck().get() as number;
    expect(fullTextTables(s.db)).toContain('customer_fts');
    for (const table of fullTextTables(s.db))
      expect({ table, segments: segments(table) }).toEqual({ table, segments: 1 });
  });
});
