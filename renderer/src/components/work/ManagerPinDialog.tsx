import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import { call, errorMessage } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { useFormat } from '../../lib/format';
import { Dialog } from '../manager/shared/Dialog';
import { FormError } from '../FormError';

interface Props {
  amountMinor: number;
  /** The clerk's limits in words, as the form showed them. */
  limits: string;
  /** The clerk asking: not offered as their own approver. */
  clerkId: number;
  /** Saves the entry with this approval; rejects with the service's message (a wrong PIN, a lockout). */
  onApprove(managerId: number, pin: string): Promise<void>;
  onClose(): void;
}

/**
 * A manager approves a grant above the clerk's authority at the clerk's counter, without a screen change: choose who,
 * type the PIN, Enter. The PIN stays in this dialog's state only (never in the draft) and is cleared after each try.
 */
export function ManagerPinDialog({ amountMinor, limits, clerkId, onApprove, onClose }: Props) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const clerks = useLoad('clerks', () => call('clerks.list', {}));
  const managers = (clerks.data ?? []).filter((c: Clerk) => c.role !== 'clerk' && c.id !== clerkId);
  const [managerId, setManagerId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const chosen = managerId ?? managers[0]?.id ?? null;
  // Back to the PIN box once a try is answered (it is disabled while the PIN is checked).
  const tried = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a refused PIN (a new error) brings the focus back as well
  useEffect(() => {
    if (!busy && tried.current) pinRef.current?.focus();
  }, [busy, error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (chosen === null) return setError(t('approval.noManager'));
    if (!/^\d{4,8}$/.test(pin)) {
      setError(t('common.pinShape'));
      return pinRef.current?.focus();
    }
    setBusy(true);
    setError(null);
    tried.current = true;
    try {
      await onApprove(chosen, pin);
    } catch (err) {
      setError(errorMessage(err));
      setPin('');
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('approval.title')} titleId="approval-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <p id="approval-why">
          <Trans
            i18nKey="approval.why"
            values={{ amount: fmt.money(amountMinor), limits }}
            components={{ strong: <strong /> }}
          />
        </p>
        <div className="field">
          <label className="field-label" htmlFor="approval-manager">
            {t('approval.manager')}
          </label>
          <select
            id="approval-manager"
            value={chosen ?? ''}
            onChange={(e) => setManagerId(Number(e.target.value))}
            disabled={busy}
          >
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName}
              </option>
            ))}
          </select>
        </div>
        <label className="field">
          <span className="field-label">{t('approval.pin')}</span>
          <input
            ref={pinRef}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            data-autofocus
            maxLength={8}
            value={pin}
            aria-describedby="approval-why"
            aria-invalid={error ? true : undefined}
            disabled={busy}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <FormError message={error ?? clerks.error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || chosen === null}>
            {busy ? t('approval.approving') : t('approval.approve')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
