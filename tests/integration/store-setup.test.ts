import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo, Clerk, Suggestion } from '@common/domain';
import { DEMO_STORE_ID } from '@common/store-identity';
import { startBackend, type Backend } from '../../main/backend';
import { newSession } from '../../main/ipc/session';
import { getSetting } from '../../main/services/settings';
import { tempDir } from '../helpers/temp-store';

const GALWAY = { name: 'Galway – Shop Street', timeZone: 'Europe/Dublin', locale: 'en-IE', currency: 'EUR' };

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

function fresh(opts: Partial<Parameters<typeof startBackend>[0]> = {}) {
  const dbPath = path.join(tempDir(), 'store.db');
  return { dbPath, backend: startBackend({ dbPath, log: () => {}, ...opts }) };
}

async function call<T>(b: Backend, method: string, input: unknown, session = newSession()) {
  return (await b.dispatch(method, input, session)) as Envelope<T>;
}

const value = <T>(e: Envelope<T>): T => {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.value;
};

describe('setting up a real store (first run)', () => {
  it('keeps the name, an id made from it, time zone, locale and currency, and the first admin is signed in', async () => {
    const { dbPath, backend } = fresh();
    const s = newSession();
    const admin = value(
      await call<Clerk>(backend, 'app.setupEmpty', { clerkName: 'Siobhán Kelly', pin: '2468', store: GALWAY }, s),
    );
    expect(admin).toMatchObject({ displayName: 'Siobhán Kelly', role: 'admin' });
    expect(s.clerkId).toBe(admin.id);
    const info = value(await call<AppInfo>(backend, 'app.info', {}));
    expect(info).toMatchObject({
      storeName: GALWAY.name,
      storeId: 'galway-shop-street',
      timeZone: 'Europe/Dublin',
      demo: false,
      needsSetup: false,
    });
    backend.close();

    // Reopened, the store is still Galway: the values live in the store, not in the process.
    const again = startBackend({ dbPath, log: () => {} });
    expect(again.ctx.config).toMatchObject({
      storeName: GALWAY.name,
      storeId: 'galway-shop-street',
      locale: 'en-IE',
      currency: 'EUR',
    });
    const audit = again.db.prepare("SELECT clerk_id, subject FROM audit_log WHERE event = 'store_created'").all();
    expect(audit).toEqual([{ clerk_id: admin.id, subject: 'store:galway-shop-street' }]);
    again.close();
  });

  it("suggestions speak the store's own name, never the demo store's", async () => {
    const { backend } = fresh();
    const s = newSession();
    value(
      await call(
        backend,
        'app.setupEmpty',
        { clerkName: 'Siobhán Kelly', pin: '2468', store: { ...GALWAY, name: 'Kelly Hardware' } },
        s,
      ),
    );
    const customer = value(
      await call<{ id: number }>(backend, 'customers.create', { firstName: 'Nora', lastName: 'Quinn' }, s),
    );
    const said = value(await call<Suggestion[]>(backend, 'suggestions.forCustomer', { customerId: customer.id }, s))
      .map((x) => x.text)
      .join('\n');
    expect(said).toContain('Kelly Hardware');
    expect(said).not.toContain('Demo Store');
    backend.close();
  });

  it('takes a store id that is given, written the canonical way, and a locale and currency in any case', async () => {
    const { backend } = fresh();
    value(
      await call(backend, 'app.setupEmpty', {
        clerkName: 'Ola',
        pin: '2468',
        store: { name: 'Kraków', id: 'krk-01', timeZone: 'Europe/Warsaw', locale: 'pl-pl', currency: 'pln' },
      }),
    );
    expect(backend.ctx.config).toMatchObject({
      storeId: 'krk-01',
      storeName: 'Kraków',
      timeZone: 'Europe/Warsaw',
      locale: 'pl-PL',
      currency: 'PLN',
    });
    expect(getSetting(backend.ctx, 'store.currency')).toBe('PLN');
    backend.close();
  });

  it.each([
    [{ ...GALWAY, timeZone: 'Mars/Olympus' }, /timeZone/],
    [{ ...GALWAY, locale: 'en_IE' }, /locale/],
    [{ ...GALWAY, currency: 'XYZ' }, /currency.*ISO 4217/],
    [{ ...GALWAY, name: '  ' }, /name/],
    [{ ...GALWAY, id: DEMO_STORE_ID }, /demo store/],
  ])('refuses %j with a VALIDATION error and writes nothing', async (store, message) => {
    const { backend } = fresh();
    const r = await call(backend, 'app.setupEmpty', { clerkName: 'Ada', pin: '2468', store });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(message);
    }
    expect(backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 0 });
    expect(backend.db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'store.%'").get()).toEqual({ n: 0 });
    expect(value(await call<AppInfo>(backend, 'app.info', {})).needsSetup).toBe(true);
    backend.close();
  });

  it('refuses a store that is already set up, and leaves it as it was', async () => {
    const { backend } = fresh();
    value(await call(backend, 'app.setupEmpty', { clerkName: 'Ada', pin: '2468', store: GALWAY }));
    const r = await call(backend, 'app.setupEmpty', {
      clerkName: 'Mallory',
      pin: '1111',
      store: { ...GALWAY, name: 'Taken Over' },
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'This store is already set up.', reason: 'storeSetup.alreadySetUp' },
    });
    expect(backend.ctx.config.storeName).toBe(GALWAY.name);
    expect(getSetting(backend.ctx, 'store.name')).toBe(GALWAY.name);
    backend.close();
  });

  it('two windows setting up at once make one store with one admin', async () => {
    const { backend } = fresh();
    const results = await Promise.all([
      call(backend, 'app.setupEmpty', { clerkName: 'Ada', pin: '2468', store: GALWAY }),
      call(backend, 'app.setupEmpty', { clerkName: 'Bea', pin: '1357', store: { ...GALWAY, name: 'Other' } }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 1 });
    backend.close();
  });

  it('what IT fixed in the config file still wins over the name given at first run', async () => {
    const { backend } = fresh({ managed: { storeName: 'Grafton Street' } });
    value(await call(backend, 'app.setupEmpty', { clerkName: 'Ada', pin: '2468', store: GALWAY }));
    expect(backend.ctx.config.storeName).toBe('Grafton Street');
    expect(backend.ctx.config.storeId).toBe('galway-shop-street');
    backend.close();
  });
});
