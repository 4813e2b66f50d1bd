import { useState } from 'react';
import type { StoreProblem } from '../../../common/domain';
import { call, errorMessage } from '../api/client';
import { formatDateTime } from '../lib/format';
import { FormError } from './FormError';
import './recovery-screen.css';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Shown instead of the counter when the store's database cannot be opened. */
export function RecoveryScreen({ problem, onRecovered }: { problem: StoreProblem; onRecovered(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmFresh, setConfirmFresh] = useState(false);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // A read-only or busy file is fine as it is: IT fixes the access or the other program closes; nothing to replace.
  const replaceable = problem.kind !== 'read-only' && problem.kind !== 'in-use';
  const offered = problem.recommended ?? problem.backups[0]?.name;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onRecovered();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main className="center-screen" aria-busy={busy}>
      <div className="card recovery-screen">
        <h1>The store cannot be opened</h1>
        <p className="lead">{problem.message}</p>
        <p>
          {replaceable
            ? 'Nothing has been deleted. Restore the newest good backup, or ask IT before starting an empty store.'
            : 'Nothing has been deleted. Once this is fixed, restart Counterpart.'}
        </p>
        <FormError message={error} />
        {!replaceable ? null : problem.backups.length > 0 ? (
          <section aria-labelledby="backups-h">
            <h2 id="backups-h">Backups</h2>
            <ul className="plain-list backups">
              {problem.backups.map((b) => (
                <li key={b.name}>
                  <span>
                    <strong>{formatDateTime(b.createdAt, tz)}</strong>{' '}
                    <span className="muted small">{size(b.bytes)}</span>
                    {b.name === problem.recommended && <span className="badge">Newest good</span>}
                  </span>
                  <button
                    type="button"
                    className={`btn btn-small${b.name === offered ? ' btn-primary' : ''}`}
                    disabled={busy}
                    onClick={() => void run(() => call('recovery.restore', { name: b.name }))}
                    autoFocus={b.name === offered}
                  >
                    Restore<span className="sr-only"> the backup from {formatDateTime(b.createdAt, tz)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p>No backups were found.</p>
        )}
        {replaceable && (
          <div className="form-actions">
            {confirmFresh ? (
              <>
                <span>The damaged file is kept aside; the new store starts empty.</span>
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={busy}
                  onClick={() => void run(() => call('recovery.startFresh', {}))}
                >
                  Yes, start an empty store
                </button>
                <button type="button" className="btn btn-quiet" onClick={() => setConfirmFresh(false)}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" className="btn btn-quiet" onClick={() => setConfirmFresh(true)} disabled={busy}>
                Start an empty store instead…
              </button>
            )}
          </div>
        )}
      </div>
    </main>
  );
}
