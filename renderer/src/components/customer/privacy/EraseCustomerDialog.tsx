import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, ErasureSummary } from '@common/domain';
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
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ErasureSummary | null>(null);
  const matches = sameName(typed, customer.displayName);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches) return setError(t('erase.typeExactly', { name: customer.displayName }));
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
    <Dialog title={t('erase.title', { name: customer.displayName })} titleId="erase-customer-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <div className="erase-warning" id="erase-warning">
          <p>
            <strong>{t('erase.cannotUndo')}</strong> {t('erase.what')}
          </p>
          <p>{t('erase.kept')}</p>
        </div>
        <label className="field">
          <span className="field-label">{t('erase.reason')}</span>
          <textarea
            rows={2}
            maxLength={500}
            value={reason}
            placeholder={t('erase.reasonExample')}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">
            {t('erase.typeName')} <span className="erase-name">{customer.displayName}</span>
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
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !matches}>
            {t('erase.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What the erasure did, and the copies of the store that still hold the customer until they are deleted. */
function ErasedResult({ result, onDone }: { result: ErasureSummary; onDone(): void }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const held = result.stillHeldBy;
  return (
    <Dialog title={t('erase.doneTitle')} titleId="erased-customer-h" onClose={onDone}>
      <div className="stack">
        <p>
          {t('erase.summary', {
            entries: t('erase.entries', { count: result.interactionsRedacted }),
            issues: t('erase.issues', { count: result.openIssuesClosed }),
            purchases: t('erase.purchases', { count: result.purchasesKept }),
          })}
        </p>
        {held.length === 0 ? (
          <p>{t('erase.noCopies')}</p>
        ) : (
          <>
            <p id="erased-held-h">{t('erase.held', { count: held.length })}</p>
            <table className="data-table" aria-labelledby="erased-held-h" data-testid="erasure-holders">
              <thead>
                <tr>
                  <th scope="col">{t('erase.copy')}</th>
                  <th scope="col">{t('erase.made')}</th>
                  <th scope="col">{t('erase.deletedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {held.map((h) => (
                  <tr key={h.name}>
                    <td>
                      {t(`erase.holder.${h.kind}`)} <span className="erase-file">{h.name}</span>
                    </td>
                    <td>{fmt.dateTime(h.createdAt)}</td>
                    <td>{fmt.dateTime(h.deletedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{t('erase.rotation')}</p>
          </>
        )}
        <p className="muted">
          {[
            result.storeFile.walPending && t('erase.walPending'),
            result.storeFile.compactionPending && t('erase.compaction'),
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
        <p>{t('erase.till')}</p>
        <div className="form-actions dialog-actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={onDone}>
            {t('common.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
