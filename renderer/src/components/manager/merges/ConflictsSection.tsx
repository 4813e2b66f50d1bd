import { useTranslation } from 'react-i18next';
import type { ConflictView } from '@common/sync/merges';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { FormError } from '../../FormError';
import { TableHead, type Column } from '../shared/TableHead';

/**
 * Records sharing a card, email or phone that the hub would not merge because the names differ ("no merge overwrites
 * a different person"): read-only, for a manager to check by hand. Only those touching this store; asked of the hub
 * again when `round` moves (the merges' Refresh, so the page has one).
 */
export function ConflictsSection({ round }: { round: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const conflicts = useLoad<ConflictView[]>(`conflicts:${round}`, () => call('merges.conflicts', {}));
  const columns: Column[] = [
    t('chain.conflicts.col.found'),
    t('chain.conflicts.col.customer'),
    t('chain.conflicts.col.other'),
    t('chain.conflicts.col.matchedOn'),
  ];
  const person = (p: ConflictView['a']) =>
    t('chain.conflicts.person', { name: p.name ?? t('merges.erased'), store: p.store });
  const rows = conflicts.data ?? [];

  return (
    <section className="card review-section" aria-labelledby="conflicts-h">
      <h3 id="conflicts-h">{t('chain.conflicts.heading')}</h3>
      <p className="muted">{t('chain.conflicts.lead')}</p>
      <FormError message={conflicts.error} />
      {!conflicts.loading && !conflicts.error && rows.length === 0 ? (
        <p className="muted table-empty">{t('chain.conflicts.empty')}</p>
      ) : (
        <div className={`table-scroll${conflicts.loading && rows.length ? ' is-stale' : ''}`}>
          <table className="data-table" aria-labelledby="conflicts-h" data-testid="conflict-table">
            <TableHead columns={columns} />
            <tbody>
              {rows.map((c) => (
                <tr key={`${c.a.id}:${c.b.id}`}>
                  <td className="nowrap">{fmt.dateTime(c.foundAt)}</td>
                  <th scope="row">{person(c.a)}</th>
                  <td>{person(c.b)}</td>
                  <td>{t(`merges.matchedOn.${c.matchedOn}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
