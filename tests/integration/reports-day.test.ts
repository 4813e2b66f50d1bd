import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { LogInteractionInput } from '@common/contract';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { effectiveInteractions, openIssuesFor } from '../../main/services/history';
import { historyRepo } from '../../main/db/history.repo';
import { amendInteraction, getInteraction, logInteraction } from '../../main/services/interactions';
import { dayReport } from '../../main/services/reports/day-view';
import { reviewInteraction } from '../../main/services/reports/review';
import { tempStore, type TempStore } from '../helpers/temp-store';

function logAt(s: TempStore, iso: string, input: LogInteractionInput, clerkId = s.clerkId) {
  s.setNow(iso);
  return logInteraction(s.ctx, clerkId, input);
}

describe('day view', () => {
  it('lists the store-local day oldest first with local times, clerk, customer or walk-in', () => {
    const s = tempStore('2026-11-20T08:00:00.000Z');
    const ann = createCustomer(s.ctx, { firstName: 'Zoë', lastName: 'Ní Bhriain' }).id;
    const bob = addClerk(s.ctx, 'Bob Clerk').id;
    logAt(s, '2026-11-19T23:59:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 19th in Dublin
    const a = logAt(s, '2026-11-20T09:05:00.000Z', {
      customerId: ann,
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2026-11-22',
      sentiment: 2,
      notes: 'Lid cracked',
      suggestionTemplateId: 'apology',
    });
    const b = logAt(s, '2026-11-20T17:45:30.000Z', { customerId: null, kind: 'inquiry', outcome: 'resolved' }, bob);
    logAt(s, '2026-11-21T00:00:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 21st
    const r = dayReport(s.ctx, '2026-11-20');
    expect(r).toMatchObject({ day: '2026-11-20', timeZone: 'Europe/Dublin', total: 2 });
    expect(r.entries.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(r.entries[0]).toEqual({
      id: a.id,
      day: '2026-11-20',
      localTime: '09:05',
      createdAt: '2026-11-20T09:05:00.000Z',
      clerk: { id: s.clerkId, displayName: 'Aoife Byrne' },
      customer: { id: ann, displayName: 'Zoë Ní Bhriain' },
      kind: 'complaint',
      outcome: 'follow_up',
      sentiment: 2,
      notes: 'Lid cracked',
      followUpDue: '2026-11-22',
      followUp: 'open',
      suggestionTemplateId: 'apology',
      said: '',
      amendmentCount: 0,
      lastAmendReason: null,
      flagged: false,
      reviewNote: null,
      reviewedBy: null,
      reviewedAt: null,
    });
    expect(r.entries[1]).toMatchObject({
      localTime: '17:45',
      customer: null,
      clerk: { displayName: 'Bob Clerk' },
      followUp: null,
    });
  });

  it('returns an empty day as empty, not as an error', () => {
    const s = tempStore();
    expect(dayReport(s.ctx, '2026-11-20')).toEqual({
      day: '2026-11-20',
      timeZone: 'Europe/Dublin',
      total: 0,
      entries: [],
    });
    expect(() => dayReport(s.ctx, '2026-02-30')).toThrow(/calendar date/);
  });

  it('uses store-local times across the autumn DST change (Europe/Dublin, 25 Oct 2026 has 25 hours)', () => {
    const s = tempStore('2026-10-24T12:00:00.000Z');
    logAt(s, '2026-10-24T22:59:00.000Z', {
      customerId: null,
      kind: 'other',
      outcome: 'resolved',
      notes: 'still the 24th (23:59 IST)',
    });
    logAt(s, '2026-10-24T23:30:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved', notes: 'first' });
    logAt(s, '2026-10-25T00:30:00.000Z', {
      customerId: null,
      kind: 'other',
      outcome: 'resolved',
      notes: '01:30 summer time',
    });
    logAt(s, '2026-10-25T01:30:00.000Z', {
      customerId: null,
      kind: 'other',
      outcome: 'resolved',
      notes: '01:30 winter time',
    });
    logAt(s, '2026-10-25T23:59:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved', notes: 'last' });
    const r = dayReport(s.ctx, '2026-10-25');
    expect(r.entries.map((e) => [e.localTime, e.notes])).toEqual([
      ['00:30', 'first'],
      ['01:30', '01:30 summer time'],
      ['01:30', '01:30 winter time'],
      ['23:59', 'last'],
    ]);
  });

  it('uses the configured store time zone, not the machine one', () => {
    const s = tempStore('2026-11-20T23:30:00.000Z', { timeZone: 'Asia/Tokyo' });
    logAt(s, '2026-11-20T23:30:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' });
    expect(dayReport(s.ctx, '2026-11-20').entries).toEqual([]);
    expect(dayReport(s.ctx, '2026-11-21').entries.map((e) => e.localTime)).toEqual(['08:30']);
  });

  it('applies amendments exactly as effectiveInteractions does, and shows corrections and their latest reason', () => {
    const s = tempStore('2026-11-20T09:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        logAt(s, `2026-11-20T${10 + i}:00:00.000Z`, {
          customerId: c,
          kind: 'inquiry',
          outcome: i % 2 ? 'escalated' : 'resolved',
          sentiment: 3,
          notes: `note ${i}`,
        }).id,
      );
    }
    s.setNow('2026-11-21T09:00:00.000Z'); // corrected the next day: still listed under the day it happened
    amendInteraction(s.ctx, s.clerkId, { interactionId: ids[0]!, reason: 'typo', notes: 'note zero' });
    amendInteraction(s.ctx, s.clerkId, {
      interactionId: ids[0]!,
      reason: 'wrong kind',
      kind: 'complaint',
      sentiment: null,
    });
    amendInteraction(s.ctx, s.clerkId, { interactionId: ids[1]!, reason: 'sorted', outcome: 'resolved' });
    amendInteraction(s.ctx, s.clerkId, {
      interactionId: ids[2]!,
      reason: 'needs a call',
      outcome: 'follow_up',
      followUpDue: '2026-11-25',
    });
    const r = dayReport(s.ctx, '2026-11-20');
    expect(r.total).toBe(6);
    const byId = new Map(r.entries.map((e) => [e.id, e]));
    const expected = effectiveInteractions(s.ctx, historyRepo(s.db).interactionsByIds(ids));
    for (const id of ids) {
      const e = byId.get(id)!;
      const { interaction, amendments } = expected.get(id)!;
      expect({
        kind: e.kind,
        outcome: e.outcome,
        sentiment: e.sentiment,
        notes: e.notes,
        followUpDue: e.followUpDue,
      }).toEqual({
        kind: interaction.kind,
        outcome: interaction.outcome,
        sentiment: interaction.sentiment,
        notes: interaction.notes,
        followUpDue: interaction.followUpDue,
      });
      expect(e.amendmentCount).toBe(amendments);
    }
    expect(byId.get(ids[0]!)).toMatchObject({
      kind: 'complaint',
      sentiment: null,
      notes: 'note zero',
      amendmentCount: 2,
      lastAmendReason: 'wrong kind',
    });
    expect(byId.get(ids[1]!)).toMatchObject({ outcome: 'resolved', followUp: null });
    expect(byId.get(ids[2]!)).toMatchObject({ outcome: 'follow_up', followUpDue: '2026-11-25', followUp: 'open' });
    expect(dayReport(s.ctx, '2026-11-21').entries).toEqual([]); // amendment rows are never entries of their own
  });
});

