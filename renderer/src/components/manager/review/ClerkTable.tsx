import type { ClerkKpi } from '../../../../../common/reports';

import { useFormat } from '../../../lib/format';

export function ClerkTable({ rows }: { rows: ClerkKpi[] }) {
  const fmt = useFormat();
  if (rows.length === 0) return <p className="empty-note">Nobody logged anything this day.</p>;
  return (
    <table className="data-table compact">
      <caption className="sr-only">Figures per clerk</caption>
      <thead>
        <tr>
          <th scope="col">Clerk</th>
          <th scope="col" className="num">
            Interactions
          </th>
          <th scope="col" className="num">
            Resolved
          </th>
          <th scope="col" className="num">
            Avg sentiment
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
