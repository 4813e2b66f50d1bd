import { describe, expect, it } from 'vitest';
import type { LogInteractionInput } from '@common/contract';
import type { HourBucket } from '@common/reports';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { dayReport } from '../../main/services/reports/day-view';
import { reviewInteraction } from '../../main/services/reports/review';
import { kpiReport, trend } from '../../main/services/reports/kpis';
import { storeParams } from '../../main/services/reports/store-scope';
import { reportsRepo } from '../../main/services/reports/reports.repo';
import { tempStore, type TempStore } from '../helpers/temp-store';

function logAt(s: TempStore, iso: string, input: LogInteractionInput, clerkId = s.clerkId) {
  s.setNow(iso);
  return logInteraction(s.ctx, clerkId, input);
}

const hours = (b: HourBucket[]) => Object.fromEntries(b.filter((h) => h.total > 0).map((h) => [h.hour, h.total]));

/** A week of history before 20 Nov 2026 (Europe/Dublin, UTC+0 in November) and a busy-ish day. */
function week() {
  const s = tempStore('2026-11-12T09:00:00.000Z');
  const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
  const bob = addClerk(s.ctx, 'Bob Clerk').id;
  // 12 Nov: outside the seven days before the 20th, but its open follow-up is overdue from the 15th on.
  logAt(s, '2026-11-12T10:00:00.000Z', { customerId: c, kind: 'inquiry', outcome: 'resolved', sentiment: 1 });
  logAt(s, '2026-11-12T11:00:00.000Z', {
    customerId: c,
    kind: 'pickup',
    outcome: 'follow_up',
    followUpDue: '2026-11-14',
  });
  // The seven days before: 5 entries, 3 resolved, sentiments 5 5 1 3 4, two follow-ups created.
  logAt(s, '2026-11-13T10:00:00.000Z', { customerId: c, kind: 'inquiry', outcome: 'resolved', sentiment: 5 });
  logAt(s, '2026-11-13T11:00:00.000Z', { customerId: c, kind: 'purchase', outcome: 'resolved', sentiment: 5 });
  logAt(s, '2026-11-15T10:00:00.000Z', {
    customerId: c,
    kind: 'pickup',
    outcome: 'follow_up',
    followUpDue: '2026-11-18',
    sentiment: 1,
  });
  const later = logAt(s, '2026-11-15T11:00:00.000Z', {
    customerId: c,
    kind: 'pickup',
    outcome: 'follow_up',
    followUpDue: '2026-11-19',
    sentiment: 3,
  });
  logAt(s, '2026-11-19T10:00:00.000Z', {
    customerId: c,
    kind: 'pickup',
    outcome: 'resolved',
    sentiment: 4,
    resolves: [later.id],
  });
  // The day: 4 entries by two clerks.
  logAt(s, '2026-11-20T09:10:00.000Z', {
    customerId: c,
    kind: 'complaint',
    outcome: 'follow_up',
    followUpDue: '2026-11-22',
    sentiment: 2,
    suggestionTemplateId: 'apology',
  });
  logAt(s, '2026-11-20T09:50:00.000Z', { customerId: c, kind: 'inquiry', outcome: 'resolved', sentiment: 4 });
  logAt(
    s,
    '2026-11-20T14:00:00.000Z',
    { customerId: null, kind: 'inquiry', outcome: 'resolved', suggestionTemplateId: 'greeting' },
    bob,
  );
  const escalated = logAt(
    s,
    '2026-11-20T23:30:00.000Z',
    { customerId: c, kind: 'return', outcome: 'escalated', sentiment: 5 },
    bob,
  );
  s.setNow('2026-11-21T09:00:00.000Z');
  amendInteraction(s.ctx, bob, {
    interactionId: escalated.id,
    reason: 'manager refunded',
    outcome: 'resolved',
    sentiment: 3,
  });
  return { s, bob };
}

