import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, channelFor, contract } from '@common/contract';
import { startBackend } from '../../main/backend';
import { checkHandlers, createDispatcher } from '../../main/ipc/dispatch';
import { allHandlers, mergeHandlers, type Call } from '../../main/ipc/handlers';
import { newSession } from '../../main/ipc/session';
import { SYNC_OFF } from '../../main/sync/live-sync';
import { AppError } from '@common/errors';
import { tempDir, tempStore } from '../helpers/temp-store';

/** The real handler map (the store's own methods on a store without backups or sync), with some replaced. */
function complete(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const real = allHandlers(
    {
      loadDemo: () => undefined,
      dbPath: ':memory:',
      sync: SYNC_OFF,
      backupDir: undefined,
      backupKeep: 1,
      nativeBinding: undefined,
    },
    () => {},
  );
  return { ...real, ...overrides };
}

describe('contract and handler registration', () => {
  it('names every method domain.verb, one channel each', () => {
    for (const m of METHOD_NAMES) expect(m).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(new Set(METHOD_NAMES.map(channelFor)).size).toBe(METHOD_NAMES.length);
  });

  it('start-up fails when a contract method has no handler, or a handler has no contract entry', () => {
    const { 'customers.search': _omitted, ...rest } = complete();
    expect(() => checkHandlers(rest)).toThrow(/Missing: customers\.search\./);
    expect(() => checkHandlers(complete({ 'debug.sql': () => 0 }))).toThrow(/Not in contract: debug\.sql/);
    expect(() => checkHandlers(complete())).not.toThrow();
  });

  it('start-up fails when a method is handled twice', () => {
    expect(() => mergeHandlers({ 'clerks.list': () => [] }, { 'clerks.list': () => [] })).toThrow(/registered twice/);
  });

  it('the real backend registers exactly the contract', () => {
    const b = startBackend({ dbPath: path.join(tempDir(), 'x.db') });
    expect(b.dispatch).toBeTypeOf('function');
    b.close();
  });
});

describe('dispatch', () => {
  const backend = () => startBackend({ dbPath: path.join(tempDir(), 'd.db') });

  it('validates input at the boundary and answers with a typed error', async () => {
    const b = backend();
    const s = newSession();
    await b.dispatch('app.setupEmpty', { clerkName: 'Ann', pin: '2468' }, s);
    expect(await b.dispatch('customers.search', { query: 42 }, s)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^query: /) },
    });
    expect(
      await b.dispatch(
        'interactions.log',
        { customerId: null, kind: 'complaint', outcome: 'resolved', followUpDue: '30/11/2026' },
        s,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('YYYY-MM-DD') },
    });
    expect(await b.dispatch('nope.nothing', {}, s)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await b.dispatch('constructor', {}, s)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    b.close();
  });

  it('requires a signed-in clerk for counter work', async () => {
    const b = backend();
    const s = newSession();
    await b.dispatch('app.setupEmpty', { clerkName: 'Ann', pin: '2468' }, s);
    const anonymous = newSession();
    expect(await b.dispatch('customers.search', { query: 'ann' }, anonymous)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await b.dispatch('interactions.log', { customerId: null, kind: 'other', outcome: 'resolved' }, anonymous),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await b.dispatch('session.signIn', { clerkId: 99, pin: '1234' }, anonymous)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    b.close();
  });

  it('never sends SQL or stack traces to the renderer', async () => {
    const s = tempStore();
    const logged: unknown[] = [];
    const boom = complete({
      'clerks.list': () => {
        s.db.prepare('SELECT * FROM no_such_table').all();
        return [];
      },
    });
    const dispatch = createDispatcher(checkHandlers(boom), s.ctx, (msg, err) => logged.push([msg, err]));
    const res = await dispatch('clerks.list', {}, newSession());
    expect(res).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String), reason: 'dispatch.internal' },
    });
    expect(JSON.stringify(res)).not.toMatch(/no_such_table|SELECT|at .*\.ts/);
    expect(logged).toHaveLength(1);
  });

  it('passes AppError codes through unchanged', async () => {
    const s = tempStore();
    const h = complete({
      'clerks.list': () => {
        throw new AppError('CONFLICT', 'busy');
      },
    });
    const dispatch = createDispatcher(checkHandlers(h), s.ctx, () => {});
    expect(await dispatch('clerks.list', {}, newSession())).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'busy' },
    });
  });

  it('hands the handler the clerk it resolved for the call, and runs no method needing a role without one', async () => {
    const s = tempStore();
    const seen: Call[] = [];
    const spy = (_ctx: unknown, call: Call) => {
      seen.push(call);
      return [];
    };
    const dispatch = createDispatcher(
      checkHandlers(complete({ 'customers.search': spy, 'clerks.list': spy })),
      s.ctx,
      () => {},
    );
    const session = { clerkId: s.clerkId, lastActivityAt: s.ctx.now().getTime() };
    expect(await dispatch('customers.search', { query: 'ann' }, session)).toEqual({ ok: true, value: [] });
    expect(seen).toEqual([
      { session, clerk: { id: s.clerkId, displayName: 'Aoife Byrne', role: 'manager', lockedUntil: null } },
    ]);
    // A public method gets whoever is signed in, and null before anyone is.
    await dispatch('clerks.list', {}, session);
    await dispatch('clerks.list', {}, newSession());
    expect(seen.slice(1).map((c) => c.clerk?.id ?? null)).toEqual([s.clerkId, null]);

    // Every method needing a role, from a session nobody signed into: refused before any handler runs.
    const ran: string[] = [];
    const recording = Object.fromEntries(METHOD_NAMES.map((m) => [m, () => ran.push(m)]));
    const guarded = createDispatcher(checkHandlers(recording), s.ctx, () => {});
    for (const m of METHOD_NAMES.filter((n) => contract[n].access !== 'public')) {
      expect(await guarded(m, {}, newSession()), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(ran).toEqual([]);
  });

  it('has a zod schema for every method', () => {
    for (const m of METHOD_NAMES) expect(typeof contract[m].input.safeParse).toBe('function');
  });
});
