// The recovery of complaints in the daily review: goodwill granted per clerk and complaints by root cause, for the
// review screen, the PDF and the CSV. Read from the originals' own columns: an amendment never changes a recovery.
import type { Remedy, RootCause, Severity } from '@common/recovery';
import type { EntryRecovery, RecoverySummary } from '@common/reports';
import { preparedFor } from '../../db/prepared';
import type { ServiceContext } from '../context';
import { IN_STORE, storeParams, type StoreParams } from './store-scope';
import type { StoreSelection } from '@common/reports';

type Range = { from: string; to: string } & StoreParams;

export const recoveryReportRepo = preparedFor((db: ServiceContext['db']) => ({
  goodwillByClerk: db.prepare<
    Range,
    { clerk_id: number; clerk_name: string; grants: number; total: number; approved: number }
  >(`
    SELECT i.clerk_id, c.display_name AS clerk_name, count(*) AS grants, sum(i.recovery_amount_minor) AS total,
      coalesce(sum(CASE WHEN i.goodwill_approved_by IS NOT NULL THEN i.recovery_amount_minor END), 0) AS approved
    FROM interactions i JOIN clerks c ON c.id = i.clerk_id
    WHERE i.local_day BETWEEN @from AND @to AND i.amends_id IS NULL AND i.recovery_amount_minor > 0 AND ${IN_STORE('i.id')}
    GROUP BY i.clerk_id ORDER BY total DESC, c.display_name`),
  rootCauses: db.prepare<Range, { cause: string; n: number }>(`
    SELECT recovery_root_cause AS cause, count(*) AS n FROM interactions
    WHERE local_day BETWEEN @from AND @to AND amends_id IS NULL AND recovery_root_cause IS NOT NULL AND ${IN_STORE('interactions.id')}
    GROUP BY cause ORDER BY n DESC, cause`),
  entries: db.prepare<
    Range,
    { id: number; severity: string; remedy: string; amount: number; cause: string; approver: string | null }
  >(`
    SELECT i.id, i.recovery_severity AS severity, i.recovery_remedy AS remedy, i.recovery_amount_minor AS amount,
      i.recovery_root_cause AS cause, a.display_name AS approver
    FROM interactions i LEFT JOIN clerks a ON a.id = i.goodwill_approved_by
    WHERE i.local_day BETWEEN @from AND @to AND i.amends_id IS NULL AND i.recovery_root_cause IS NOT NULL AND ${IN_STORE('i.id')}`),
}));

export function recoverySummary(
  ctx: ServiceContext,
  from: string,
  to: string,
  store: StoreSelection = 'this',
): RecoverySummary {
  const repo = recoveryReportRepo(ctx.db);
  const range = { from, to, ...storeParams(ctx, store) };
  return {
    goodwill: repo.goodwillByClerk.all(range).map((r) => ({
      clerk: { id: r.clerk_id, displayName: r.clerk_name },
      grants: r.grants,
      totalMinor: r.total,
      approvedMinor: r.approved,
    })),
    rootCauses: repo.rootCauses.all(range).map((r) => ({ rootCause: r.cause as RootCause, complaints: r.n })),
  };
}

/** Each recovered complaint of the range by entry id, for the export's per-entry columns. */
export function entryRecoveries(
  ctx: ServiceContext,
  from: string,
  to: string,
  store: StoreSelection = 'this',
): Map<number, EntryRecovery> {
  return new Map(
    recoveryReportRepo(ctx.db)
      .entries.all({ from, to, ...storeParams(ctx, store) })
      .map((r) => [
        r.id,
        {
          severity: r.severity as Severity,
          remedy: r.remedy as Remedy,
          amountMinor: r.amount,
          rootCause: r.cause as RootCause,
          approvedBy: r.approver,
        },
      ]),
  );
}
