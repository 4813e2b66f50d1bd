import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import { errorMessage } from '../api/client';
import { FormError } from './FormError';
import { PinInput } from './PinInput';
import './pin-form.css';

interface Props {
  clerk: Clerk;
  demo: boolean;
  onBack(): void;
  onSignIn(pin: string): Promise<void>;
}

export function PinForm({ clerk, demo, onBack, onSignIn }: Props) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // On opening, and again once a refused PIN re-enables the field: a disabled input cannot take the focus, so it is
  // given after React has committed busy=false (a timer set in the handler could run before that and be lost).
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setError(t('signIn.pinShape'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(pin);
    } catch (err) {
      setError(errorMessage(err));
      setPin('');
      setBusy(false);
    }
  };

  return (
    <form
      className="pin-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && onBack()}
      noValidate
    >
      <h1 id="pin-h">{t('signIn.hello', { name: clerk.displayName })}</h1>
      <label className="field">
        <span className="field-label">{t('signIn.pinLabel')}</span>
        <PinInput
          ref={input}
          autoComplete="off"
          value={pin}
          onPin={setPin}
          aria-describedby={demo ? 'pin-demo' : undefined}
          aria-invalid={error ? true : undefined}
          disabled={busy}
        />
      </label>
      {demo && (
        <p id="pin-demo" className="note">
          {t('signIn.demoPin')}
        </p>
      )}
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.signIn')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onBack} disabled={busy}>
          {t('signIn.notMe', { name: clerk.displayName.split(' ')[0] })} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
