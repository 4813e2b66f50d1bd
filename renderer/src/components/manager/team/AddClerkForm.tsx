import { useState, type FormEvent } from 'react';
import { ROLES, type Clerk, type Role } from '../../../../../common/domain';
import { call, errorMessage } from '../../../api/client';
import { FormError } from '../../FormError';

const PIN_RE = /^\d{4,8}$/;

export function pinProblem(pin: string, again: string): string | null {
  if (!PIN_RE.test(pin)) return 'A PIN is 4 to 8 digits.';
  if (pin !== again) return 'The two PINs differ.';
  return null;
}

/** Managers add clerks; only an admin is offered the manager and admin roles (the main process checks it as well). */
export function AddClerkForm({ canPickRole, onAdded }: { canPickRole: boolean; onAdded(c: Clerk): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = !name.trim() ? 'Enter a name.' : pinProblem(pin, again);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const c = await call('clerks.create', { displayName: name.trim(), role, pin });
      setName('');
      setRole('clerk');
      setPin('');
      setAgain('');
      onAdded(c);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card review-section" aria-labelledby="add-clerk-h">
      <h3 id="add-clerk-h">Add a clerk</h3>
      <form className="form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field-label">Name</span>
          <input type="text" value={name} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Role</span>
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            aria-describedby={canPickRole ? undefined : 'role-hint'}
          >
            {ROLES.filter((r) => canPickRole || r === 'clerk').map((r) => (
              <option key={r} value={r}>
                {r[0]!.toUpperCase() + r.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">PIN (4–8 digits)</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">PIN again</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Add clerk
        </button>
      </form>
      {!canPickRole && (
        <p id="role-hint" className="muted small">
          Only an admin can add managers or admins.
        </p>
      )}
      <FormError message={error} />
    </section>
  );
}
