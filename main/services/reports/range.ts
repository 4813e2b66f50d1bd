import type { RangeReport } from '../../../common/reports';
import type { ServiceContext } from '../context';
import { entriesBetween } from './entries';
import { byHour, perClerk, rangeKpis, sentimentBuckets } from './kpis';
import { assertRange } from './local-time';
import { recoverySummary } from './recovery-summary';

/** Figures, chart data and entries of a range of store-local days: what the PDF prints and the CLI writes as JSON. */
export function rangeReport(ctx: ServiceContext, from: string, to: string): RangeReport {
  assertRange(from, to);
  return {
    storeName: ctx.config.storeName,
    from,
    to,
    timeZone: ctx.config.timeZone,
    generatedAt: ctx.now().toISOString(),
    kpis: rangeKpis(ctx, from, to),
    perClerk: perClerk(ctx, from, to),
    byHour: byHour(ctx, from, to),
    sentiment: sentimentBuckets(ctx, from, to),
    recovery: recoverySummary(ctx, from, to),
    entries: entriesBetween(ctx, from, to),
  };
}
