import { useState } from 'react';
import { fieldsChangedText, type ImportJobStatus, type ImportSummary } from '../../../../../common/imports';
import { call, errorMessage } from '../../../api/client';
import { plural, useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { downloadText } from '../shared/download';
import { FormError } from '../../FormError';
import { ImportColumns } from './ImportColumns';
import { ImportConflicts } from './ImportConflicts';

/** The counts of a finished import, its warnings, and the refused rows to download. */
export function ImportResult({ job, report }: { job: ImportJobStatus; report: ImportSummary }) {
  const fmt = useFormat();
  const { announce } = useFeedback();
  const [error, setError] = useState<string | null>(null);
  const would = report.dryRun ? 'Would be ' : '';
  const counts: [string, number][] = [
    ['Rows read', report.rowsRead],
    [`${would}inserted`, report.inserted],
    [`${would}updated`, report.updated],
    ['Unchanged', report.unchanged],
    ['Refused', report.failed],
    ['Conflicts', report.conflicts],
    ['Repeats', report.repeats],
  ];
  if (report.entity === 'purchases')
    counts.splice(2, 0, [`Receipts ${report.dryRun ? 'that would be ' : ''}added`, report.receiptsInserted]);

  const download = async () => {
    setError(null);
    try {
      const file = await call('imports.errors', { jobId: job.jobId });
      downloadText(file.fileName, file.text, 'text/csv;charset=utf-8');
      announce(`Refused rows saved as ${file.fileName}${file.truncated ? ' (cut short: the list is very long)' : ''}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="stack" data-testid="import-summary">
      {report.dryRun && (
        <p className="note">
          Dry run: nothing was changed. These are the counts a real import of this file would give.
        </p>
      )}
      {report.resumedFromLine !== null && (
        <p className="note">
          Continued an earlier import of this file that stopped after line {fmt.number(report.resumedFromLine)}; the
          counts include it.
        </p>
      )}
      <ul className="kpi-grid" aria-label="Import counts">
        {counts.map(([label, n]) => (
          <li key={label} className="kpi">
            <span className="kpi-label">{label.charAt(0).toUpperCase() + label.slice(1)}</span>
            <span className="kpi-value">{fmt.number(n)}</span>
          </li>
        ))}
      </ul>
      <p className="muted small" data-testid="import-encoding">
        Read as {report.encoding} because {report.encodingReason}; separated by{' '}
        {report.delimiter === '\t' ? 'tabs' : `“${report.delimiter}”`}, in {(report.ms / 1000).toFixed(1)} s.
      </p>
      {report.updated > 0 && (
        <p className="small" data-testid="import-fields">
          Fields the updates {report.dryRun ? 'would change' : 'changed'}, customers per field:{' '}
          {fieldsChangedText(report.fieldsChanged)}.
        </p>
      )}
      {report.conflicts > 0 && <ImportConflicts report={report} />}
      {report.entity === 'customers' && report.columns.length > 0 && <ImportColumns report={report} />}
      {report.warnings.length > 0 && (
        <div>
          <h4 className="field-label">Warnings</h4>
          <ul className="plain-list import-warnings">
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {report.hasRejectedRows && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void download()}>
            Download rejected rows ({plural(fmt, report.failed, 'row')})
          </button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
