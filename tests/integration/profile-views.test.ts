// Who looked: openings of a profile, the dedup window, who may see them, retention; and customers.get/update
// through the dispatcher Electron and the preview server use.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clerk, CustomerProfile } from '@common/domain';
import type { Envelope } from '@common/errors';
import { startBackend } from '../../main/backend';
import { profileAuditRepo } from '../../main/db/profile-audit.repo';
import { newSession, type Session } from '../../main/ipc/session';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { openProfile, profileFor, RECENT_VIEWS, recordView, REPEAT_WINDOW_MS } from '../../main/services/profile-views';
import { storeJobs } from '../../main/services/scheduled-jobs';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

const views = (s: TempStore, customerId: number) =>
  s.db
    .prepare<[number], { clerk_id: number | null; terminal_id: string; viewed_at: string }>(
      'SELECT clerk_id, terminal_id, viewed_at FROM profile_views WHERE customer_id = ? ORDER BY id',
    )
    .all(customerId);
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function people(s: TempStore) {
  const manager: Clerk = { id: s.clerkId, displayName: 'Aoife Byrne', role: 'manager' };
  const c = addClerk(s.ctx, 'Ciara Nolan', 'clerk');
  const clerk: Clerk = { id: c.id, displayName: c.displayName, role: 'clerk' };
  const mary = createCustomer(s.ctx, { firstName: 'Mary', lastName: "O'Brien" }).id;
  return { manager, clerk, mary };
}

describe('who opened a profile', () => {
  it('records each opening (clerk, terminal, time), once per clerk and terminal within the repeat window', () => {
    const t0 = '2026-11-23T10:00:00.000Z';
    const s = tempStore(t0);
    const { clerk, manager, mary } = people(s);
    openProfile(s.ctx, clerk, mary);
    s.setNow(later(t0, REPEAT_WINDOW_MS - 1000));
    openProfile(s.ctx, clerk, mary); // the profile reloaded after an edit: the same look
    expect(views(s, mary)).toEqual([{ clerk_id: clerk.id, terminal_id: s.ctx.config.terminalId, viewed_at: t0 }]);

    openProfile(s.ctx, manager, mary); // someone else
    s.ctx.config.terminalId = 'till-2';
    openProfile(s.ctx, clerk, mary); // the same clerk on another terminal
    s.setNow(later(t0, REPEAT_WINDOW_MS + 1000));
    s.ctx.config.terminalId = 'counter-1';
    openProfile(s.ctx, clerk, mary); // back after the window: a new opening
    expect(views(s, mary).map((v) => [v.clerk_id, v.terminal_id])).toEqual([
      [clerk.id, 'counter-1'],
      [manager.id, 'counter-1'],
      [clerk.id, 'till-2'],
      [clerk.id, 'counter-1'],
    ]);
  });

  it('shows managers the count and the newest openings first; clerks see none', () => {
    const t0 = '2026-11-23T10:00:00.000Z';
    const s = tempStore(t0);
    const { clerk, manager, mary } = people(s);
    const opened = RECENT_VIEWS + 3;
    for (let i = 0; i < opened; i++) {
      s.setNow(later(t0, i * 2 * REPEAT_WINDOW_MS));
      openProfile(s.ctx, i % 2 ? manager : clerk, mary);
    }
    expect(openProfile(s.ctx, clerk, mary).views).toBeNull();
    const seen = profileFor(s.ctx, manager, mary).views!;
    expect(seen.total).toBe(opened);
    expect(seen.recent).toHaveLength(RECENT_VIEWS);
    expect(seen.recent[0]).toEqual({
      at: later(t0, (opened - 1) * 2 * REPEAT_WINDOW_MS),
      clerkId: clerk.id,
      clerkName: 'Ciara Nolan',
      terminalId: 'counter-1',
    });
    expect(seen.recent.map((v) => v.at)).toEqual([...seen.recent.map((v) => v.at)].sort().reverse());
  });

  it('writes nothing for an unknown customer', () => {
    const s = tempStore();
    const { clerk } = people(s);
    expect(() => openProfile(s.ctx, clerk, 9999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(s.db.prepare('SELECT count(*) FROM profile_views').pluck().get()).toBe(0);
  });

  it('leaves the connection durable (synchronous=FULL) after recording, also when the write fails', () => {
    const s = tempStore();
    const { clerk, mary } = people(s);
    const FULL = 2;
    recordView(s.ctx, clerk.id, mary);
    expect(s.db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(() => recordView(s.ctx, clerk.id, 9999)).toThrow(/FOREIGN KEY/);
    expect(s.db.pragma('synchronous', { simple: true })).toBe(FULL);
    s.db.transaction(() => recordView(s.ctx, clerk.id, mary))(); // inside a transaction: its commit decides
    expect(s.db.pragma('synchronous', { simple: true })).toBe(FULL);
  });

  it('finds the last opening by the same clerk through the customer index, not a scan', () => {
    const s = tempStore();
    const sql = profileAuditRepo(s.db).addView.source;
    const plan = s.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ customer: 1, clerk: 1, terminal: 't', at: 'x', since: 'x' })
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/profile_views_customer/);
    expect(plan).not.toMatch(/SCAN profile_views/);
  });

  it('the retention job deletes openings older than the retention period', async () => {
    const s = tempStore('2024-01-10T10:00:00.000Z');
    const { clerk, mary } = people(s);
    openProfile(s.ctx, clerk, mary);
    s.setNow('2026-11-23T10:00:00.000Z');
    openProfile(s.ctx, clerk, mary);
    const retention = storeJobs(() => ({ db: s.db, ctx: s.ctx }), {
      backupDirectory: tempDir(),
      backupEveryHours: 24,
      backupKeep: 3,
      retentionDays: 365,
    }).find((j) => j.name === 'retention');
    expect(await retention!.run()).toEqual({ ran: true, redacted: 0, viewsDeleted: 1 });
    expect(views(s, mary).map((v) => v.viewed_at)).toEqual(['2026-11-23T10:00:00.000Z']);
    const audit = s.db
      .prepare<[], { subject: string; details: string }>("SELECT subject, details FROM audit_log WHERE event = 'erase'")
      .get()!;
    expect(audit.subject).toBe('retention');
    expect(JSON.parse(audit.details)).toEqual({ days: 365, profileViewsDeleted: 1 });
  });
});

