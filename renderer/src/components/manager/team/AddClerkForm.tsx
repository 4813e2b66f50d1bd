import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Clerk, type Role } from '@common/domain';
import { call, errorMessage } from '../../../api/client';
import { FormError } from '../../FormError';
import { NewPinFields, useNewPin } from './NewPinFields';

/** Managers add clerks; only an admin is offered the manager and admin roles (the main process checks it as well). */
export function AddClerkForm({ canPickRole, onAdded }: { canPickRole: boolean; onAdded(c: Clerk): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const newPin = useNewPin();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = !name.trim() ? t('team.enterName') : newPin.problem(t);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const c = await call('clerks.create', { displayName: name.trim(), role, pin: newPin.pin });
      setName('');
      setRole('clerk');
      newPin.clear();
      onAdded(c);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card review-section" aria-labelledby="add-clerk-h">
      <h3 id="add-clerk-h">{t('team.addTitle')}</h3>
      <form className="form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field-label">{t('team.name')}</span>
          <input type="text" value={name} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('team.roleLabel')}</span>
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            aria-describedby={canPickRole ? undefined : 'role-hint'}
          >
            {ROLES.filter((r) => canPickRole || r === 'clerk').map((r) => (
              <option key={r} value={r}>
                {t(`team.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <NewPinFields labels={[t('team.pin'), t('team.pinAgain')]} {...newPin.fields} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('team.add')}
        </button>
      </form>
      {!canPickRole && (
        <p id="role-hint" className="muted small">
          {t('team.onlyAdmin')}
        </p>
      )}
      <FormError message={error} />
    </section>
  );
}
