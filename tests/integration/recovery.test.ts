// Guided recovery with the clerk's own authority (issue #14, section 4), through the same dispatcher the app uses.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../main/backend';
import { newSession, type Session } from '../../main/ipc/session';
import { MAX_PIN_ATTEMPTS } from '../../main/services/accounts';
import { recoveryRepo } from '../../main/services/recovery';
import { DEFAULT_CLERK_GOODWILL, type Recovery } from '@common/recovery';
import { tempDir } from '../helpers/temp-store';

let clock = new Date('2026-11-23T09:00:00.000Z');

type Reply = { ok: true; value: any } | { ok: false; error: { code: string; message: string } };

async function store() {
  clock = new Date('2026-11-23T09:00:00.000Z');
  const b = startBackend({ dbPath: path.join(tempDir(), 'recovery.db'), now: () => clock });
  const call = (s: Session, m: string, input: unknown) => b.dispatch(m, input, s) as Promise<Reply>;
  const admin = newSession();
  await call(admin, 'app.setupEmpty', { clerkName: 'Ada Admin', pin: '9999' });
  const made = async (displayName: string, role: string, pin: string) =>
    ((await call(admin, 'clerks.create', { displayName, role, pin })) as { value: { id: number } }).value.id;
  const managerId = await made('Mo Manager', 'manager', '5555');
  const clerkId = await made('Cy Clerk', 'clerk', '1234');
  const clerk = newSession();
  await call(clerk, 'session.signIn', { clerkId, pin: '1234' });
  const customer = (
    (await call(clerk, 'customers.create', { firstName: 'Tony', lastName: "O'Rourke" })) as { value: { id: number } }
  ).value.id;
  return { b, call, admin, clerk, clerkId, managerId, customer };
}

const euros = (n: number) => n * 100;
const recovery = (amountMinor: number, extra: Partial<Recovery> = {}): Recovery => ({
  severity: 'serious',
  whatWentWrong: 'the pan broke within a month',
  remedy: 'replacement',
  amountMinor,
  rootCause: 'product_fault',
  ...extra,
});
const complaint = (customerId: number, r: Recovery | null, more: Record<string, unknown> = {}) => ({
  customerId,
  kind: 'complaint',
  outcome: 'resolved',
  recovery: r,
  ...more,
});
const audits = (b: Backend, event: string) =>
  (
    b.db.prepare('SELECT clerk_id, subject, details FROM audit_log WHERE event = ? ORDER BY id').all(event) as {
      clerk_id: number;
      subject: string;
      details: string;
    }[]
  ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
const count = (b: Backend) => (b.db.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number }).n;

describe('a complaint carries its recovery', () => {
  it('on its own row, read back with the entry', async () => {
    const { b, call, clerk, customer } = await store();
    const r = recovery(euros(10), { remedy: 'gift', rootCause: 'wait', severity: 'minor' });
    const saved = await call(clerk, 'interactions.log', complaint(customer, r));
    expect(saved).toMatchObject({ ok: true, value: { recovery: { ...r, approvedById: null } } });
    const row = b.db
      .prepare('SELECT recovery_remedy, recovery_amount_minor, recovery_root_cause FROM interactions')
      .get();
    expect(row).toEqual({ recovery_remedy: 'gift', recovery_amount_minor: 1000, recovery_root_cause: 'wait' });
    const plain = await call(clerk, 'interactions.log', { customerId: customer, kind: 'inquiry', outcome: 'resolved' });
    expect(plain).toMatchObject({ ok: true, value: { recovery: null } });
  });

  it('is refused, with nothing written, when it is incomplete, on another kind, or "none" with an amount', async () => {
    const { b, call, clerk, customer } = await store();
    const bad = [
      complaint(customer, recovery(0, { whatWentWrong: '  ' })),
      complaint(customer, recovery(euros(5), { remedy: 'none' })),
      complaint(customer, recovery(-1)),
      complaint(customer, recovery(10.5)),
      complaint(customer, { ...recovery(0), rootCause: 'weather' } as never),
    ];
    for (const input of bad)
      expect(await call(clerk, 'interactions.log', input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const wrongKind = await call(clerk, 'interactions.log', { ...complaint(customer, recovery(0)), kind: 'inquiry' });
    expect(wrongKind).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('Kind Complaint') },
    });
    expect(count(b)).toBe(0);
  });

  it('keeps a half-recorded recovery out of the table itself', async () => {
    const { b, clerkId } = await store();
    const insert =
      (cols: string) =>
      (...values: unknown[]) =>
        b.db
          .prepare(
            `INSERT INTO interactions (created_at, local_day, kind, outcome, clerk_id, terminal_id, ${cols})
           VALUES ('t', 'd', 'complaint', 'resolved', ?, 't', ${cols
             .split(',')
             .map(() => '?')
             .join(',')})`,
          )
          .run(...values);
    expect(() => insert('recovery_severity')(clerkId, 'minor')).toThrow(/CHECK/);
    expect(() => insert('recovery_remedy, recovery_amount_minor')(clerkId, 'none', 5)).toThrow(/CHECK/);
  });
});

