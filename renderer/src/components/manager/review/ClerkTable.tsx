import { useTranslation } from 'react-i18next';
import type { ClerkKpi } from '@common/reports';
import { useFormat } from '../../../lib/format';
import { DataTable } from '../shared/DataTable';

export function ClerkTable({ rows }: { rows: ClerkKpi[] }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="empty-note">{t('review.clerks.none')}</p>;
  return (
    <DataTable
      caption={t('review.clerks.caption')}
      hideCaption
      rows={rows}
      rowKey={(r) => r.clerk.id}
      columns={[
        { label: t('review.col.clerk'), value: (r) => r.clerk.displayName },
        { label: t('review.col.interactions'), numeric: true, value: (r) => fmt.number(r.interactions) },
        {
          label: t('review.col.resolved'),
          numeric: true,
          value: (r) => (r.resolvedPct === null ? '—' : fmt.percent(r.resolvedPct)),
        },
        {
          label: t('review.col.avgSentiment'),
          numeric: true,
          value: (r) => (r.avgSentiment === null ? '—' : fmt.fixed(r.avgSentiment, 2)),
        },
      ]}
    />
  );
}
