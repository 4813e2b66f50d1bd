import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { MergeView } from '@common/sync/merges';
import { call, errorMessage } from '../../../api/client';
import { FormError } from '../../FormError';
import { Dialog } from '../shared/Dialog';
import { personName } from './words';

interface Props {
  merge: MergeView;
  onClose(): void;
  onDone(merge: MergeView): void;
}

/** Says what undoing a merge does before it happens; Cancel has the focus, so Enter alone changes nothing. */
export function UndoMergeDialog({ merge, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('merges.undo', { mergeId: merge.id }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('merges.undoTitle')} titleId="undo-merge-h" onClose={onClose}>
      <div className="stack">
        <p>
          <Trans
            i18nKey="merges.undoWhat"
            values={{ name: personName(t, merge), kept: merge.survivor.store, linked: merge.alias.store }}
            components={{ strong: <strong /> }}
          />
        </p>
        <p className="muted">{t('merges.undoKept')}</p>
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void undo()} disabled={busy}>
            {busy ? t('merges.undoing') : t('merges.undoMerge')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
