import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../../../api/client';
import { useFeedback } from '../../../state/feedback';
import { downloadText } from '../shared/download';
import { FormError } from '../../FormError';

/** One file for IT: versions, database health, settings in force, recent log lines and audit events; no customer data. */
export function DiagnosticsPanel() {
  const { announce } = useFeedback();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const exportNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const bundle = await call('diagnostics.export', {});
      const fileName = `counterpart-diagnostics-${bundle.generatedAt.replace(/[:.]/g, '-')}.json`;
      downloadText(fileName, `${JSON.stringify(bundle, null, 2)}\n`, 'application/json');
      announce(t('backups.diagnosticsSaved', { file: fileName }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card review-section" aria-labelledby="diagnostics-h">
      <h3 id="diagnostics-h">{t('backups.diagnostics')}</h3>
      <p className="muted">{t('backups.diagnosticsLead')}</p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void exportNow()} disabled={busy}>
          {busy ? t('backups.exporting') : t('backups.exportDiagnostics')}
        </button>
      </div>
      <FormError message={error} />
    </section>
  );
}
