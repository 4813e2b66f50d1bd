import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '@common/contract';
import { startBackend } from '../../main/backend';
import { newSession, type Session } from '../../main/ipc/session';
import { tempDir } from '../helpers/temp-store';

const REVIEW_METHODS: MethodName[] = [
  'reports.day',
  'reports.kpis',
  'reports.trend',
  'reports.exportCsv',
  'reports.exportPdf',
  'followups.assign',
  'interactions.review',
];

async function store() {
  let clock = new Date('2026-11-20T09:00:00.000Z');
  const b = startBackend({
    dbPath: path.join(tempDir(), 'roles.db'),
    now: () => clock,
    config: { storeName: 'Role Store' },
  });
  const admin = newSession();
  const call = async (s: Session, m: string, input: unknown) => b.dispatch(m, input, s);
  const value = async <T>(s: Session, m: string, input: unknown): Promise<T> => {
    const res = await call(s, m, input);
    if (!res.ok) throw new Error(`${m}: ${res.error.code} ${res.error.message}`);
    return res.value as T;
  };
  await call(admin, 'app.setupEmpty', { clerkName: 'Ada Admin', pin: '9999' });
  const manager = await value<{ id: number }>(admin, 'clerks.create', {
    displayName: 'Mo Manager',
    role: 'manager',
    pin: '5555',
  });
  const clerk = await value<{ id: number }>(admin, 'clerks.create', {
    displayName: 'Cy Clerk',
    role: 'clerk',
    pin: '1234',
  });
  const m = newSession();
  const c = newSession();
  await value(m, 'session.signIn', { clerkId: manager.id, pin: '5555' });
  await value(c, 'session.signIn', { clerkId: clerk.id, pin: '1234' });
  return { b, call, value, m, c, clerkId: clerk.id, tick: (iso: string) => (clock = new Date(iso)) };
}

describe('review methods over the dispatcher', () => {
  it('are manager-only, except the follow-up queue which the counter sees too', async () => {
    const { call, value, c } = await store();
    for (const method of REVIEW_METHODS) {
      expect(contract[method].access, method).toBe('manager');
      expect(
        await call(c, method, {
          day: '2026-11-20',
          from: '2026-11-20',
          to: '2026-11-20',
          interactionId: 1,
          flagged: true,
          clerkId: null,
        }),
        method,
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(contract['followups.list'].access).toBe('clerk');
    expect(await value(c, 'followups.list', {})).toEqual([]);
    expect(await call(newSession(), 'followups.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('work end to end for a manager and return JSON-plain values', async () => {
    const { value, m, c, clerkId, tick } = await store();
    tick('2026-11-20T09:05:00.000Z');
    const logged = await value<{ id: number }>(c, 'interactions.log', {
      customerId: null,
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2026-11-21',
      notes: 'lid',
      sentiment: 2,
    });
    tick('2026-11-20T09:10:00.000Z');
    const plain = (v: unknown) => expect(JSON.parse(JSON.stringify(v))).toEqual(v);

    const day = await value<{ entries: { id: number }[] }>(m, 'reports.day', { day: '2026-11-20' });
    expect(day.entries.map((e) => e.id)).toEqual([logged.id]);
    plain(day);
    expect(
      await value(m, 'reports.day', { day: '2026-11-20', filters: { text: 'LID', sentimentMax: 2 } }),
    ).toMatchObject({ entries: [{ id: logged.id }] });
    plain(await value(m, 'reports.kpis', { day: '2026-11-20' }));
    expect(await value(m, 'reports.trend', { to: '2026-11-20' })).toHaveLength(30);
    expect(await value(m, 'reports.trend', { to: '2026-11-20', days: 7 })).toHaveLength(7);

    const reviewed = await value(m, 'interactions.review', { interactionId: logged.id, flagged: true, note: 'check' });
    expect(reviewed).toMatchObject({
      id: logged.id,
      flagged: true,
      reviewNote: 'check',
      reviewedBy: { displayName: 'Mo Manager' },
    });
    plain(reviewed);
    const assigned = await value(m, 'followups.assign', { interactionId: logged.id, clerkId });
    expect(assigned).toMatchObject({
      interactionId: logged.id,
      assignedClerk: { id: clerkId, displayName: 'Cy Clerk' },
    });
    expect(await value(c, 'followups.list', {})).toEqual([assigned]);

    const csv = await value<{ fileName: string; content: string }>(m, 'reports.exportCsv', {
      from: '2026-11-20',
      to: '2026-11-20',
      bom: true,
    });
    expect(csv.content.startsWith('\uFEFFdate,time')).toBe(true);
    const pdf = await value<{ fileName: string; base64: string }>(m, 'reports.exportPdf', {
      from: '2026-11-20',
      to: '2026-11-20',
    });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.fileName).toMatch(/\.pdf$/);
  });

  it('validate input at the boundary', async () => {
    const { call, m } = await store();
    const bad: [string, unknown, RegExp][] = [
      ['reports.day', { day: '2026-02-30' }, /calendar date/],
      ['reports.day', { day: '20/11/2026' }, /YYYY-MM-DD/],
      ['reports.day', { day: '2026-11-20', filters: { sentimentMin: 9 } }, /filters\.sentimentMin/],
      ['reports.day', { day: '2026-11-20', filters: { kind: 'gossip' } }, /filters\.kind/],
      ['reports.trend', { to: '2026-11-20', days: 0 }, /days/],
      ['reports.exportCsv', { from: '2026-11-21', to: '2026-11-20' }, /before it starts/],
      ['reports.exportPdf', { from: '2025-01-01', to: '2026-11-20' }, /at most 366 days/],
      ['interactions.review', { interactionId: 1, flagged: 'yes' }, /flagged/],
      ['followups.assign', { interactionId: 1 }, /clerkId/],
    ];
    for (const [method, input, message] of bad) {
      expect(await call(m, method, input), method).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(message) },
      });
    }
    expect(await call(m, 'interactions.review', { interactionId: 42, flagged: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(m, 'followups.assign', { interactionId: 42, clerkId: null })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
