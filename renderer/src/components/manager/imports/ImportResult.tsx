import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobStatus, ImportSummary } from '@common/imports';
import { call, errorMessage } from '../../../api/client';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { downloadText } from '../shared/download';
import { FormError } from '../../FormError';
import { ImportColumns } from './ImportColumns';
import { ImportConflicts } from './ImportConflicts';
import { fieldsChanged } from './words';

/** The counts of a finished import, its warnings, and the refused rows to download. */
export function ImportResult({ job, report }: { job: ImportJobStatus; report: ImportSummary }) {
  const fmt = useFormat();
  const { announce } = useFeedback();
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const dry = report.dryRun;
  const counts: [string, number][] = [
    [t('imports.count.rowsRead'), report.rowsRead],
    [t(dry ? 'imports.count.wouldInsert' : 'imports.count.inserted'), report.inserted],
    [t(dry ? 'imports.count.wouldUpdate' : 'imports.count.updated'), report.updated],
    [t('imports.count.unchanged'), report.unchanged],
    [t('imports.count.failed'), report.failed],
    [t('imports.count.conflicts'), report.conflicts],
    [t('imports.count.repeats'), report.repeats],
  ];
  if (report.entity === 'purchases')
    counts.splice(2, 0, [t(dry ? 'imports.count.wouldReceipts' : 'imports.count.receipts'), report.receiptsInserted]);

  const download = async () => {
    setError(null);
    try {
      const file = await call('imports.errors', { jobId: job.jobId });
      downloadText(file.fileName, file.text, 'text/csv;charset=utf-8');
      announce(t(file.truncated ? 'imports.savedAsCut' : 'imports.savedAs', { file: file.fileName }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="stack" data-testid="import-summary">
      {report.dryRun && <p className="note">{t('imports.dryRunNote')}</p>}
      {report.resumedFromLine !== null && (
        <p className="note">{t('imports.resumed', { line: report.resumedFromLine })}</p>
      )}
      <ul className="kpi-grid" aria-label={t('imports.countsLabel')}>
        {counts.map(([label, n]) => (
          <li key={label} className="kpi">
            <span className="kpi-label">{label}</span>
            <span className="kpi-value">{fmt.number(n)}</span>
          </li>
        ))}
      </ul>
      <p className="muted small" data-testid="import-encoding">
        {t('imports.readAs', {
          encoding: report.encoding,
          reason: report.encodingReason,
          delimiter: report.delimiter === '\t' ? t('imports.tabs') : t('imports.delimiter', { d: report.delimiter }),
          seconds: fmt.fixed(report.ms / 1000, 1),
        })}
      </p>
      {report.updated > 0 && (
        <p className="small" data-testid="import-fields">
          {t(dry ? 'imports.fieldsWouldChange' : 'imports.fieldsChanged', {
            fields: fieldsChanged(t, fmt, report.fieldsChanged),
          })}
        </p>
      )}
      {report.conflicts > 0 && <ImportConflicts report={report} />}
      {report.entity === 'customers' && report.columns.length > 0 && <ImportColumns report={report} />}
      {report.warnings.length > 0 && (
        <div>
          <h4 className="field-label">{t('imports.warnings')}</h4>
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
            {t('imports.downloadRejected', { count: report.failed })}
          </button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
