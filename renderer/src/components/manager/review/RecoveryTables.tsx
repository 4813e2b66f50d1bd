import { ROOT_CAUSE_LABEL } from '../../../../../common/recovery';
import type { RecoverySummary } from '../../../../../common/reports';
import { useFormat } from '../../../lib/format';

/** Goodwill granted per clerk and complaints by root cause, for the day under review. */
export function RecoveryTables({ summary }: { summary: RecoverySummary }) {
  const fmt = useFormat();
  return (
    <div className="recovery-review">
      {summary.goodwill.length === 0 ? (
        <p className="empty-note">No goodwill was granted this day.</p>
      ) : (
        <table className="data-table compact">
          <caption>Goodwill granted per clerk</caption>
          <thead>
            <tr>
              <th scope="col">Clerk</th>
              <th scope="col" className="num">
                Grants
              </th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Approved by a manager
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.goodwill.map((g) => (
              <tr key={g.clerk.id}>
                <th scope="row">{g.clerk.displayName}</th>
                <td className="num">{g.grants}</td>
                <td className="num">{fmt.money(g.totalMinor)}</td>
                <td className="num">{g.approvedMinor > 0 ? fmt.money(g.approvedMinor) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.rootCauses.length === 0 ? (
        <p className="empty-note">No complaint was diagnosed this day.</p>
      ) : (
        <table className="data-table compact">
          <caption>Complaints by root cause</caption>
          <thead>
            <tr>
              <th scope="col">Root cause</th>
              <th scope="col" className="num">
                Complaints
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.rootCauses.map((c) => (
              <tr key={c.rootCause}>
                <th scope="row">{ROOT_CAUSE_LABEL[c.rootCause]}</th>
                <td className="num">{c.complaints}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
