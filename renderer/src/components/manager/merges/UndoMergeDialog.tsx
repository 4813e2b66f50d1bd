import { useState } from 'react';
import type { MergeView } from '../../../../../common/sync/merges';
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
    <Dialog title="Undo this merge?" titleId="undo-merge-h" onClose={onClose}>
      <div className="stack">
        <p>
          <strong>{personName(merge)}</strong> at {merge.survivor.store} and the record linked to it from{' '}
          {merge.alias.store} become two customers again, each with the history logged for it, at every counter of the
          chain.
        </p>
        <p className="muted">
          The hub will not link these two records again by itself. It keeps who undid the merge and when.
        </p>
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void undo()} disabled={busy}>
            {busy ? 'Undoing…' : 'Undo merge'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
