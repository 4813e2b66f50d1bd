import { useTranslation } from 'react-i18next';
import type { RecoverySummary } from '@common/reports';
import { useFormat } from '../../../lib/format';
import { DataTable } from '../shared/DataTable';

/** Goodwill granted per clerk and complaints by root cause, for the day under review. */
export function RecoveryTables({ summary }: { summary: RecoverySummary }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  return (
    <div className="recovery-review">
      {summary.goodwill.length === 0 ? (
        <p className="empty-note">{t('review.goodwill.none')}</p>
      ) : (
        <DataTable
          caption={t('review.goodwill.caption')}
          rows={summary.goodwill}
          rowKey={(g) => g.clerk.id}
          columns={[
            { label: t('review.col.clerk'), value: (g) => g.clerk.displayName },
            { label: t('review.goodwill.grants'), numeric: true, value: (g) => fmt.number(g.grants) },
            { label: t('review.goodwill.total'), numeric: true, value: (g) => fmt.money(g.totalMinor) },
            {
              label: t('review.goodwill.approved'),
              numeric: true,
              value: (g) => (g.approvedMinor > 0 ? fmt.money(g.approvedMinor) : '—'),
            },
          ]}
        />
      )}
      {summary.rootCauses.length === 0 ? (
        <p className="empty-note">{t('review.rootCauses.none')}</p>
      ) : (
        <DataTable
          caption={t('review.rootCauses.caption')}
          rows={summary.rootCauses}
          rowKey={(c) => c.rootCause}
          columns={[
            { label: t('review.rootCauses.rootCause'), value: (c) => t(`recovery.rootCause.${c.rootCause}`) },
            { label: t('review.rootCauses.complaints'), numeric: true, value: (c) => fmt.number(c.complaints) },
          ]}
        />
      )}
    </div>
  );
}