describe("a clerk's goodwill authority", () => {
  it('lets a clerk grant up to the limit per complaint, and asks for a manager above it, naming the limits', async () => {
    const { b, call, clerk, customer } = await store();
    const limit = euros(DEFAULT_CLERK_GOODWILL.perInteraction);
    expect(await call(clerk, 'interactions.log', complaint(customer, recovery(limit)))).toMatchObject({ ok: true });
    const over = await call(clerk, 'interactions.log', complaint(customer, recovery(limit + 1)));
    expect(over).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const message = (over as { error: { message: string } }).error.message;
    expect(message).toContain("manager's PIN");
    expect(message).toContain(`€${DEFAULT_CLERK_GOODWILL.perInteraction}.00 per complaint`);
    expect(message).toContain(`€${DEFAULT_CLERK_GOODWILL.perDay}.00 a day`);
    expect(count(b)).toBe(1);
  });

  it('counts the day: grants within the per-complaint limit stop at the daily one, and a new day starts afresh', async () => {
    const { b, call, clerk, clerkId, customer } = await store();
    const each = euros(DEFAULT_CLERK_GOODWILL.perInteraction);
    const fit = Math.floor(DEFAULT_CLERK_GOODWILL.perDay / DEFAULT_CLERK_GOODWILL.perInteraction);
    for (let i = 0; i < fit; i++)
      expect(await call(clerk, 'interactions.log', complaint(customer, recovery(each)))).toMatchObject({ ok: true });
    const left = euros(DEFAULT_CLERK_GOODWILL.perDay) - fit * each;
    const next = await call(clerk, 'interactions.log', complaint(customer, recovery(left + 1)));
    expect(next).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining(`€${(left / 100).toFixed(2)} left today`) },
    });
    // A remedy without an amount (an apology and a repair done in the back) needs nobody's approval.
    expect(await call(clerk, 'interactions.log', complaint(customer, recovery(0, { remedy: 'repair' })))).toMatchObject(
      { ok: true },
    );
    clock = new Date('2026-11-24T09:00:00.000Z');
    await call(clerk, 'session.signIn', { clerkId, pin: '1234' }); // the idle lock ended yesterday's session
    expect(await call(clerk, 'interactions.log', complaint(customer, recovery(each)))).toMatchObject({ ok: true });
    expect(count(b)).toBe(fit + 2);
  });

  it('follows the limits the manager sets, and gives managers none', async () => {
    const { call, admin, clerk, customer } = await store();
    expect(await call(admin, 'settings.set', { values: { goodwillClerkPerInteraction: 5 } })).toMatchObject({
      ok: true,
    });
    expect(await call(clerk, 'interactions.log', complaint(customer, recovery(euros(6))))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(admin, 'interactions.log', complaint(customer, recovery(euros(500))))).toMatchObject({
      ok: true,
      value: { recovery: { approvedById: null } },
    });
  });

  it('reads the day total in the write transaction: its statement is the one the index serves', async () => {
    const { b } = await store();
    const plan = b.db
      .prepare(`EXPLAIN QUERY PLAN ${recoveryRepo(b.db).grantedOnOwn.source}`)
      .all(1, '2026-11-23')
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toContain('interactions_goodwill_day');
  });
});

