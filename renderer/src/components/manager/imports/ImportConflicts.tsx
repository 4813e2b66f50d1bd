import { IDENTIFIER_NAMES, holderText, type ImportSummary } from '../../../../../common/imports';
import { useFormat } from '../../../lib/format';
import { TableHead, type Column } from '../shared/TableHead';

const COLUMNS: Column[] = [{ label: 'Line', numeric: true }, 'Name in the file', 'Card, phone or email', 'Belongs to'];

/**
 * The rows refused because the card, phone or email they carry belongs to someone else, by name: a dry run shows
 * who would have been overwritten before anything is.
 */
export function ImportConflicts({ report }: { report: ImportSummary }) {
  const fmt = useFormat();
  const more = report.conflicts - report.conflictList.length;
  return (
    <div className="stack" data-testid="import-conflicts">
      <h4 id="import-conflicts-h" className="field-label">
        Conflicts: refused, nothing changed
      </h4>
      <p className="muted small">
        Each row carries a card, phone or email that belongs to someone with another name. Check the till record; the
        rows are in the rejected rows with both names.
      </p>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="import-conflicts-h">
          <TableHead columns={COLUMNS} />
          <tbody>
            {report.conflictList.map((c) => (
              <tr key={c.line}>
                <td className="num">{fmt.number(c.line)}</td>
                <td>{c.rowName}</td>
                <td>
                  {IDENTIFIER_NAMES[c.matchedOn]} {c.identifier}
                </td>
                <td>{holderText(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="muted small">… and {fmt.number(more)} more in the rejected rows.</p>}
    </div>
  );
}
