/** A column heading: its text, or with `numeric` right-aligned like its figures, or `hidden` for screen readers only. */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean };

/** The heading of a column of row buttons: read out, not shown. */
export const ACTIONS: Column = { label: 'Actions', hidden: true };

/** The header row of a back-office table. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const { label, numeric = false, hidden = false } = typeof c === 'string' ? { label: c } : c;
          return (
            <th key={label} scope="col" className={numeric ? 'num' : undefined}>
              {hidden ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
