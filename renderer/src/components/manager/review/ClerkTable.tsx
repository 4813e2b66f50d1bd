import { useTranslation } from 'react-i18next';
import type { ClerkKpi } from '@common/reports';
import { useFormat } from '../../../lib/format';

export function ClerkTable({ rows }: { rows: ClerkKpi[] }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="empty-note">{t('review.clerks.none')}</p>;
  return (
    <table className="data-table compact">
      <caption className="sr-only">{t('review.clerks.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.col.clerk')}</th>
          <th scope="col" className="num">
            {t('review.col.interactions')}
          </th>
          <th scope="col" className="num">
            {t('review.col.resolved')}
          </th>
          <th scope="col" className="num">
            {t('review.col.avgSentiment')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.clerk.id}>
            <th scope="row">{r.clerk.displayName}</th>
            <td className="num">{fmt.number(r.interactions)}</td>
            <td className="num">{r.resolvedPct === null ? '—' : fmt.percent(r.resolvedPct)}</td>
            <td className="num">{r.avgSentiment === null ? '—' : fmt.fixed(r.avgSentiment, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
