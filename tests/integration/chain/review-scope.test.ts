// The daily review's store: this store by default; another store or all of them only for a manager whose account
// carries the chain scope, granted on the hub (`counterpart hub grant`) and brought to the counters by the clerk sync.
// Real SQLite files, the app's own dispatcher, real HTTP on 127.0.0.1, a hub on a real PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../../main/backend';
import { newSession } from '../../../main/ipc/session';
import { createClerk } from '../../../main/services/accounts';
import { requireClerk } from '../../../main/services/clerks';
import { logInteraction } from '../../../main/services/interactions';
import { createCustomer } from '../../../main/services/customers';
import { chainCli } from '../../helpers/chain-cli';
import { sync, useChain, type JoinedTerminal as Counter } from '../../helpers/chain-terminal';

const chain = useChain();
const { db } = chain;
const backends: Backend[] = [];
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
});

const counter = (store: string) => chain.terminal(store, { config: { storeName: store } });

/** The app on counter `c`'s file with `clerkId` signed in: its dispatcher, as the review screen calls it. */
async function signedIn(c: Counter, clerkId: number, pin: string) {
  const b = startBackend({ dbPath: c.file, sync: false, config: { storeName: c.ctx.config.storeName } });
  backends.push(b);
  const session = newSession();
  const signIn = await b.dispatch('session.signIn', { clerkId, pin }, session);
  if (!signIn.ok) throw new Error(signIn.error.message);
  return async (method: string, input: unknown) => b.dispatch(method, input, session);
}

describe("the review's store selector", () => {
  it('shows this store by default, refuses others without the chain scope, and after a grant shows another store or all', async () => {
    const galway = await counter('Galway');
    const cork = await counter('Cork');
    const mo = await createClerk(
      galway.ctx,
      { ...requireClerk(galway.ctx, galway.clerkId), role: 'admin' },
      'Mo Manager',
      'manager',
      '5555',
    );
    for (const [c, name] of [
      [galway, 'Galway'],
      [cork, 'Cork'],
    ] as const) {
      const customer = createCustomer(c.ctx, { firstName: 'Una', lastName: `At ${name}` }, c.clerkId).id;
      logInteraction(c.ctx, c.clerkId, {
        customerId: customer,
        kind: 'inquiry',
        outcome: 'resolved',
        notes: `asked at ${name}`,
      });
    }
    for (const c of [galway, cork, galway]) await sync(c);
    const day = galway.db.prepare<[], { d: string }>('SELECT max(local_day) AS d FROM interactions').get()!.d;
    const notes = (v: unknown) => (v as { entries: { notes: string }[] }).entries.map((e) => e.notes).sort();

    let call = await signedIn(galway, mo.id, '5555');
    expect(notes(((await call('reports.day', { day })) as { value: unknown }).value)).toEqual(['asked at Galway']);
    for (const store of ['all', cork.link.store.id]) {
      expect(await call('reports.day', { day, store })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call('reports.exportCsv', { from: day, to: day, store })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await call('reports.stores', {})).toMatchObject({
      ok: true,
      value: { chain: false, stores: [{ id: 'this', name: 'Galway' }] },
    });

    // Granted on the hub (names in any case), it reaches the counter with its next sync.
    const granted = await chainCli(
      db.url,
      'hub',
      'grant',
      '--store',
      'galway',
      '--clerk',
      'mo manager',
      '--scope',
      'chain',
      '--by',
      'Síle (IT)',
    );
    expect(granted).toMatchObject({
      code: 0,
      out: expect.stringContaining('Mo Manager (Galway) may now review every store'),
    });
    await sync(galway);
    call = await signedIn(galway, mo.id, '5555');
    expect(await call('reports.stores', {})).toMatchObject({
      ok: true,
      value: {
        chain: true,
        stores: [
          { id: 'this', name: 'Galway' },
          { id: cork.link.store.id, name: 'Cork' },
          { id: 'all', name: 'All stores' },
        ],
      },
    });
    const corkDay = await call('reports.day', { day, store: cork.link.store.id });
    expect(notes((corkDay as { value: unknown }).value)).toEqual(['asked at Cork']);
    expect(notes(((await call('reports.day', { day, store: 'all' })) as { value: unknown }).value)).toEqual([
      'asked at Cork',
      'asked at Galway',
    ]);
    expect(await call('reports.kpis', { day, store: 'all' })).toMatchObject({
      ok: true,
      value: { kpis: { interactions: 2 } },
    });

    // The exports hold the selection and say which it is.
    const csv = (await call('reports.exportCsv', { from: day, to: day, store: 'all' })) as {
      ok: true;
      value: { fileName: string; content: string; rows: number };
    };
    expect(csv.value).toMatchObject({ rows: 2, fileName: `counterpart-all-stores-${day}.csv` });
    expect(csv.value.content).toContain('asked at Cork');
    const pdf = (await call('reports.exportPdf', { from: day, to: day, store: cork.link.store.id })) as {
      ok: true;
      value: { fileName: string };
    };
    expect(pdf.value.fileName).toBe(`counterpart-cork-${day}.pdf`);
    const audited = galway.db
      .prepare<[], { details: string }>("SELECT details FROM audit_log WHERE event = 'export' ORDER BY id")
      .all()
      .map((r) => JSON.parse(r.details).store);
    expect(audited).toEqual(['All stores', 'Cork']);

    // Taken back on the hub: this store only again.
    expect(
      (await chainCli(db.url, 'hub', 'grant', '--store', 'Galway', '--clerk', 'Mo Manager', '--scope', 'store')).code,
    ).toBe(0);
    await sync(galway);
    expect(await call('reports.day', { day, store: 'all' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { rows } = await db.pool.query<{ actor: string; details: { scope: string } }>(
      "SELECT actor, details FROM hub_audit WHERE action = 'grant_scope' ORDER BY id",
    );
    expect(rows.map((r) => [r.actor, r.details.scope]).slice(-2)).toEqual([
      ['Síle (IT)', 'chain'],
      [expect.any(String), 'store'],
    ]);
  });

  it('refuses a grant to a clerk, an unknown store or an unknown clerk', async () => {
    const ennis = await counter('Ennis');
    await createClerk(ennis.ctx, requireClerk(ennis.ctx, ennis.clerkId), 'Cy Clerk', 'clerk', '1234');
    await sync(ennis);
    const grant = (store: string, clerk: string) =>
      chainCli(db.url, 'hub', 'grant', '--store', store, '--clerk', clerk, '--scope', 'chain', '--json');
    expect(JSON.parse((await grant('Ennis', 'Cy Clerk')).out)).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('is a clerk'),
    });
    expect(JSON.parse((await grant('Nowhere', 'Cy Clerk')).out)).toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.parse((await grant('Ennis', 'Nobody')).out)).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await chainCli(db.url, 'hub', 'grant', '--store', 'Ennis', '--clerk', 'Cy Clerk', '--scope', 'world')).code,
    ).toBe(2);
  });
});
