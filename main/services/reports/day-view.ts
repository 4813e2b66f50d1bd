import type { DayFilters, DayReport, StoreSelection } from '@common/reports';
import { storeParams } from './store-scope';
import type { ServiceContext } from '../context';
import { entriesBetween } from './entries';
import { assertDay } from './local-time';
import { reportsRepo } from './reports.repo';

/** Everything logged on one store-local day, amendments applied, filtered; complete (no paging). */
export function dayReport(
  ctx: ServiceContext,
  day: string,
  filters: DayFilters = {},
  store: StoreSelection = 'this',
): DayReport {
  assertDay(day, 'day');
  return {
    day,
    timeZone: ctx.config.timeZone,
    total: reportsRepo(ctx.db).originalsOnDay.get({ day, ...storeParams(ctx, store) })!.n,
    entries: entriesBetween(ctx, day, day, filters, store),
  };
}
