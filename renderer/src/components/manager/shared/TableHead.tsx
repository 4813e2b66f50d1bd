import { useTranslation } from 'react-i18next';

/** A column heading: its text, or with `numeric` right-aligned like its figures, or `hidden` for screen readers only. */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean };

/** The heading of a column of row buttons: read out, not shown (its words come from the catalogue). */
export const ACTIONS: Column = { label: '', hidden: true };

/** The header row of a back-office table; the texts are already in the store's language, the actions column aside. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const {
            label,
            numeric = false,
            hidden = false,
          } = typeof c === 'string' ? { label: c } : c === ACTIONS ? { ...c, label: t('table.actions') } : c;

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
