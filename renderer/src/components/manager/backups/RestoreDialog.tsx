import { useEffect, useState } from 'react';
import type { BackupSummary } from '../../../../../common/domain';
import { call, errorMessage } from '../../../api/client';
import { Dialog } from '../shared/Dialog';
import { FormError } from '../../FormError';

interface Props {
  backup: BackupSummary;
  when: string;
  onClose(): void;
  onDone(): void;
}

/** Says what a restore does before it happens; refuses while an import is writing to the store. */
export function RestoreDialog({ backup, when, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('imports.latest', {}).then(
      (job) => live && setImporting(job?.state === 'running' ? job.fileName : null),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('backups.restore', { name: backup.name });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Restore this backup?" titleId="restore-h" onClose={onClose}>
      <div className="stack">
        <p>
          The store goes back to how it was on <strong>{when}</strong>. Customers, interactions, follow-ups and settings
          recorded after that are no longer shown on this terminal.
        </p>
        <p className="muted">
          The current database is not deleted: it is set aside next to the store file, so IT can bring it back. The
          backup is checked in full first; if the check fails, nothing changes.
        </p>
        {importing && (
          <p className="form-error" role="alert">
            An import of {importing} is running. Wait for it to finish before restoring.
          </p>
        )}
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => void restore()}
            disabled={busy || importing !== null}
          >
            {busy ? 'Restoring…' : 'Restore backup'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
