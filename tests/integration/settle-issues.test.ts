// Issue #14, section 2: an entry settles any number of the customer's open issues, chosen by the clerk, and keeps
// what the clerk said. Real SQLite files, the real services and the same dispatcher the app uses.
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '@common/domain';
import type { Envelope } from '@common/errors';
import { startBackend } from '../../main/backend';
import { interactionsRepo } from '../../main/db/interactions.repo';
import { newSession } from '../../main/ipc/session';
import { createCustomer, getProfile } from '../../main/services/customers';
import { timeline } from '../../main/services/history';
import { amendInteraction, getInteraction, logInteraction } from '../../main/services/interactions';
import { eraseCustomer, exportCustomerData } from '../../main/services/privacy';
import { exportCsv } from '../../main/services/reports/csv';
import { dayReport } from '../../main/services/reports/day-view';
import { tempDir, tempStore } from '../helpers/temp-store';

/** A customer with three open issues, as on Tony O'Rourke's profile in the demo store. */
function tony() {
  const s = tempStore();
  const c = createCustomer(s.ctx, { firstName: 'Tony', lastName: "O'Rourke" }).id;
  const log = (input: Omit<Parameters<typeof logInteraction>[2], 'customerId'>, customerId: number | null = c) =>
    logInteraction(s.ctx, s.clerkId, { customerId, ...input });
  const ret = log({ kind: 'return', outcome: 'escalated', notes: 'Refund on the raised bed kit over my limit' });
  const ask = log({ kind: 'inquiry', outcome: 'unresolved', notes: "Asked for a brand we don't carry" });
  const pan = log({ kind: 'complaint', outcome: 'unresolved', sentiment: 2, notes: 'Frying pan broke within a month' });
  const open = () =>
    getProfile(s.ctx, c)
      .openIssues.map((o) => o.interactionId)
      .sort((a, b) => a - b);
  return { s, c, log, ret, ask, pan, open };
}

describe('settling open issues', () => {
  it('closes exactly the issues listed, keeps the others open, and records which entry closed them', () => {
    const { s, log, ret, ask, pan, open } = tony();
    expect(open()).toEqual([ret.id, ask.id, pan.id]);
    const fix = log({
      kind: 'complaint',
      outcome: 'resolved',
      sentiment: 5,
      notes: 'New pan from stock',
      resolves: [pan.id],
      said: 'Here is a new pan, Tony.',
    });
    expect(fix.resolves).toEqual([pan.id]);
    expect(open()).toEqual([ret.id, ask.id]);
    expect(s.db.prepare('SELECT closed_by, closed_at FROM open_issues WHERE interaction_id = ?').get(pan.id)).toEqual({
      closed_by: fix.id,
      closed_at: fix.createdAt,
    });
  });

  it('settles several at once, in one transaction', () => {
    const { log, ret, ask, pan, open } = tony();
    const visit = log({ kind: 'other', outcome: 'resolved', resolves: [pan.id, ret.id] });
    expect(visit.resolves).toEqual([ret.id, pan.id]);
    expect(open()).toEqual([ask.id]);
  });

  it('may settle none: a resolved entry about something else leaves every issue open', () => {
    const { log, ret, ask, pan, open } = tony();
    log({ kind: 'complaint', outcome: 'resolved' });
    expect(open()).toEqual([ret.id, ask.id, pan.id]);
  });

  it('a follow-up can settle an old issue and stays open itself', () => {
    const { log, ask, ret, pan, open } = tony();
    const again = log({ kind: 'inquiry', outcome: 'follow_up', followUpDue: '2026-11-30', resolves: [ask.id] });
    expect(open()).toEqual([ret.id, pan.id, again.id]);
  });

  it('refuses another customer’s issue, a walk-in settling anything, an entry that is no issue, and a duplicate, and writes nothing', () => {
    const { s, c, log, pan, open } = tony();
    const other = createCustomer(s.ctx, { firstName: 'Bob' }).id;
    const done = log({ kind: 'inquiry', outcome: 'resolved' });
    const count = () => s.db.prepare('SELECT count(*) AS n FROM interactions').get();
    const before = count();
    for (const [customerId, resolves] of [
      [other, [pan.id]],
      [null, [pan.id]],
      [c, [done.id]],
      [c, [999_999]],
    ] as const) {
      expect(() => log({ kind: 'other', outcome: 'resolved', resolves: [...resolves] }, customerId)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION',
          message: expect.stringMatching(/not an issue of this customer/),
        }),
      );
    }
    expect(() => log({ kind: 'other', outcome: 'resolved', resolves: [pan.id, pan.id] })).toThrow(/listed twice/);
    expect(count()).toEqual(before);
    expect(open()).toContain(pan.id);
  });

  it('answers CONFLICT when an issue was settled meanwhile, and the whole entry is left out', () => {
    const { s, log, ret, pan, open } = tony();
    log({ kind: 'complaint', outcome: 'resolved', resolves: [pan.id] });
    const before = s.db.prepare('SELECT count(*) AS n FROM interactions').get();
    expect(() => log({ kind: 'return', outcome: 'resolved', resolves: [ret.id, pan.id] })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(s.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual(before);
    expect(open()).toContain(ret.id);
  });

  it('keeps the links append-only, and an amendment that reopens an issue does not unlink who settled it', () => {
    const { s, log, pan, open } = tony();
    const fix = log({ kind: 'complaint', outcome: 'resolved', resolves: [pan.id] });
    expect(() => s.db.prepare('DELETE FROM interaction_resolves').run()).toThrow(/append-only/);
    expect(() => s.db.prepare('UPDATE interaction_resolves SET issue_id = issue_id').run()).toThrow(/append-only/);
    amendInteraction(s.ctx, s.clerkId, {
      interactionId: pan.id,
      reason: 'customer came back, pan broke again',
      outcome: 'unresolved',
    });
    expect(open()).toContain(pan.id);
    expect(getInteraction(s.ctx, fix.id).resolves).toEqual([pan.id]);
  });

  it('writes no resolves_id any more: the link table is the one record of what settled what', () => {
    const { s, log, pan } = tony();
    log({ kind: 'complaint', outcome: 'resolved', resolves: [pan.id] });
    expect(interactionsRepo(s.db).insert.source).not.toMatch(/resolves_id/);
    expect(s.db.prepare('SELECT count(*) AS n FROM interactions WHERE resolves_id IS NOT NULL').get()).toEqual({
      n: 0,
    });
  });

  it('shows what an entry settled in the timeline, and clears the Open mark of what it settled', () => {
    const { s, c, log, pan } = tony();
    const fix = log({ kind: 'complaint', outcome: 'resolved', resolves: [pan.id] });
    const entries = timeline(s.ctx, c, null, 10).entries.filter((e) => e.type === 'interaction');
    expect(entries.find((e) => e.id === fix.id)).toMatchObject({ interaction: { resolves: [pan.id] }, open: false });
    expect(entries.find((e) => e.id === pan.id)).toMatchObject({ open: false });
  });
});

