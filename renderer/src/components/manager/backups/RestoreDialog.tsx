import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { BackupSummary } from '@common/domain';
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
  const { t } = useTranslation();
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
    <Dialog title={t('backups.restoreTitle')} titleId="restore-h" onClose={onClose}>
      <div className="stack">
        <p>
          <Trans i18nKey="backups.restoreWhat" values={{ when }} components={{ strong: <strong /> }} />
        </p>
        <p className="muted">{t('backups.restoreSafe')}</p>
        {importing && (
          <p className="form-error" role="alert">
            {t('backups.importRunning', { file: importing })}
          </p>
        )}
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => void restore()}
            disabled={busy || importing !== null}
          >
            {busy ? t('backups.restoring') : t('backups.restoreBackup')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
