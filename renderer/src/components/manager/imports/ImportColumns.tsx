import { MAX_LISTED_COLUMNS, fieldLabel, type ImportSummary } from '../../../../../common/imports';
import { TableHead } from '../shared/TableHead';

const PRESET_LABEL: Record<NonNullable<ImportSummary['preset']>, string> = {
  shopify: 'a Shopify customer export',
  square: 'a Square customer export',
};

/** Each column of the file and the field it fills, or that it is not imported: what a dry run shows before writing. */
export function ImportColumns({ report }: { report: ImportSummary }) {
  return (
    <div className="stack" data-testid="import-columns">
      <h4 id="import-columns-h" className="field-label">
        Columns{report.preset ? `, read as ${PRESET_LABEL[report.preset]}` : ''}
      </h4>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="import-columns-h">
          <TableHead columns={['Column in the file', 'Imported as']} />
          <tbody>
            {report.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the file's columns in file order; two may share a name
              <tr key={`${i}-${c.column}`} className={c.field ? undefined : 'muted'}>
                <td>{c.column}</td>
                <td>{c.field ? fieldLabel(c.field) : 'not imported'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.columns.length >= MAX_LISTED_COLUMNS && (
        <p className="muted small">Only the first {MAX_LISTED_COLUMNS} columns are listed.</p>
      )}
    </div>
  );
}