describe('KPIs', () => {
  it('for the day, with amendments applied', () => {
    const { s } = week();
    const r = kpiReport(s.ctx, '2026-11-20');
    expect(r.day).toBe('2026-11-20');
    expect(r.kpis).toEqual({
      interactions: 4,
      resolvedPct: 75,
      avgSentiment: 3,
      complaints: 1,
      followUpsCreated: 1,
      followUpsOverdue: 2, // due 14 Nov and 18 Nov, both still open; 19 Nov was closed, 22 Nov is not due yet
      suggestionsUsedPct: 33.3, // 1 of the 3 entries with a customer; the walk-in's suggestion does not count
    });
  });

  it('against the average of the seven days before', () => {
    const { s } = week();
    expect(kpiReport(s.ctx, '2026-11-20').previous7DayAverage).toEqual({
      interactions: 0.7, // 5 / 7
      resolvedPct: 60, // 3 of 5, pooled
      avgSentiment: 3.6, // 18 / 5
      complaints: 0,
      followUpsCreated: 0.3, // 2 / 7
      followUpsOverdue: 0.9, // (0+0+1+1+1+1+2) / 7 over 13..19 Nov
      suggestionsUsedPct: 0,
    });
  });

  it('per clerk, busiest first, and the chart data', () => {
    const { s, bob } = week();
    const r = kpiReport(s.ctx, '2026-11-20');
    expect(r.perClerk).toEqual([
      { clerk: { id: s.clerkId, displayName: 'Aoife Byrne' }, interactions: 2, resolvedPct: 50, avgSentiment: 3 },
      { clerk: { id: bob, displayName: 'Bob Clerk' }, interactions: 2, resolvedPct: 100, avgSentiment: 3 },
    ]);
    expect(r.byHour).toHaveLength(24);
    expect(r.byHour[9]).toEqual({
      hour: 9,
      total: 2,
      byOutcome: { resolved: 1, follow_up: 1, escalated: 0, unresolved: 0 },
    });
    expect(r.byHour[23]).toEqual({
      hour: 23,
      total: 1,
      byOutcome: { resolved: 1, follow_up: 0, escalated: 0, unresolved: 0 },
    });
    expect(hours(r.byHour)).toEqual({ 9: 2, 14: 1, 23: 1 });
    expect(r.sentiment).toEqual([
      { sentiment: 1, count: 0 },
      { sentiment: 2, count: 1 },
      { sentiment: 3, count: 1 },
      { sentiment: 4, count: 1 },
      { sentiment: 5, count: 0 },
      { sentiment: null, count: 1 },
    ]);
  });

  it('for an empty day: zero counts, no percentages, empty buckets', () => {
    const s = tempStore();
    const r = kpiReport(s.ctx, '2026-11-20');
    const none = {
      interactions: 0,
      resolvedPct: null,
      avgSentiment: null,
      complaints: 0,
      followUpsCreated: 0,
      followUpsOverdue: 0,
      suggestionsUsedPct: null,
    };
    expect(r.kpis).toEqual(none);
    expect(r.previous7DayAverage).toEqual(none);
    expect(r.perClerk).toEqual([]);
    expect(r.byHour.map((h) => h.total)).toEqual(Array(24).fill(0));
    expect(r.sentiment.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('count hours in store time across the DST change (Europe/Dublin, 25 Oct 2026)', () => {
    const s = tempStore('2026-10-24T12:00:00.000Z');
    logAt(s, '2026-10-24T22:30:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 23:30 IST on the 24th
    logAt(s, '2026-10-24T23:30:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 00:30 IST
    logAt(s, '2026-10-25T00:30:00.000Z', {
      customerId: null,
      kind: 'other',
      outcome: 'follow_up',
      followUpDue: '2026-10-27',
    }); // 01:30 IST
    logAt(s, '2026-10-25T01:30:00.000Z', { customerId: null, kind: 'other', outcome: 'escalated' }); // 01:30 GMT
    logAt(s, '2026-10-25T12:00:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 12:00 GMT
    const r = kpiReport(s.ctx, '2026-10-25');
    expect(r.kpis.interactions).toBe(4);
    expect(hours(r.byHour)).toEqual({ 0: 1, 1: 2, 12: 1 });
    expect(r.byHour[1]!.byOutcome).toEqual({ resolved: 0, follow_up: 1, escalated: 1, unresolved: 0 });
    expect(r.previous7DayAverage.interactions).toBe(0.1); // the one on the 24th
  });

  it('count hours in store time where the offset is not whole hours (Asia/Kolkata, UTC+5:30)', () => {
    const s = tempStore('2026-11-20T03:00:00.000Z', { timeZone: 'Asia/Kolkata' });
    logAt(s, '2026-11-20T03:15:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 08:45
    logAt(s, '2026-11-20T03:45:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 09:15
    logAt(s, '2026-11-20T18:29:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 23:59
    logAt(s, '2026-11-20T18:30:00.000Z', { customerId: null, kind: 'other', outcome: 'resolved' }); // 00:00 on the 21st
    expect(hours(kpiReport(s.ctx, '2026-11-20').byHour)).toEqual({ 8: 1, 9: 1, 23: 1 });
    expect(hours(kpiReport(s.ctx, '2026-11-21').byHour)).toEqual({ 0: 1 });
  });

  it('use the store time zone for the day (Asia/Tokyo)', () => {
    const s = tempStore('2026-11-20T15:30:00.000Z', { timeZone: 'Asia/Tokyo' });
    logAt(s, '2026-11-20T14:59:00.000Z', { customerId: null, kind: 'complaint', outcome: 'resolved' }); // 23:59 on the 20th
    logAt(s, '2026-11-20T15:00:00.000Z', { customerId: null, kind: 'complaint', outcome: 'resolved' }); // 00:00 on the 21st
    expect(kpiReport(s.ctx, '2026-11-20').kpis.complaints).toBe(1);
    const r = kpiReport(s.ctx, '2026-11-21');
    expect(r).toMatchObject({ timeZone: 'Asia/Tokyo', kpis: { complaints: 1 } });
    expect(hours(r.byHour)).toEqual({ 0: 1 });
  });
});

describe('trend', () => {
  it('has one point per day, empty days included, amendments applied', () => {
    const { s } = week();
    const t = trend(s.ctx, '2026-11-20');
    expect(t).toHaveLength(30);
    expect(t[0]!.day).toBe('2026-10-22');
    expect(t[29]).toEqual({ day: '2026-11-20', interactions: 4, resolvedPct: 75, avgSentiment: 3 });
    expect(t.find((p) => p.day === '2026-11-15')).toEqual({
      day: '2026-11-15',
      interactions: 2,
      resolvedPct: 0,
      avgSentiment: 2,
    });
    expect(t.find((p) => p.day === '2026-11-14')).toEqual({
      day: '2026-11-14',
      interactions: 0,
      resolvedPct: null,
      avgSentiment: null,
    });
    expect(trend(s.ctx, '2026-11-13', 2).map((p) => p.interactions)).toEqual([2, 2]);
    expect(() => trend(s.ctx, '2026-11-20', 400)).toThrow(/at most 366/);
  });

  it('is one grouped query over the local_day index, with amendments found through their index', () => {
    const s = tempStore();
    for (const stmt of [reportsRepo(s.db).dailyTrend, reportsRepo(s.db).dailyStats]) {
      const plan = (
        s.db
          .prepare(`EXPLAIN QUERY PLAN ${stmt.source}`)
          .all({ from: '2026-10-22', to: '2026-11-20', ...storeParams(s.ctx) }) as { detail: string }[]
      ).map((r) => r.detail);
      expect(plan).toContain('SEARCH i USING INDEX interactions_day (local_day>? AND local_day<?)');
      expect(plan).toContain('SEARCH x USING COVERING INDEX interactions_amends (amends_id>? AND amends_id<?)');
      expect(plan.filter((d) => /^SCAN (i|o|a|x|interactions)\b/.test(d))).toEqual([]);
    }
  });

  it('agrees with the day view entries on random days with amendments and reviews', () => {
    const s = tempStore('2026-11-01T08:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Ann' }).id;
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const kinds = ['inquiry', 'purchase', 'return', 'complaint', 'pickup', 'other'] as const;
    const outcomes = ['resolved', 'follow_up', 'escalated', 'unresolved'] as const;
    const ids: number[] = [];
    for (let i = 0; i < 120; i++) {
      const outcome = outcomes[rnd(4)]!;
      const at = new Date(Date.parse('2026-11-01T06:00:00.000Z') + rnd(12 * 24) * 3_600_000).toISOString();
      ids.push(
        logAt(s, at, {
          customerId: rnd(3) ? c : null,
          kind: kinds[rnd(6)]!,
          outcome,
          sentiment: rnd(4) ? 1 + rnd(5) : null,
          followUpDue: outcome === 'follow_up' ? '2026-11-20' : null,
          suggestionTemplateId: rnd(3) ? null : 'tpl',
        }).id,
      );
    }
    s.setNow('2026-11-14T09:00:00.000Z');
    for (let i = 0; i < 40; i++) {
      const id = ids[rnd(ids.length)]!;
      if (rnd(4) === 0) reviewInteraction(s.ctx, s.clerkId, { interactionId: id, flagged: true, note: null });
      else
        amendInteraction(s.ctx, s.clerkId, {
          interactionId: id,
          reason: 'fix',
          outcome: 'resolved',
          kind: kinds[rnd(6)],
          sentiment: rnd(3) ? 1 + rnd(5) : null,
        });
    }
    const points = trend(s.ctx, '2026-11-14', 14);
    for (const p of points) {
      const e = dayReport(s.ctx, p.day).entries;
      const sentiments = e.map((x) => x.sentiment).filter((x): x is number => x !== null);
      const round = (x: number, k: number) => Math.round(x * 10 ** k) / 10 ** k;
      expect(p, p.day).toEqual({
        day: p.day,
        interactions: e.length,
        resolvedPct: e.length ? round((100 * e.filter((x) => x.outcome === 'resolved').length) / e.length, 1) : null,
        avgSentiment: sentiments.length ? round(sentiments.reduce((a, b) => a + b, 0) / sentiments.length, 2) : null,
      });
      const k = kpiReport(s.ctx, p.day).kpis;
      expect(k.complaints, p.day).toBe(e.filter((x) => x.kind === 'complaint').length);
      expect(k.followUpsCreated, p.day).toBe(e.filter((x) => x.followUp !== null).length);
    }
    expect(points.reduce((n, p) => n + p.interactions, 0)).toBe(120);
  });
});