describe('day view filters', () => {
  function store() {
    const s = tempStore('2026-11-20T08:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const bob = addClerk(s.ctx, 'Bob Clerk').id;
    const e = {
      kettle: logAt(s, '2026-11-20T09:00:00.000Z', {
        customerId: c,
        kind: 'complaint',
        outcome: 'follow_up',
        followUpDue: '2026-11-21',
        sentiment: 1,
        notes: 'KETTLE lid broke; wants a refund',
      }),
      cafe: logAt(
        s,
        '2026-11-20T10:00:00.000Z',
        {
          customerId: c,
          kind: 'inquiry',
          outcome: 'resolved',
          sentiment: 5,
          notes: 'Asked where the Café is — naïve question',
        },
        bob,
      ),
      noSentiment: logAt(
        s,
        '2026-11-20T11:00:00.000Z',
        { customerId: null, kind: 'pickup', outcome: 'escalated', notes: 'Order 12 missing' },
        bob,
      ),
      plain: logAt(s, '2026-11-20T12:00:00.000Z', {
        customerId: null,
        kind: 'inquiry',
        outcome: 'resolved',
        sentiment: 3,
        notes: 'cafe opening hours',
      }),
    };
    return { s, bob, e };
  }
  const ids = (r: { entries: { id: number }[] }) => r.entries.map((x) => x.id);

  it('narrow by clerk, kind, outcome, sentiment range and follow-up, combined with AND', () => {
    const { s, bob, e } = store();
    expect(ids(dayReport(s.ctx, '2026-11-20', { clerkId: bob }))).toEqual([e.cafe.id, e.noSentiment.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { kind: 'inquiry' }))).toEqual([e.cafe.id, e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { outcome: 'escalated' }))).toEqual([e.noSentiment.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { sentimentMin: 3 }))).toEqual([e.cafe.id, e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { sentimentMax: 3 }))).toEqual([e.kettle.id, e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { sentimentMin: 2, sentimentMax: 4 }))).toEqual([e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { hasFollowUp: true }))).toEqual([e.kettle.id, e.noSentiment.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { hasFollowUp: false }))).toEqual([e.cafe.id, e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { clerkId: bob, kind: 'inquiry' }))).toEqual([e.cafe.id]);
    const r = dayReport(s.ctx, '2026-11-20', { clerkId: bob, kind: 'complaint' });
    expect(r).toMatchObject({ total: 4, entries: [] });
  });

  it('search the notes ignoring case and accents, all words anywhere', () => {
    const { s, e } = store();
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'cafe' }))).toEqual([e.cafe.id, e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'CAFÉ' }))).toEqual([e.cafe.id, e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'naive' }))).toEqual([e.cafe.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'kettle refund' }))).toEqual([e.kettle.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'refund kettle' }))).toEqual([e.kettle.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'kettle cafe' }))).toEqual([]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'lid' }))).toEqual([e.kettle.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: '  ' }))).toHaveLength(4);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'cafe', clerkId: s.clerkId }))).toEqual([e.plain.id]);
  });

  it('filter on the notes and outcome as they stand after amendments', () => {
    const { s, e } = store();
    amendInteraction(s.ctx, s.clerkId, { interactionId: e.plain.id, reason: 'typo', notes: 'toaster question' });
    amendInteraction(s.ctx, s.clerkId, {
      interactionId: e.kettle.id,
      reason: 'sorted',
      outcome: 'resolved',
      sentiment: 4,
    });
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'cafe' }))).toEqual([e.cafe.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { text: 'toaster' }))).toEqual([e.plain.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { hasFollowUp: true }))).toEqual([e.noSentiment.id]);
    expect(ids(dayReport(s.ctx, '2026-11-20', { sentimentMin: 4 }))).toEqual([e.kettle.id, e.cafe.id]);
  });
});

