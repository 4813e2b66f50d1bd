import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<R> {
  label: string;
  value(row: R): ReactNode;
  numeric?: boolean;
}

interface Props<R> {
  id: string;
  title: string;
  /** What the chart says, in a sentence: the accessible name of the picture. */
  summary: string;
  rows: R[];
  columns: Column<R>[];
  rowKey(row: R): string | number;
  children: ReactNode;
}

/** A chart as a picture with a one-line description, and the same numbers as a real table one click away. */
export function ChartFrame<R>({ id, title, summary, rows, columns, rowKey, children }: Props<R>) {
  const { t } = useTranslation();
  return (
    <figure className="chart mgr-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="chart-title">
        {title}
      </h3>
      <div className="chart-canvas" role="img" aria-label={summary}>
        {children}
      </div>
      <details className="chart-table">
        <summary>{t('review.chart.showTable')}</summary>
        <table className="data-table compact">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c, i) =>
                  i === 0 ? (
                    <th key={c.label} scope="row">
                      {c.value(r)}
                    </th>
                  ) : (
                    <td key={c.label} className={c.numeric ? 'num' : undefined}>
                      {c.value(r)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
