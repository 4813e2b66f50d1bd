import { useTranslation } from 'react-i18next';
import type { RecoverySummary } from '@common/reports';
import { useFormat } from '../../../lib/format';

/** Goodwill granted per clerk and complaints by root cause, for the day under review. */
export function RecoveryTables({ summary }: { summary: RecoverySummary }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  return (
    <div className="recovery-review">
      {summary.goodwill.length === 0 ? (
        <p className="empty-note">{t('review.goodwill.none')}</p>
      ) : (
        <table className="data-table compact">
          <caption>{t('review.goodwill.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.col.clerk')}</th>
              <th scope="col" className="num">
                {t('review.goodwill.grants')}
              </th>
              <th scope="col" className="num">
                {t('review.goodwill.total')}
              </th>
              <th scope="col" className="num">
                {t('review.goodwill.approved')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.goodwill.map((g) => (
              <tr key={g.clerk.id}>
                <th scope="row">{g.clerk.displayName}</th>
                <td className="num">{fmt.number(g.grants)}</td>
                <td className="num">{fmt.money(g.totalMinor)}</td>
                <td className="num">{g.approvedMinor > 0 ? fmt.money(g.approvedMinor) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.rootCauses.length === 0 ? (
        <p className="empty-note">{t('review.rootCauses.none')}</p>
      ) : (
        <table className="data-table compact">
          <caption>{t('review.rootCauses.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.rootCauses.rootCause')}</th>
              <th scope="col" className="num">
                {t('review.rootCauses.complaints')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.rootCauses.map((c) => (
              <tr key={c.rootCause}>
                <th scope="row">{t(`recovery.rootCause.${c.rootCause}`)}</th>
                <td className="num">{fmt.number(c.complaints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