describe('manager review', () => {
  it('flags an entry with a note as an amendment; the original row and the entry content stay as they were', () => {
    const s = tempStore('2026-11-20T09:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const bob = addClerk(s.ctx, 'Bob Clerk').id;
    const orig = logAt(
      s,
      '2026-11-20T09:30:00.000Z',
      {
        customerId: c,
        kind: 'complaint',
        outcome: 'follow_up',
        followUpDue: '2026-11-23',
        sentiment: 2,
        notes: 'rude?',
      },
      bob,
    );
    amendInteraction(s.ctx, bob, { interactionId: orig.id, reason: 'typo', notes: 'customer was upset' });
    const before = getInteraction(s.ctx, orig.id);
    s.setNow('2026-11-20T18:00:00.000Z');
    const e = reviewInteraction(s.ctx, s.clerkId, {
      interactionId: orig.id,
      flagged: true,
      note: '  Talk to Bob about tone ',
    });
    expect(e).toMatchObject({
      id: orig.id,
      flagged: true,
      reviewNote: 'Talk to Bob about tone',
      reviewedBy: { id: s.clerkId, displayName: 'Aoife Byrne' },
      reviewedAt: '2026-11-20T18:00:00.000Z',
      kind: 'complaint',
      outcome: 'follow_up',
      sentiment: 2,
      notes: 'customer was upset',
      followUpDue: '2026-11-23',
      amendmentCount: 1,
      lastAmendReason: 'typo',
    });
    const after = getInteraction(s.ctx, orig.id);
    expect({ ...after, amendReason: null }).toEqual({ ...before, amendReason: null });
    const rows = s.db
      .prepare('SELECT notes, amends_id, amend_reason, flagged, review_note, clerk_id FROM interactions ORDER BY id')
      .all();
    expect(rows).toEqual([
      { notes: 'rude?', amends_id: null, amend_reason: null, flagged: null, review_note: null, clerk_id: bob },
      {
        notes: 'customer was upset',
        amends_id: orig.id,
        amend_reason: 'typo',
        flagged: null,
        review_note: null,
        clerk_id: bob,
      },
      {
        notes: 'customer was upset',
        amends_id: orig.id,
        amend_reason: 'manager review',
        flagged: 1,
        review_note: 'Talk to Bob about tone',
        clerk_id: s.clerkId,
      },
    ]);
    expect(dayReport(s.ctx, '2026-11-20', { flagged: true }).entries.map((x) => x.id)).toEqual([orig.id]);
    // Clearing the flag is another review; the latest is the one in force.
    expect(reviewInteraction(s.ctx, s.clerkId, { interactionId: orig.id, flagged: false, note: '' })).toMatchObject({
      flagged: false,
      reviewNote: null,
    });
    expect(dayReport(s.ctx, '2026-11-20', { flagged: true }).entries).toEqual([]);
    expect(dayReport(s.ctx, '2026-11-20', { flagged: false }).entries).toHaveLength(1);
  });

  it('does not re-open a follow-up that a later visit closed, nor close one that is open', () => {
    const s = tempStore('2026-11-20T09:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    const open = logAt(s, '2026-11-20T09:30:00.000Z', {
      customerId: c,
      kind: 'pickup',
      outcome: 'follow_up',
      followUpDue: '2026-11-22',
    });
    const done = logAt(s, '2026-11-20T09:40:00.000Z', { customerId: c, kind: 'complaint', outcome: 'unresolved' });
    logAt(s, '2026-11-20T15:00:00.000Z', {
      customerId: c,
      kind: 'complaint',
      outcome: 'resolved',
      resolves: [done.id],
    });
    expect(openIssuesFor(s.ctx, c).map((o) => o.interactionId)).toEqual([open.id]);
    reviewInteraction(s.ctx, s.clerkId, { interactionId: done.id, flagged: true, note: 'why unresolved?' });
    reviewInteraction(s.ctx, s.clerkId, { interactionId: open.id, flagged: true, note: null });
    expect(openIssuesFor(s.ctx, c).map((o) => o.interactionId)).toEqual([open.id]);
    const r = dayReport(s.ctx, '2026-11-20');
    expect(r.entries.map((e) => [e.id, e.followUp, e.flagged])).toEqual([
      [open.id, 'open', true],
      [done.id, 'done', true],
      [done.id + 1, null, false],
    ]);
  });

  it('refuses an amendment row or an unknown id', () => {
    const s = tempStore();
    const i = logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'other', outcome: 'resolved' });
    amendInteraction(s.ctx, s.clerkId, { interactionId: i.id, reason: 'typo', notes: 'x' });
    expect(() => reviewInteraction(s.ctx, s.clerkId, { interactionId: i.id + 1, flagged: true, note: null })).toThrow(
      /No interaction/,
    );
    expect(() => reviewInteraction(s.ctx, s.clerkId, { interactionId: 999, flagged: true, note: null })).toThrow(
      /No interaction/,
    );
  });

  it('migration 0004-review keeps the append-only guard and only lets amendment rows carry a flag', () => {
    const s = tempStore();
    const i = logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'other', outcome: 'resolved' });
    expect(() => s.db.prepare('UPDATE interactions SET flagged = 1 WHERE id = ?').run(i.id)).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM interactions WHERE id = ?').run(i.id)).toThrow(/append-only/);
    const insert =
      "INSERT INTO interactions (created_at, local_day, kind, outcome, clerk_id, terminal_id, amends_id, amend_reason, flagged) VALUES ('t', 'd', 'other', 'resolved', ?, 't', ?, ?, ?)";
    expect(() => s.db.prepare(insert).run(s.clerkId, null, null, 1)).toThrow(/CHECK/);
    expect(() => s.db.prepare(insert).run(s.clerkId, i.id, 'manager review', 2)).toThrow(/CHECK/);
    const cols = (t: string) =>
      (s.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(cols('interactions')).toEqual(expect.arrayContaining(['flagged', 'review_note']));
    expect(cols('open_issues')).toContain('assigned_clerk_id');
    s.db.close();
    const raw = new Database(s.file, { readonly: true });
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    raw.close();
  });
});