describe("a manager's PIN on the spot", () => {
  it('approves a grant above the authority; the grant records and audits who granted and who approved, never the PIN', async () => {
    const { b, call, clerk, clerkId, managerId, customer } = await store();
    const big = euros(60);
    const saved = await call(
      clerk,
      'interactions.log',
      complaint(customer, recovery(big, { remedy: 'refund' }), { approval: { managerId, pin: '5555' } }),
    );
    expect(saved).toMatchObject({ ok: true, value: { recovery: { amountMinor: big, approvedById: managerId } } });
    expect(audits(b, 'goodwill_grant')).toEqual([
      {
        clerk_id: clerkId,
        subject: `interaction:${(saved as { value: { id: number } }).value.id}`,
        details: {
          remedy: 'refund',
          amountMinor: big,
          currency: 'EUR',
          severity: 'serious',
          approvedBy: managerId,
          withinAuthority: false,
        },
      },
    ]);
    // The approved grant does not use the clerk's own allowance: a full complaint's worth is still theirs.
    expect(
      await call(
        clerk,
        'interactions.log',
        complaint(customer, recovery(euros(DEFAULT_CLERK_GOODWILL.perInteraction))),
      ),
    ).toMatchObject({ ok: true });
    // The manager stays who they were (not signed in here); the clerk is still the one signed in.
    expect(await call(clerk, 'session.current', {})).toMatchObject({ ok: true, value: { id: clerkId } });
    const everything = JSON.stringify([
      b.db.prepare('SELECT * FROM audit_log').all(),
      b.db.prepare('SELECT * FROM interactions').all(),
    ]);
    expect(everything).not.toContain('5555');
  });

  it('refuses a wrong PIN with the attempts left, counting it like a sign-in, and writes nothing', async () => {
    const { b, call, clerk, managerId, customer } = await store();
    const wrong = await call(
      clerk,
      'interactions.log',
      complaint(customer, recovery(euros(60)), { approval: { managerId, pin: '0000' } }),
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining(`${MAX_PIN_ATTEMPTS - 1} attempts left`) },
    });
    expect(audits(b, 'sign_in_failed')).toMatchObject([
      { clerk_id: managerId, details: { attempt: 1, check: 'approval' } },
    ]);
    expect(count(b)).toBe(0);
    // A right PIN clears the count, as a sign-in does.
    await call(
      clerk,
      'interactions.log',
      complaint(customer, recovery(euros(60)), { approval: { managerId, pin: '5555' } }),
    );
    expect(b.db.prepare('SELECT failed_pins FROM clerks WHERE id = ?').get(managerId)).toEqual({ failed_pins: 0 });
  });

  it("locks the manager's account after the allowed wrong PINs, however many arrive at once", async () => {
    const { b, call, clerk, managerId, customer } = await store();
    const guesses = Array.from({ length: 30 }, (_, i) =>
      call(
        clerk,
        'interactions.log',
        complaint(customer, recovery(euros(60)), { approval: { managerId, pin: String(6000 + i) } }),
      ),
    );
    const replies = await Promise.all(guesses);
    expect(replies.every((r) => !r.ok && r.error.code === 'FORBIDDEN')).toBe(true);
    expect(audits(b, 'lockout')).toMatchObject([{ clerk_id: managerId, details: { check: 'approval' } }]);
    const checked = audits(b, 'sign_in_failed').length + audits(b, 'lockout').length;
    expect(checked).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
    const right = await call(
      clerk,
      'interactions.log',
      complaint(customer, recovery(euros(60)), { approval: { managerId, pin: '5555' } }),
    );
    expect(right).toMatchObject({ ok: false, error: { message: expect.stringContaining('locked') } });
    // Locked out of approving means locked out of signing in too: one account, one count.
    expect(await call(newSession(), 'session.signIn', { clerkId: managerId, pin: '5555' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('locked') },
    });
    expect(count(b)).toBe(0);
  });

  it("does not take a clerk's PIN for a manager's, and does not check a PIN when there is nothing to approve", async () => {
    const { b, call, clerk, clerkId, customer } = await store();
    const other = await call(
      clerk,
      'interactions.log',
      complaint(customer, recovery(euros(60)), { approval: { managerId: clerkId, pin: '1234' } }),
    );
    expect(other).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('not a manager') },
    });
    expect(b.db.prepare('SELECT failed_pins FROM clerks WHERE id = ?').get(clerkId)).toEqual({ failed_pins: 0 });
    const nothing = await call(clerk, 'interactions.log', {
      customerId: customer,
      kind: 'inquiry',
      outcome: 'resolved',
      approval: { managerId: clerkId, pin: '0000' },
    });
    expect(nothing).toMatchObject({ ok: true });
    expect(audits(b, 'sign_in_failed')).toEqual([]);
  });

  it('is not asked again when a save already on disk is retried', async () => {
    const { b, call, clerk, managerId, customer } = await store();
    const input = complaint(customer, recovery(euros(60)), {
      approval: { managerId, pin: '5555' },
      requestId: 'req-recovery-1',
    });
    const first = await call(clerk, 'interactions.log', input);
    const again = await call(clerk, 'interactions.log', { ...input, approval: { managerId, pin: '0000' } });
    expect(again).toMatchObject({ ok: true, value: { id: (first as { value: { id: number } }).value.id } });
    expect(count(b)).toBe(1);
    expect(audits(b, 'sign_in_failed')).toEqual([]);
  });
});

describe('what went wrong is free text about the customer', () => {
  it('is blanked by erasure with the notes, while the grant stays counted', async () => {
    const { b, call, admin, clerk, customer } = await store();
    await call(clerk, 'interactions.log', complaint(customer, recovery(euros(10))));
    const erased = await call(admin, 'customers.erase', {
      customerId: customer,
      reason: 'asked at the counter',
      confirmName: "Tony O'Rourke",
    });
    expect(erased).toMatchObject({ ok: true });
    expect(
      b.db.prepare('SELECT recovery_what, recovery_amount_minor, recovery_root_cause FROM interactions').get(),
    ).toEqual({
      recovery_what: '',
      recovery_amount_minor: euros(10),
      recovery_root_cause: 'product_fault',
    });
  });
});
