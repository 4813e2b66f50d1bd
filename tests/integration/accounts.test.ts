import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '@common/contract';
import { startBackend, type Backend } from '../../main/backend';
import { newSession } from '../../main/ipc/session';
import { lockDuration, MAX_PIN_ATTEMPTS } from '../../main/services/accounts';
import { hashPin, verifyPin } from '../../main/services/pin-hash';
import { tempDir } from '../helpers/temp-store';

let clock = new Date('2026-11-23T09:00:00.000Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

async function store() {
  clock = new Date('2026-11-23T09:00:00.000Z');
  const b = startBackend({ dbPath: path.join(tempDir(), 'acc.db'), now: () => clock });
  const admin = newSession();
  const call = async (s: ReturnType<typeof newSession>, m: string, input: unknown) => b.dispatch(m, input, s);
  await call(admin, 'app.setupEmpty', { clerkName: 'Ada Admin', pin: '9999' });
  const mgr = (await call(admin, 'clerks.create', { displayName: 'Mo Manager', role: 'manager', pin: '5555' })) as {
    ok: true;
    value: { id: number };
  };
  const clerk = (await call(admin, 'clerks.create', { displayName: 'Cy Clerk', role: 'clerk', pin: '1234' })) as {
    ok: true;
    value: { id: number };
  };
  return { b, admin, call, managerId: mgr.value.id, clerkId: clerk.value.id };
}

describe('PINs', () => {
  it('are stored only as salted scrypt hashes', async () => {
    const h1 = await hashPin('1234');
    const h2 = await hashPin('1234');
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain('1234');
    expect(await verifyPin('1234', h1)).toBe(true);
    expect(await verifyPin('1235', h1)).toBe(false);
    const { b } = await store();
    const rows = b.db.prepare('SELECT pin_hash FROM clerks').all() as { pin_hash: string }[];
    expect(rows.every((r) => r.pin_hash.startsWith('scrypt$'))).toBe(true);
    const audit = JSON.stringify(b.db.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toMatch(/9999|5555|1234/);
  });

  it('sign a clerk in, and reject a wrong PIN with the attempts left', async () => {
    const { call, clerkId } = await store();
    const s = newSession();
    expect(await call(s, 'session.signIn', { clerkId, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('4 attempts left') },
    });
    expect(await call(s, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(await call(s, 'session.signIn', { clerkId, pin: '1234' })).toMatchObject({
      ok: true,
      value: { id: clerkId, role: 'clerk' },
    });
    expect(await call(s, 'session.signIn', { clerkId, pin: '12' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('lock the account after five wrong PINs, for longer each time, until a manager resets it', async () => {
    const { b, call, clerkId, admin } = await store();
    const s = newSession();
    for (let i = 0; i < 4; i++) await call(s, 'session.signIn', { clerkId, pin: '0000' });
    expect(await call(s, 'session.signIn', { clerkId, pin: '0000' })).toMatchObject({
      error: { message: expect.stringContaining('locked for 1 minute') },
    });
    expect(await call(s, 'session.signIn', { clerkId, pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('locked') },
    });
    advance(61_000);
    for (let i = 0; i < 5; i++) await call(s, 'session.signIn', { clerkId, pin: '0000' });
    expect(await call(s, 'session.signIn', { clerkId, pin: '1234' })).toMatchObject({
      error: { message: expect.stringContaining('2 more minute') },
    });
    expect(await call(admin, 'clerks.resetPin', { clerkId, pin: '4321' })).toEqual({ ok: true, value: null });
    expect(await call(s, 'session.signIn', { clerkId, pin: '4321' })).toMatchObject({ ok: true });
    const events = (b.db.prepare('SELECT event FROM audit_log ORDER BY id').all() as { event: string }[]).map(
      (r) => r.event,
    );
    expect(events.filter((e) => e === 'lockout')).toHaveLength(2);
    expect(events).toContain('pin_reset');
    expect(events.filter((e) => e === 'sign_in_failed')).toHaveLength(8);
  });
});

/** Wrong PINs that were actually checked against the hash: each one leaves exactly one of these audit events. */
function checkedWrongPins(b: Backend, clerkId: number): number {
  return (
    b.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE clerk_id = ? AND event IN ('sign_in_failed', 'lockout')")
      .get(clerkId) as { n: number }
  ).n;
}
const events = (b: Backend, event: string) =>
  (b.db.prepare('SELECT details FROM audit_log WHERE event = ? ORDER BY id').all(event) as { details: string }[]).map(
    (r) => JSON.parse(r.details) as Record<string, unknown>,
  );

describe('PIN guesses in parallel', () => {
  it('check at most the allowed number of PINs, however many arrive at once', async () => {
    const { b, call, clerkId } = await store();
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(newSession(), 'session.signIn', { clerkId, pin: String(5000 + i) })),
    );
    expect(replies.every((r) => !r.ok && r.error.code === 'FORBIDDEN')).toBe(true);
    expect(checkedWrongPins(b, clerkId)).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
    expect(events(b, 'lockout')).toHaveLength(1);
    expect(await call(newSession(), 'session.signIn', { clerkId, pin: '1234' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('locked') },
    });
  });

  it('do not let the right PIN through behind a burst of wrong ones', async () => {
    const { b, call, clerkId } = await store();
    const s = newSession();
    const pins = Array.from({ length: 60 }, (_, i) => (i === 54 ? '1234' : String(6000 + i)));
    const replies = await Promise.all(pins.map((pin) => call(s, 'session.signIn', { clerkId, pin })));
    expect(replies[54]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(s, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(events(b, 'sign_in')).toHaveLength(0);
  });

  it('are counted in the store, so a second connection to the same file shares the allowance', async () => {
    const { b, clerkId } = await store();
    const other = startBackend({ dbPath: b.db.name, now: () => clock });
    const guess = (via: Backend, i: number) =>
      via.dispatch('session.signIn', { clerkId, pin: String(7000 + i) }, newSession());
    await Promise.all(Array.from({ length: 60 }, (_, i) => guess(i % 2 ? other : b, i)));
    other.close();
    expect(checkedWrongPins(b, clerkId)).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
    expect(events(b, 'lockout')).toHaveLength(1);
  });
});

describe('a right PIN', () => {
  it('clears the escalation: the next lockout is the first one again', async () => {
    const { b, call, clerkId } = await store();
    const s = newSession();
    const lockOut = async () => {
      for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) await call(s, 'session.signIn', { clerkId, pin: '0000' });
    };
    await lockOut();
    advance(lockDuration(1) + 1000);
    expect(await call(s, 'session.signIn', { clerkId, pin: '1234' })).toMatchObject({ ok: true });
    await lockOut();
    expect(events(b, 'lockout').map((d) => d.lockouts)).toEqual([1, 1]);
    advance(lockDuration(1) + 1000);
    expect(await call(s, 'session.signIn', { clerkId, pin: '1234' })).toMatchObject({ ok: true });
  });
});

describe('changing your own PIN', () => {
  it('counts, audits and locks out wrong current PINs like sign-ins, also in parallel', async () => {
    const { b, call, clerkId } = await store();
    const s = newSession();
    await call(s, 'session.signIn', { clerkId, pin: '1234' });
    const wrong = await call(s, 'clerks.changeOwnPin', { currentPin: '0000', newPin: '2222' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining(`${MAX_PIN_ATTEMPTS - 1} attempts left`) },
    });
    expect(events(b, 'sign_in_failed')).toEqual([{ attempt: 1, check: 'pin_change' }]);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(s, 'clerks.changeOwnPin', { currentPin: String(3000 + i), newPin: '2222' }),
      ),
    );
    expect(checkedWrongPins(b, clerkId)).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
    expect(events(b, 'lockout')).toMatchObject([{ lockouts: 1, check: 'pin_change' }]);
    // Locked: not even the right current PIN changes it now, and the PIN stays what it was.
    expect(await call(s, 'clerks.changeOwnPin', { currentPin: '1234', newPin: '2222' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('locked') },
    });
    const { pin_hash } = b.db.prepare('SELECT pin_hash FROM clerks WHERE id = ?').get(clerkId) as { pin_hash: string };
    expect(await verifyPin('1234', pin_hash)).toBe(true);
  });

  it('with the right current PIN changes it and clears the count', async () => {
    const { b, call, clerkId } = await store();
    const s = newSession();
    await call(s, 'session.signIn', { clerkId, pin: '1234' });
    await call(s, 'clerks.changeOwnPin', { currentPin: '0000', newPin: '2222' });
    expect(await call(s, 'clerks.changeOwnPin', { currentPin: '1234', newPin: '2222' })).toEqual({
      ok: true,
      value: null,
    });
    expect(b.db.prepare('SELECT failed_pins FROM clerks WHERE id = ?').pluck().get(clerkId)).toBe(0);
    expect(await call(newSession(), 'session.signIn', { clerkId, pin: '2222' })).toMatchObject({ ok: true });
  });
});

describe('roles', () => {
  it('every manager- and admin-only method answers FORBIDDEN to a clerk, before touching its input', async () => {
    const { call, clerkId } = await store();
    const s = newSession();
    await call(s, 'session.signIn', { clerkId, pin: '1234' });
    const restricted = METHOD_NAMES.filter((m) => contract[m].access === 'manager' || contract[m].access === 'admin');
    expect(restricted.length).toBeGreaterThan(0);
    for (const m of restricted) {
      expect(await call(s, m, {}), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('every non-public method refuses a caller who has not signed in', async () => {
    const { call } = await store();
    for (const m of METHOD_NAMES.filter((n) => contract[n].access !== 'public')) {
      expect(await call(newSession(), m, {}), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('a manager may add clerks but not managers; nobody resets a PIN above their role', async () => {
    const { call, managerId } = await store();
    const m = newSession();
    await call(m, 'session.signIn', { clerkId: managerId, pin: '5555' });
    expect(await call(m, 'clerks.create', { displayName: 'New', role: 'clerk', pin: '1111' })).toMatchObject({
      ok: true,
    });
    expect(await call(m, 'clerks.create', { displayName: 'Boss', role: 'manager', pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(m, 'clerks.resetPin', { clerkId: 1, pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('the terminal locks itself after the idle time', async () => {
    const { call, clerkId } = await store();
    const s = newSession();
    await call(s, 'session.signIn', { clerkId, pin: '1234' });
    advance(14 * 60_000);
    expect(await call(s, 'customers.search', { query: 'x' })).toMatchObject({ ok: true });
    advance(16 * 60_000);
    expect(await call(s, 'customers.search', { query: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(s, 'session.current', {})).toEqual({ ok: true, value: null });
  });

  it('managers read the audit log', async () => {
    const { call, admin } = await store();
    const res = (await call(admin, 'audit.list', {})) as { ok: true; value: { event: string }[] };
    // Newest first: the two clerks the admin added, then the store's setup by its first admin.
    expect(res.value.map((e) => e.event)).toEqual(['clerk_created', 'clerk_created', 'store_created']);
  });
});
