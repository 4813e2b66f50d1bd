import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../../common/contract';
import type { Customer } from '../../../../../common/domain';
import { call, errorMessage } from '../../../api/client';
import { flushAllDrafts } from '../../../lib/draft-flush';
import { Dialog } from '../../manager/shared/Dialog';
import { FormError } from '../../FormError';

/** Spacing and Unicode composition aside, the typed name must be the one on screen (the main process checks the same). */
const sameName = (a: string, b: string) => a.normalize('NFC').trim().replace(/\s+/g, ' ') === b.normalize('NFC').trim().replace(/\s+/g, ' ');

export function EraseCustomerDialog({
  customer,
  onClose,
  onErased,
}: {
  customer: Customer;
  onClose(): void;
  onErased(result: MethodOutput<'customers.erase'>): void;
}) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const matches = sameName(typed, customer.displayName);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches) return setError(`Type the name exactly as shown: ${customer.displayName}.`);
    setBusy(true);
    setError(null);
    try {
      // An unsent log-form draft about this customer is written first, so the erasure removes it too.
      await flushAllDrafts();
      onErased(await call('customers.erase', { customerId: customer.id, reason, confirmName: typed }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Erase ${customer.displayName}?`} titleId="erase-customer-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <div className="erase-warning" id="erase-warning">
          <p>
            <strong>This cannot be undone.</strong> The name, contact details, loyalty card, birthday, tags and notes are deleted. Every
            interaction loses its notes and its link to this customer, and open issues are closed.
          </p>
          <p>Purchases and the store’s counts stay, without personal data. If the customer asked for a copy, export it first.</p>
        </div>
        <label className="field">
          <span className="field-label">Reason (kept in the audit log; no names)</span>
          <textarea
            rows={2}
            maxLength={500}
            value={reason}
            placeholder="e.g. customer request by email of 20 Nov"
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">
            Type the customer’s name to confirm: <span className="erase-name">{customer.displayName}</span>
          </span>
          <input type="text" autoComplete="off" spellCheck={false} value={typed} aria-describedby="erase-warning" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !matches}>
            Erase customer
          </button>
        </div>
      </form>
    </Dialog>
  );
}
