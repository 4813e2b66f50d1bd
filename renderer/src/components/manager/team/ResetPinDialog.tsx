import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import { call, errorMessage } from '../../../api/client';
import { Dialog } from '../shared/Dialog';
import { FormError } from '../../FormError';
import { NewPinFields, useNewPin } from './NewPinFields';

export function ResetPinDialog({ clerk, onClose, onDone }: { clerk: Clerk; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const newPin = useNewPin();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = newPin.problem(t);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await call('clerks.resetPin', { clerkId: clerk.id, pin: newPin.pin });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('team.resetFor', { name: clerk.displayName })} titleId="reset-pin-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('team.tellPin', { name: clerk.displayName })}</p>
        <NewPinFields labels={[t('team.newPin'), t('team.newPinAgain')]} {...newPin.fields} />
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('team.reset')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
