import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, channelFor, contract } from '../../common/contract';
import { startBackend } from '../../main/backend';
import { checkHandlers, createDispatcher } from '../../main/ipc/dispatch';
import { handlers, mergeHandlers } from '../../main/ipc/handlers';
import { newSession } from '../../main/ipc/session';
import { AppError } from '../../common/errors';
import { tempDir, tempStore } from '../helpers/temp-store';

/** The real handler map, completed with stand-ins for the methods the backend adds itself (setup, lifecycle). */
function complete(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...handlers };
  for (const m of METHOD_NAMES) if (!(m in filled)) filled[m] = () => null;
  return { ...filled, ...overrides };
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
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
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

  it('has a zod schema for every method', () => {
    for (const m of METHOD_NAMES) expect(typeof contract[m].input.safeParse).toBe('function');
  });
});
