import type { ReactNode } from 'react';
import { TableHead } from './TableHead';

/** A column of figures: its heading, and what a row shows in it (the first column heads the row). */
export interface Column<R> {
  label: string;
  value(row: R): ReactNode;
  numeric?: boolean;
}

interface Props<R> {
  caption: string;
  /** The caption read out only, where a heading on screen already says what the table is. */
  hideCaption?: boolean;
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string | number;
}

/** A compact table of figures, one row a clerk, hour or cause: the back office's tables of numbers look alike. */
export function DataTable<R>({ caption, hideCaption = false, rows, columns, rowKey }: Props<R>) {
  return (
    <table className="data-table compact">
      <caption className={hideCaption ? 'sr-only' : undefined}>{caption}</caption>
      <TableHead columns={columns} />
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
  );
}
