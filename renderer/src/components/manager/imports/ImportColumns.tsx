import { useTranslation } from 'react-i18next';
import { MAX_LISTED_COLUMNS, type ImportSummary } from '@common/imports';
import { TableHead } from '../shared/TableHead';
import { fieldName } from './words';

/** Each column of the file and the field it fills, or that it is not imported: what a dry run shows before writing. */
export function ImportColumns({ report }: { report: ImportSummary }) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="import-columns">
      <h4 id="import-columns-h" className="field-label">
        {report.preset
          ? t('imports.columnsAs', { preset: t(`imports.preset.${report.preset}`) })
          : t('imports.columns')}
      </h4>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="import-columns-h">
          <TableHead columns={[t('imports.colFile'), t('imports.colAs')]} />
          <tbody>
            {report.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the file's columns in file order; two may share a name
              <tr key={`${i}-${c.column}`} className={c.field ? undefined : 'muted'}>
                <td>{c.column}</td>
                <td>{c.field ? fieldName(t, c.field) : t('imports.notImported')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.columns.length >= MAX_LISTED_COLUMNS && (
        <p className="muted small">{t('imports.onlyFirst', { count: MAX_LISTED_COLUMNS })}</p>
      )}
    </div>
  );
}
