import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '@common/imports';
import { useFormat } from '../../../lib/format';
import { TableHead, type Column } from '../shared/TableHead';
import { holderName } from './words';

/**
 * The rows refused because the card, phone or email they carry belongs to someone else, by name: a dry run shows
 * who would have been overwritten before anything is.
 */
export function ImportConflicts({ report }: { report: ImportSummary }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const columns: Column[] = [
    { label: t('imports.colLine'), numeric: true },
    t('imports.colName'),
    t('imports.colIdentifier'),
    t('imports.colHolder'),
  ];
  const more = report.conflicts - report.conflictList.length;
  return (
    <div className="stack" data-testid="import-conflicts">
      <h4 id="import-conflicts-h" className="field-label">
        {t('imports.conflictsTitle')}
      </h4>
      <p className="muted small">{t('imports.conflictsLead')}</p>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="import-conflicts-h">
          <TableHead columns={columns} />
          <tbody>
            {report.conflictList.map((c) => (
              <tr key={c.line}>
                <td className="num">{fmt.number(c.line)}</td>
                <td>{c.rowName}</td>
                <td>
                  {t(`imports.identifier.${c.matchedOn}`)} {c.identifier}
                </td>
                <td>{holderName(t, c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="muted small">{t('imports.moreConflicts', { count: more })}</p>}
    </div>
  );
}
