import type { ClerkKpi } from '../../../../../common/reports';

const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('en-IE', { maximumFractionDigits: 1 })}%`);
const avg = (v: number | null) => (v === null ? '—' : v.toFixed(2));

export function ClerkTable({ rows }: { rows: ClerkKpi[] }) {
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
            <td className="num">{r.interactions}</td>
            <td className="num">{pct(r.resolvedPct)}</td>
            <td className="num">{avg(r.avgSentiment)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
