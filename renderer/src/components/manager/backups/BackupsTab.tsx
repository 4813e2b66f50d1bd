import { useState } from 'react';
import type { BackupSummary } from '../../../../../common/domain';
import { call, errorMessage } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import type { Format } from '../../../../../common/format';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { RestoreDialog } from './RestoreDialog';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';

const COLUMNS: Column[] = ['Made', { label: 'Size', numeric: true }, ACTIONS];

export function formatBytes(f: Format, n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${f.number(v, v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Online backups of this terminal's store, restoring one, and the diagnostics file for IT. */
export function BackupsTab() {
  const { announce } = useFeedback();
  const backups = useLoad<BackupSummary[]>('backups', () => call('backups.list', {}));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const fmt = useFormat();
  const when = (b: BackupSummary) => fmt.dateTime(b.createdAt);

  const backUpNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const b = await call('backups.run', {});
      backups.reload();
      announce(`Backup made: ${when(b)}, ${formatBytes(fmt, b.bytes)}`);
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
        <h2>Backups</h2>
        <p className="lead">
          Copies of this terminal’s store, made while the counter keeps working. Each copy passes an integrity check
          before it is kept, and is checked again in full before a restore.
        </p>
      </div>
      <section className="card review-section" aria-labelledby="backups-h">
        <div className="section-head">
          <h3 id="backups-h">Backups on this terminal</h3>
          <button type="button" className="btn btn-primary btn-small" onClick={() => void backUpNow()} disabled={busy}>
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
        {(backups.error ?? error) && (
          <p className="form-error" role="alert">
            {error ?? backups.error}
          </p>
        )}
        {!backups.loading && !backups.error && rows.length === 0 ? (
          <p className="muted table-empty">No backups yet.</p>
        ) : (
          <div className={`table-scroll${backups.loading && rows.length ? ' is-stale' : ''}`}>
            <table className="data-table" aria-labelledby="backups-h" data-testid="backup-table">
              <TableHead columns={COLUMNS} />
              <tbody>
                {rows.map((b, i) => (
                  <tr key={b.name} data-backup={b.name}>
                    <th scope="row" className="nowrap">
                      {when(b)}
                      {i === 0 && <span className="muted"> (newest)</span>}
                    </th>
                    <td className="num">{formatBytes(fmt, b.bytes)}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setRestoring(b)}
                        aria-label={`Restore the backup from ${when(b)}`}
                      >
                        Restore…
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
            announce(`Restored the backup from ${when(restoring)}. The store now shows the data as it was then.`);
            setRestoring(null);
            backups.reload();
          }}
        />
      )}
    </div>
  );
}
