import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../shared/DataTable';

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
        <DataTable caption={title} hideCaption rows={rows} columns={columns} rowKey={rowKey} />
      </details>
    </figure>
  );
}
