import { useState, type FormEvent } from 'react';
import type { Customer, ErasureHolder, ErasureSummary } from '../../../../../common/domain';
import { call, errorMessage } from '../../../api/client';
import { flushAllDrafts } from '../../../lib/draft-flush';
import { useFormat } from '../../../lib/format';
import { Dialog } from '../../manager/shared/Dialog';
import { FormError } from '../../FormError';

/** Spacing and Unicode composition aside, the typed name must be the one on screen (the main process checks the same). */
const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ') === b.normalize('NFC').trim().replace(/\s+/g, ' ');

export function EraseCustomerDialog({
  customer,
  onClose,
  onErased,
}: {
  customer: Customer;
  onClose(): void;
  /** Called when the manager has read the result and closes the dialog. */
  onErased(result: ErasureSummary): void;
}) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ErasureSummary | null>(null);
  const matches = sameName(typed, customer.displayName);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches) return setError(`Type the name exactly as shown: ${customer.displayName}.`);
    setBusy(true);
    setError(null);
    try {
      // An unsent log-form draft about this customer is written first, so the erasure removes it too.
      await flushAllDrafts();
      setDone(await call('customers.erase', { customerId: customer.id, reason, confirmName: typed }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  if (done) return <ErasedResult result={done} onDone={() => onErased(done)} />;

  return (
    <Dialog title={`Erase ${customer.displayName}?`} titleId="erase-customer-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <div className="erase-warning" id="erase-warning">
          <p>
            <strong>This cannot be undone.</strong> The name, contact details, loyalty card, birthday, tags and notes
            are deleted. Every interaction loses its notes and its link to this customer, and open issues are closed.
          </p>
          <p>
            Purchases and the store’s counts stay, without personal data. If the customer asked for a copy, export it
            first.
          </p>
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
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            aria-describedby="erase-warning"
            onChange={(e) => setTyped(e.target.value)}
          />
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

const HOLDER_KIND: Record<ErasureHolder['kind'], string> = {
  backup: 'Backup',
  'before-restore': 'Copy kept before a restore',
  unusable: 'Copy of a store that would not open',
  'pre-migration': 'Copy kept before an upgrade',
};

/** What the erasure did, and the copies of the store that still hold the customer until they are deleted. */
function ErasedResult({ result, onDone }: { result: ErasureSummary; onDone(): void }) {
  const fmt = useFormat();
  const held = result.stillHeldBy;
  return (
    <Dialog title="Customer erased" titleId="erased-customer-h" onClose={onDone}>
      <div className="stack">
        <p>
          {result.interactionsRedacted} interaction entries anonymised, {result.openIssuesClosed} open issues closed,{' '}
          {result.purchasesKept} purchases kept without personal data.
        </p>
        {held.length === 0 ? (
          <p>No backup and no copy of the store holds this customer.</p>
        ) : (
          <>
            <p id="erased-held-h">
              {held.length === 1
                ? 'One copy made before the erasure still holds'
                : `${held.length} copies made before the erasure still hold`}{' '}
              the customer. They cannot be changed; each is deleted at the time shown.
            </p>
            <table className="data-table" aria-labelledby="erased-held-h" data-testid="erasure-holders">
              <thead>
                <tr>
                  <th scope="col">Copy</th>
                  <th scope="col">Made</th>
                  <th scope="col">Deleted by</th>
                </tr>
              </thead>
              <tbody>
                {held.map((h) => (
                  <tr key={h.name}>
                    <td>
                      {HOLDER_KIND[h.kind]} <span className="erase-file">{h.name}</span>
                    </td>
                    <td>{fmt.dateTime(h.createdAt)}</td>
                    <td>{fmt.dateTime(h.deletedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              Backups go by rotation while Counterpart runs its scheduled backups; copies beside the store after the
              days set in Settings.
            </p>
          </>
        )}
        <p className="muted">
          {result.storeFile.walPending
            ? 'Another program is reading the store: its log keeps the old data until that program is done (checked every 15 minutes). '
            : ''}
          {result.storeFile.compactionPending
            ? 'The store file is compacted when Counterpart closes, so no trace of the customer remains in it.'
            : ''}
        </p>
        <p>Remember the till: delete the customer there too, or the next import brings them back.</p>
        <div className="form-actions dialog-actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
