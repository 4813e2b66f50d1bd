import { useState, type FormEvent } from 'react';
import type { Clerk } from '../../../../../common/domain';
import { call, errorMessage } from '../../../api/client';
import { Dialog } from '../shared/Dialog';
import { pinProblem } from './AddClerkForm';
import { FormError } from '../../FormError';

export function ResetPinDialog({ clerk, onClose, onDone }: { clerk: Clerk; onClose(): void; onDone(): void }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = pinProblem(pin, again);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await call('clerks.resetPin', { clerkId: clerk.id, pin });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Reset PIN for ${clerk.displayName}`} titleId="reset-pin-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">Tell {clerk.displayName} the new PIN in person. A lockout is lifted too.</p>
        <label className="field">
          <span className="field-label">New PIN (4–8 digits)</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">New PIN again</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Reset PIN
          </button>
        </div>
      </form>
    </Dialog>
  );
}
