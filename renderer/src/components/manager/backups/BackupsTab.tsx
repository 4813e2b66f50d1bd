import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '@common/domain';
import { call, errorMessage } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { fileSize, useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { RestoreDialog } from './RestoreDialog';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';

/** Online backups of this terminal's store, restoring one, and the diagnostics file for IT. */
export function BackupsTab() {
  const { announce } = useFeedback();
  const backups = useLoad<BackupSummary[]>('backups', () => call('backups.list', {}));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const fmt = useFormat();
  const { t } = useTranslation();
  const columns: Column[] = [t('backups.made'), { label: t('backups.size'), numeric: true }, ACTIONS];
  const when = (b: BackupSummary) => fmt.dateTime(b.createdAt);

  const backUpNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const b = await call('backups.run', {});
      backups.reload();
      announce(t('backups.madeAnnounce', { when: when(b), size: fileSize(fmt, t, b.bytes) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rows = backups.data ?? [];
  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>{t('manager.tab.backups')}</h2>
        <p className="lead">{t('backups.lead')}</p>
      </div>
      <section className="card review-section" aria-labelledby="backups-h">
        <div className="section-head">
          <h3 id="backups-h">{t('backups.onTerminal')}</h3>
          <button type="button" className="btn btn-primary btn-small" onClick={() => void backUpNow()} disabled={busy}>
            {busy ? t('backups.backingUp') : t('backups.backUpNow')}
          </button>
        </div>
        {(backups.error ?? error) && (
          <p className="form-error" role="alert">
            {error ?? backups.error}
          </p>
        )}
        {!backups.loading && !backups.error && rows.length === 0 ? (
          <p className="muted table-empty">{t('backups.none')}</p>
        ) : (
          <div className={`table-scroll${backups.loading && rows.length ? ' is-stale' : ''}`}>
            <table className="data-table" aria-labelledby="backups-h" data-testid="backup-table">
              <TableHead columns={columns} />
              <tbody>
                {rows.map((b, i) => (
                  <tr key={b.name} data-backup={b.name}>
                    <th scope="row" className="nowrap">
                      {when(b)}
                      {i === 0 && <span className="muted">{t('backups.newest')}</span>}
                    </th>
                    <td className="num">{fileSize(fmt, t, b.bytes)}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setRestoring(b)}
                        aria-label={t('backups.restoreFrom', { when: when(b) })}
                      >
                        {t('backups.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <DiagnosticsPanel />
      {restoring && (
        <RestoreDialog
          backup={restoring}
          when={when(restoring)}
          onClose={() => setRestoring(null)}
          onDone={() => {
            announce(t('backups.restored', { when: when(restoring) }));

            setRestoring(null);
            backups.reload();
          }}
        />
      )}
    </div>
  );
}
