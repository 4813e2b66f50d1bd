import { INTERACTION_OUTCOMES, type InteractionOutcome } from '@common/domain';
import type { ClerkKpi, HourBucket, KpiReport, KpiValues, SentimentBucket, TrendPoint } from '@common/reports';
import { recoverySummary } from './recovery-summary';
import type { ServiceContext } from '../context';
import { addDays } from '../time';
import { assertDay, assertRange, localHour } from './local-time';
import { reportsRepo, type DailyStatsRow } from './reports.repo';
import { storeParams } from './store-scope';
import type { StoreSelection } from '@common/reports';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const pct = (part: number, whole: number) => (whole === 0 ? null : round((100 * part) / whole, 1));
const avg = (sum: number | null, n: number) => (n === 0 ? null : round((sum ?? 0) / n, 2));

const ZERO: Omit<DailyStatsRow, 'day'> = {
  n: 0,
  resolved: 0,
  sentiment_sum: 0,
  sentiment_n: 0,
  complaints: 0,
  follow_ups: 0,
  with_customer: 0,
  suggested: 0,
};

function sumStats(rows: DailyStatsRow[]): Omit<DailyStatsRow, 'day'> {
  const t = { ...ZERO };
  for (const r of rows) {
    t.n += r.n;
    t.resolved += r.resolved;
    t.sentiment_sum = (t.sentiment_sum ?? 0) + (r.sentiment_sum ?? 0);
    t.sentiment_n += r.sentiment_n;
    t.complaints += r.complaints;
    t.follow_ups += r.follow_ups;
    t.with_customer += r.with_customer;
    t.suggested += r.suggested;
  }
  return t;
}

/** KPI values over `days` days of totals: counts become per-day means, ratios are pooled. */
function kpiValues(t: Omit<DailyStatsRow, 'day'>, overdue: number, days: number): KpiValues {
  const perDay = (x: number) => (days === 1 ? x : round(x / days, 1));
  return {
    interactions: perDay(t.n),
    resolvedPct: pct(t.resolved, t.n),
    avgSentiment: avg(t.sentiment_sum, t.sentiment_n),
    complaints: perDay(t.complaints),
    followUpsCreated: perDay(t.follow_ups),
    followUpsOverdue: perDay(overdue),
    suggestionsUsedPct: pct(t.suggested, t.with_customer),
  };
}

/** Figures over a range, all counts summed (not averaged). Overdue: due before the last day and still open now. */
export function rangeKpis(ctx: ServiceContext, from: string, to: string, store: StoreSelection = 'this'): KpiValues {
  const repo = reportsRepo(ctx.db);
  const where = storeParams(ctx, store);
  return kpiValues(
    sumStats(repo.dailyStats.all({ from, to, ...where })),
    repo.overdueBefore.get({ day: to, ...where })!.n,
    1,
  );
}

export function perClerk(ctx: ServiceContext, from: string, to: string, store: StoreSelection = 'this'): ClerkKpi[] {
  return reportsRepo(ctx.db)
    .clerkStats.all({ from, to, ...storeParams(ctx, store) })
    .map((r) => ({
      clerk: { id: r.clerk_id, displayName: r.clerk_name },
      interactions: r.n,
      resolvedPct: pct(r.resolved, r.n),
      avgSentiment: avg(r.sentiment_sum, r.sentiment_n),
    }));
}

const emptyOutcomes = (): Record<InteractionOutcome, number> =>
  Object.fromEntries(INTERACTION_OUTCOMES.map((o) => [o, 0])) as Record<InteractionOutcome, number>;

/** Interactions per store-local hour (0–23) and outcome. */
export function byHour(ctx: ServiceContext, from: string, to: string, store: StoreSelection = 'this'): HourBucket[] {
  const buckets: HourBucket[] = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    total: 0,
    byOutcome: emptyOutcomes(),
  }));
  for (const r of reportsRepo(ctx.db).quarterHours.all({ from, to, ...storeParams(ctx, store) })) {
    const b = buckets[localHour(`${r.slot}:00.000Z`, ctx.config.timeZone)]!;
    b.total += r.n;
    b.byOutcome[r.outcome as InteractionOutcome] += r.n;
  }
  return buckets;
}

export function sentimentBuckets(
  ctx: ServiceContext,
  from: string,
  to: string,
  store: StoreSelection = 'this',
): SentimentBucket[] {
  const counts = new Map(
    reportsRepo(ctx.db)
      .sentiments.all({ from, to, ...storeParams(ctx, store) })
      .map((r) => [r.sentiment, r.n]),
  );
  return ([1, 2, 3, 4, 5, null] as const).map((s) => ({ sentiment: s, count: counts.get(s) ?? 0 }));
}

/** The day's KPIs against the seven days before, per clerk, and the day's chart data. */
export function kpiReport(ctx: ServiceContext, day: string, store: StoreSelection = 'this'): KpiReport {
  assertDay(day, 'day');
  const repo = reportsRepo(ctx.db);
  const where = storeParams(ctx, store);
  const weekStart = addDays(day, -7);
  const daily = repo.dailyStats.all({ from: weekStart, to: day, ...where });
  const today = daily.filter((r) => r.day === day);
  const before = daily.filter((r) => r.day !== day);
  let overdueBefore = 0;
  for (let d = weekStart; d < day; d = addDays(d, 1)) overdueBefore += repo.overdueBefore.get({ day: d, ...where })!.n;
  return {
    day,
    timeZone: ctx.config.timeZone,
    recovery: recoverySummary(ctx, day, day, store),
    kpis: kpiValues(sumStats(today), repo.overdueBefore.get({ day, ...where })!.n, 1),
    previous7DayAverage: kpiValues(sumStats(before), overdueBefore, 7),
    perClerk: perClerk(ctx, day, day, store),
    byHour: byHour(ctx, day, day, store),
    sentiment: sentimentBuckets(ctx, day, day, store),
  };
}

/** One point per day ending at `to`, days without entries included; one grouped query over interactions_day. */
export function trend(ctx: ServiceContext, to: string, days = 30, store: StoreSelection = 'this'): TrendPoint[] {
  const from = addDays(to, -(days - 1));
  assertRange(from, to);
  const byDay = new Map(
    reportsRepo(ctx.db)
      .dailyTrend.all({ from, to, ...storeParams(ctx, store) })
      .map((r) => [r.day, r]),
  );
  const out: TrendPoint[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const r = byDay.get(d);
    out.push({
      day: d,
      interactions: r?.n ?? 0,
      resolvedPct: r ? pct(r.resolved, r.n) : null,
      avgSentiment: r ? avg(r.sentiment_sum, r.sentiment_n) : null,
    });
  }
  return out;
}