describe('what the clerk said', () => {
  it('is saved with the entry and shown in the timeline, unchanged by amendments', () => {
    const { s, c, log, pan } = tony();
    const said = "Tony, I'm sorry about the pan — here's a new one, and I've checked it with you.";
    const fix = log({ kind: 'complaint', outcome: 'resolved', resolves: [pan.id], said, notes: 'Swapped the pan' });
    expect(fix.said).toBe(said);
    amendInteraction(s.ctx, s.clerkId, { interactionId: fix.id, reason: 'typo', notes: 'Swapped the frying pan' });
    const entry = timeline(s.ctx, c, null, 10).entries.find((e) => e.id === fix.id && e.type === 'interaction');
    expect(entry).toMatchObject({ interaction: { said, notes: 'Swapped the frying pan', resolves: [pan.id] } });
    expect(
      new Database(s.file, { readonly: true }).prepare('SELECT said FROM interactions WHERE id = ?').get(fix.id),
    ).toEqual({ said });
  });

  it('appears in the daily review, its text search and the CSV (formula-safe)', () => {
    const { s, log, pan } = tony();
    log({ kind: 'complaint', outcome: 'resolved', resolves: [pan.id], said: '=HYPERLINK("x") new pan handed over' });
    const day = dayReport(s.ctx, '2026-11-23');
    expect(day.entries.at(-1)).toMatchObject({ said: '=HYPERLINK("x") new pan handed over' });
    expect(dayReport(s.ctx, '2026-11-23', { text: 'handed over' }).entries).toHaveLength(1);
    const rows = parse(exportCsv(s.ctx, s.clerkId, '2026-11-23', '2026-11-23').content) as string[][];
    const col = rows[0]!.indexOf('said');
    expect(rows.at(-1)![col]).toBe(`'=HYPERLINK("x") new pan handed over`);
  });

  it('is blanked when the customer is erased, and is part of their data export', () => {
    const { s, c, log, pan } = tony();
    const fix = log({
      kind: 'complaint',
      outcome: 'resolved',
      resolves: [pan.id],
      said: 'Tony, here is your new pan.',
    });
    expect(exportCustomerData(s.ctx, s.clerkId, c).interactions).toContainEqual(
      expect.objectContaining({ id: fix.id, said: 'Tony, here is your new pan.' }),
    );
    eraseCustomer(s.ctx, s.clerkId, c, 'asked in store');
    expect(s.db.prepare('SELECT said FROM interactions WHERE id = ?').get(fix.id)).toEqual({ said: '' });
  });
});

describe('interactions.log over the dispatcher', () => {
  it('validates resolves and said with the contract, and answers typed errors', async () => {
    const b = startBackend({ dbPath: path.join(tempDir(), 'ipc.db'), now: () => new Date('2026-11-23T10:00:00.000Z') });
    const session = newSession();
    const call = async <T>(m: string, input: unknown) => (await b.dispatch(m, input, session)) as Envelope<T>;
    await call('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '5555' });
    const c = (
      (await call<{ id: number }>('customers.create', { firstName: 'Tony' })) as { ok: true; value: { id: number } }
    ).value.id;
    const pan = (await call<Interaction>('interactions.log', {
      customerId: c,
      kind: 'complaint',
      outcome: 'unresolved',
    })) as { ok: true; value: Interaction };
    expect(
      await call('interactions.log', { customerId: c, kind: 'complaint', outcome: 'resolved', resolves: ['x'] }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await call('interactions.log', { customerId: c, kind: 'complaint', outcome: 'resolved', said: 'x'.repeat(4001) }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const ok = await call<Interaction>('interactions.log', {
      customerId: c,
      kind: 'complaint',
      outcome: 'resolved',
      resolves: [pan.value.id],
      said: 'All sorted.',
    });
    expect(ok).toMatchObject({ ok: true, value: { resolves: [pan.value.id], said: 'All sorted.' } });
    expect(
      await call('interactions.log', {
        customerId: c,
        kind: 'complaint',
        outcome: 'resolved',
        resolves: [pan.value.id],
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    b.close();
  });
});
