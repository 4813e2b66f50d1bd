import type { RangeReport, StoreSelection } from '@common/reports';
import type { ServiceContext } from '../context';
import { entriesBetween } from './entries';
import { byHour, perClerk, rangeKpis, sentimentBuckets } from './kpis';
import { assertRange } from './local-time';
import { recoverySummary } from './recovery-summary';
import { storeLabel } from './store-scope';

/** Figures, chart data and entries of a range of store-local days: what the PDF prints and the CLI writes as JSON. */
export function rangeReport(
  ctx: ServiceContext,
  from: string,
  to: string,
  store: StoreSelection = 'this',
): RangeReport {
  assertRange(from, to);
  return {
    storeName: store === 'this' ? ctx.config.storeName : storeLabel(ctx, store),
    from,
    to,
    timeZone: ctx.config.timeZone,
    generatedAt: ctx.now().toISOString(),
    kpis: rangeKpis(ctx, from, to, store),
    perClerk: perClerk(ctx, from, to, store),
    byHour: byHour(ctx, from, to, store),
    sentiment: sentimentBuckets(ctx, from, to, store),
    recovery: recoverySummary(ctx, from, to, store),
    entries: entriesBetween(ctx, from, to, {}, store),
  };
}