describe('customers.get and customers.update through the dispatcher', () => {
  async function backend() {
    const b = startBackend({
      dbPath: path.join(tempDir(), 'views.db'),
      now: () => new Date('2026-11-23T10:00:00.000Z'),
      log: () => {},
    });
    const call = async <T>(s: Session, m: string, input: unknown) => (await b.dispatch(m, input, s)) as Envelope<T>;
    const ok = async <T>(s: Session, m: string, input: unknown): Promise<T> => {
      const r = await call<T>(s, m, input);
      if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    const manager = newSession();
    const clerk = newSession();
    await ok(manager, 'app.setupEmpty', { clerkName: 'Mo Manager', pin: '6666' });
    const cy = await ok<Clerk>(manager, 'clerks.create', { displayName: 'Cy Clerk', role: 'clerk', pin: '1234' });
    await ok(clerk, 'session.signIn', { clerkId: cy.id, pin: '1234' });
    return { b, call, ok, manager, clerk, cy };
  }

  it('records the signed-in clerk when a profile is opened; only managers get the list', async () => {
    const { b, ok, manager, clerk, cy } = await backend();
    const c = await ok<{ id: number }>(clerk, 'customers.create', { firstName: 'Mary', style: 'gold' });
    const seenByClerk = await ok<CustomerProfile>(clerk, 'customers.get', { id: c.id });
    expect(seenByClerk.views).toBeNull();
    expect(seenByClerk.customer.styleSetBy).toEqual({ clerkId: cy.id, name: 'Cy Clerk' });
    const seenByManager = await ok<CustomerProfile>(manager, 'customers.get', { id: c.id });
    expect(seenByManager.views).toMatchObject({
      total: 2,
      recent: [{ clerkName: 'Mo Manager' }, { clerkName: 'Cy Clerk', clerkId: cy.id }],
    });
    b.close();
  });

  it('updates as the signed-in clerk and answers with the profile; bad input and clashes are typed errors', async () => {
    const { b, call, ok, manager, clerk, cy } = await backend();
    const mary = await ok<{ id: number }>(clerk, 'customers.create', { firstName: 'Mary', phone: '087 123 4567' });
    const liam = await ok<{ id: number }>(clerk, 'customers.create', { firstName: 'Liam', phone: '086 111 2222' });
    const updated = await ok<CustomerProfile>(clerk, 'customers.update', {
      id: mary.id,
      changes: { style: 'green', phone: '087 000 1111' },
    });
    expect(updated.customer).toMatchObject({
      id: mary.id,
      style: 'green',
      phone: '087 000 1111',
      styleSetBy: { clerkId: cy.id },
    });
    expect(updated.views).toBeNull();
    expect(
      (await ok<CustomerProfile>(manager, 'customers.update', { id: mary.id, changes: { notes: 'x' } })).views,
    ).toMatchObject({ total: 0 });
    expect(
      b.db
        .prepare('SELECT DISTINCT clerk_id FROM customer_field_changes WHERE field IN (?, ?)')
        .pluck()
        .all('style', 'phone'),
    ).toEqual([cy.id]);

    expect(await call(clerk, 'customers.update', { id: mary.id, changes: { birthday: '23/11/1980' } })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/^changes\.birthday: /),
        reason: 'calendarDay.shape',
      },
    });
    expect(
      await call(clerk, 'customers.update', { id: mary.id, changes: { loyaltyId: 'A1', visitCount: 3 } }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(clerk, 'customers.update', { id: mary.id, changes: { phone: '086 111 2222' } })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `Phone 086 111 2222 already belongs to Liam (customer ${liam.id}).`,
        reason: 'customers.taken.phone',
      },
    });
    expect(await call(newSession(), 'customers.update', { id: mary.id, changes: { notes: 'y' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    b.close();
  });
});
