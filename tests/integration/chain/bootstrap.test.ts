// A new terminal's first copy of the chain, on a real PostgreSQL and a real SQLite file: customers first and in pages
// (lookups work before the history comes), resumed after a crash from the last page it kept, the facts of the
// history window only, and what changed meanwhile arriving through the feed.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_DAYS } from '@common/sync/bootstrap';
import { uuidv7 } from '@common/sync/ids';
import { customersRepo } from '../../../main/db/customers.repo';
import { searchCustomers } from '../../../main/services/customer-search';
import { getProfile } from '../../../main/services/customers';
import { BOOTSTRAP_PAGE, bootstrap, bootstrapProgress, type BootstrapProgress } from '../../../main/sync/bootstrap';
import { onApplied, pullCursor } from '../../../main/sync/replica';
import { pullAll } from '../../../main/sync/session';
import { syncStatus } from '../../../main/sync/status';
import { useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';
import { interaction, push, till, upsert, type Till } from '../../helpers/hub-till';

const chain = useChain();
let galway: Till;
const CUSTOMERS = BOOTSTRAP_PAGE * 2 + 500;
const ids: string[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  galway = await till(chain.hub, 'Galway', 'till-1');
  for (let i = 0; i < CUSTOMERS; i++) ids.push(uuidv7(Date.now() - (CUSTOMERS - i)));
  for (let i = 0; i < CUSTOMERS; i += 500) {
    await push(
      galway,
      ...ids
        .slice(i, i + 500)
        .map((id, j) =>
          upsert(id, { firstName: `Person${i + j}`, lastName: 'Boot', phone: `01 ${String(1_000_000 + i + j)}` }),
        ),
    );
  }
  // History: three facts from within two years, two older ones.
  const at = (daysAgo: number) => uuidv7(Date.now() - daysAgo * DAY);
  await push(
    galway,
    ...[10, 200, 700, 800, 1500].map((d) => interaction(ids[0]!, { kind: 'inquiry', outcome: 'resolved' }, at(d))),
  );
}, 120_000);

const terminal = () => chain.terminal('Cork');
const customerCount = (t: Terminal) => t.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()!.n;

describe('a new terminal', () => {
  it('copies the customers in pages, is usable after the first, resumes after a crash, and follows the feed from where it began', async () => {
    const cork = await terminal();
    const seen: BootstrapProgress[] = [];
    const crash = new Error('killed after the first page');
    await expect(
      bootstrap(cork.ctx, cork.link, {
        onProgress: (p) => {
          seen.push(p);
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(seen).toEqual([{ phase: 'customers', done: BOOTSTRAP_PAGE, total: CUSTOMERS }]);
    expect(customerCount(cork)).toBe(BOOTSTRAP_PAGE);
    expect(bootstrapProgress(cork.db)).toEqual({ phase: 'customers', done: BOOTSTRAP_PAGE, total: CUSTOMERS });
    expect(syncStatus(cork.file, cork.db)).toMatchObject({ bootstrap: { phase: 'customers', done: BOOTSTRAP_PAGE } });
    // The counter looks people up before the rest has come.
    const first = searchCustomers(cork.ctx, 'person0 boot');
    expect(first.map((h) => h.displayName)).toEqual(['Person0 Boot']);

    // Meanwhile Galway edits a customer the terminal has already copied.
    await push(galway, upsert(ids[1]!, { notes: 'edited during the bootstrap' }));

    const resumed: BootstrapProgress[] = [];
    await bootstrap(cork.ctx, cork.link, { onProgress: (p) => resumed.push(p) });
    expect(resumed.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual([
      `customers ${BOOTSTRAP_PAGE * 2}/${CUSTOMERS}`,
      `customers ${CUSTOMERS}/${CUSTOMERS}`,
      'facts 3/3', // two years by default: the two older facts stay on the hub
    ]);
    expect(bootstrapProgress(cork.db)).toBeNull();
    expect(customerCount(cork)).toBe(CUSTOMERS);
    expect(
      cork.db.prepare("SELECT count(DISTINCT global_id) AS n FROM sync_ids WHERE entity = 'customer'").get(),
    ).toEqual({ n: CUSTOMERS });
    expect(pullCursor(cork.db)).not.toBeNull();
    await pullAll(cork.ctx, cork.link);
    const edited = searchCustomers(cork.ctx, 'person1 boot')[0]!;
    expect(getProfile(cork.ctx, edited.id).customer.notes).toBe('edited during the bootstrap');
    expect(customerCount(cork)).toBe(CUSTOMERS);
  });

  it('gives the thread back in the middle of a page: the counter finds who has been copied while the rest of the page is applied', async () => {
    const cork = await terminal();
    // What another task on the thread (a lookup at the counter) finds each time it gets a turn during the bootstrap.
    const turns: { copied: number; found: number; kept: number | undefined; synchronous: unknown }[] = [];
    let running = true;
    const ownSetting = cork.db.pragma('synchronous', { simple: true });
    // One read transaction per turn: the bootstrap writes on a thread of its own, and the counts must agree.
    const look = () => {
      if (!running) return;
      turns.push(
        cork.db.transaction(() => ({
          copied: customerCount(cork),
          found: searchCustomers(cork.ctx, 'person0 boot').length,
          kept: bootstrapProgress(cork.db)?.done,
          // The slices commit without waiting for the disk; a clerk's write between them waits as the store says.
          synchronous: cork.db.pragma('synchronous', { simple: true }),
        }))(),
      );
      setImmediate(look);
    };
    setImmediate(look);
    await bootstrap(cork.ctx, cork.link);
    running = false;
    // A page applied in one transaction would only ever be seen whole (0, 1000, 2000…); here some turns fall inside one.
    const inside = turns.filter((t) => t.copied % BOOTSTRAP_PAGE !== 0 && t.copied < CUSTOMERS);
    expect(inside.length).toBeGreaterThan(0);
    for (const t of inside) {
      expect(t.found).toBe(1);
      expect(t.synchronous).toBe(ownSetting);
      // Where the bootstrap stands moves only with a page's last slice: a crash here applies the page again.
      expect(t.kept ?? 0).toBe(Math.floor(t.copied / BOOTSTRAP_PAGE) * BOOTSTRAP_PAGE);
    }
    expect(customerCount(cork)).toBe(CUSTOMERS);
  });

  it("copies through a connection of its own (on a thread of its own): the counter's connection writes nothing", async () => {
    const cork = await terminal();
    // total_changes() counts the rows written through this connection only.
    const written = () => cork.db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = written();
    const told = new Set<number>();
    const stop = onApplied(cork.db, (rows) => {
      for (const r of rows) told.add(r);
    });
    await bootstrap(cork.ctx, cork.link);
    stop();
    expect(customerCount(cork)).toBe(CUSTOMERS);
    expect(written()).toBe(before);
    // What the other thread applied is told to this one's listeners (the profile on screen refreshes from them).
    expect(told.size).toBe(CUSTOMERS);
    expect(searchCustomers(cork.ctx, 'person0 boot').map((h) => h.displayName)).toEqual(['Person0 Boot']);
  });

  it('takes the history window it is given', async () => {
    const cork = await terminal();
    const seen: BootstrapProgress[] = [];
    await bootstrap(cork.ctx, cork.link, { historyDays: 100, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ phase: 'facts', done: 1, total: 1 });
    expect(DEFAULT_HISTORY_DAYS).toBe(730);
    expect(customersRepo(cork.db).byId.get(1)).toBeDefined();
  });
});
