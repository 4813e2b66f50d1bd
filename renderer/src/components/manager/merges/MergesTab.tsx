import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainLink } from '@common/domain';
import type { MergeView } from '@common/sync/merges';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';
import { FormError } from '../../FormError';
import { ConflictsSection } from './ConflictsSection';
import { UndoMergeDialog } from './UndoMergeDialog';
import { personName } from './words';

/**
 * The chain's merges that touch this store, and the pairs the hub would not merge. Outside a chain there is nothing
 * to ask the hub: the tab says so calmly and where to join, without a request that can only fail.
 */
export function MergesTab() {
  const { t } = useTranslation();
  const chain = useLoad<ChainLink | null>('chain', () => call('chain.status', {}));
  const [round, setRound] = useState(0);
  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>{t('manager.tab.merges')}</h2>
        <p className="lead">{t('merges.lead')}</p>
      </div>
      <FormError message={chain.error} />
      {chain.loading && <p className="muted">{t('chain.loading')}</p>}
      {!chain.loading && chain.data && (
        <>
          <MergesList onRefresh={() => setRound((r) => r + 1)} />
          <ConflictsSection round={round} />
        </>
      )}
      {!chain.loading && !chain.error && !chain.data && <NotInChain />}
    </div>
  );
}

function NotInChain() {
  const { t } = useTranslation();
  return (
    <section className="card review-section" aria-labelledby="not-in-chain-h" data-testid="not-in-chain">
      <h3 id="not-in-chain-h">{t('chain.notJoined')}</h3>
      <p>{t('chain.outside')}</p>
      <p>
        {t('chain.outsideHow')} <a href="#/manage/settings">{t('chain.toSettings')}</a>
      </p>
    </section>
  );
}

/**
 * The hub linked the same person created at two stores into one record. A manager who knows they are two people
 * undoes the merge here; the hub then never links that pair again.
 */
function MergesList({ onRefresh }: { onRefresh(): void }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const columns: Column[] = [
    t('merges.col.merged'),
    t('merges.col.customer'),
    t('merges.col.stores'),
    t('merges.col.matchedOn'),
    t('merges.col.status'),
    ACTIONS,
  ];
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
    <>
      <section className="card review-section" aria-labelledby="merges-h">
        <div className="section-head">
          <h3 id="merges-h">{t('merges.heading')}</h3>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              merges.reload();
              onRefresh();
            }}
            disabled={merges.loading}
          >
            {merges.loading ? t('merges.asking') : t('merges.refresh')}
          </button>
        </div>
        {merges.error && (
          <p className="form-error" role="alert">
            {merges.error}
          </p>
        )}
        {!merges.loading && !merges.error && rows.length === 0 ? (
          <p className="muted table-empty">{t('merges.empty')}</p>
        ) : (
          <div className={`table-scroll${merges.loading && rows.length ? ' is-stale' : ''}`}>
            <table ref={table} className="data-table" aria-labelledby="merges-h" data-testid="merge-table">
              <TableHead columns={columns} />
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} data-merge={m.id}>
                    <td className="nowrap">{when(m.mergedAt)}</td>
                    <th scope="row" tabIndex={-1}>
                      {personName(t, m)}
                    </th>
                    <td>{t('merges.stores', { kept: m.survivor.store, linked: m.alias.store })}</td>
                    <td>{t(`merges.matchedOn.${m.matchedOn}`)}</td>
                    <td>
                      {m.undoneAt
                        ? t('merges.undoneBy', { when: when(m.undoneAt), who: m.undoneBy ?? t('merges.theHub') })
                        : t('merges.linked')}
                    </td>
                    <td>
                      {!m.undoneAt && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setUndoing(m)}
                          aria-label={t('merges.undoOf', { name: personName(t, m) })}
                        >
                          {t('merges.undo')}
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
            announce(t('merges.undone', { name: personName(t, m), kept: m.survivor.store, linked: m.alias.store }));
            setUndoing(null);
            merges.replace(rows.map((r) => (r.id === m.id ? m : r))); // the hub's answer is the row as it now stands
            setUndone(m.id);
          }}
        />
      )}
    </>
  );
}
