import { useEffect, useRef, useState } from 'react';
import type { MergeView } from '../../../../../common/sync/merges';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';
import { UndoMergeDialog } from './UndoMergeDialog';
import { personName } from './words';

const COLUMNS: Column[] = ['Merged', 'Customer', 'Records made at', 'Matched on', 'Status', ACTIONS];

const MATCHED_ON: Record<MergeView['matchedOn'], string> = {
  loyaltyId: 'Loyalty card',
  email: 'Email',
  phone: 'Phone',
};

/**
 * The chain's merges that touch this store: the hub linked the same person created at two stores into one record.
 * A manager who knows they are two people undoes the merge here; the hub then never links that pair again.
 */
export function MergesTab() {
  const fmt = useFormat();
  const { announce } = useFeedback();
  const merges = useLoad<MergeView[]>('merges', () => call('merges.list', {}));
  const [undoing, setUndoing] = useState<MergeView | null>(null);
  // After an undo the row's button is gone: focus goes to the row's name, not to the page's start.
  const [undone, setUndone] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (undone) table.current?.querySelector<HTMLElement>(`tr[data-merge="${undone}"] th`)?.focus();
  }, [undone]);
  const when = (iso: string) => fmt.dateTime(iso);

  const rows = merges.data ?? [];
  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>Merges</h2>
        <p className="lead">
          When the same person was created at two stores (the same card, email or phone, and the same name), the chain’s
          hub keeps one record and links the other to it, so their whole history shows together. If two different people
          were linked, undo the merge: each record gets its own history back, at every counter of the chain.
        </p>
      </div>
      <section className="card review-section" aria-labelledby="merges-h">
        <div className="section-head">
          <h3 id="merges-h">Merges involving this store’s customers</h3>
          <button type="button" className="btn btn-small" onClick={merges.reload} disabled={merges.loading}>
            {merges.loading ? 'Asking the hub…' : 'Refresh'}
          </button>
        </div>
        {merges.error && (
          <p className="form-error" role="alert">
            {merges.error}
          </p>
        )}
        {!merges.loading && !merges.error && rows.length === 0 ? (
          <p className="muted table-empty">
            No merges: the hub has not found anyone created both here and at another store.
          </p>
        ) : (
          <div className={`table-scroll${merges.loading && rows.length ? ' is-stale' : ''}`}>
            <table ref={table} className="data-table" aria-labelledby="merges-h" data-testid="merge-table">
              <TableHead columns={COLUMNS} />
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} data-merge={m.id}>
                    <td className="nowrap">{when(m.mergedAt)}</td>
                    <th scope="row" tabIndex={-1}>
                      {personName(m)}
                    </th>
                    <td>
                      {m.survivor.store} (kept), {m.alias.store} (linked)
                    </td>
                    <td>{MATCHED_ON[m.matchedOn]}</td>
                    <td>{m.undoneAt ? `Undone ${when(m.undoneAt)} by ${m.undoneBy ?? 'the hub'}` : 'Linked'}</td>
                    <td>
                      {!m.undoneAt && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setUndoing(m)}
                          aria-label={`Undo the merge of ${personName(m)}`}
                        >
                          Undo…
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {undoing && (
        <UndoMergeDialog
          merge={undoing}
          onClose={() => setUndoing(null)}
          onDone={(m) => {
            announce(
              `Merge undone: the records of ${personName(m)} at ${m.survivor.store} and ${m.alias.store} are separate again.`,
            );
            setUndoing(null);
            merges.replace(rows.map((r) => (r.id === m.id ? m : r))); // the hub's answer is the row as it now stands
            setUndone(m.id);
          }}
        />
      )}
    </div>
  );
}
