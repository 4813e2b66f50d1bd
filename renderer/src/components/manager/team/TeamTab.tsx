import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { useStore } from '../../../state/store';
import '../shared/manager.css';
import { AddClerkForm } from './AddClerkForm';
import { ResetPinDialog } from './ResetPinDialog';
import { FormError } from '../../FormError';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';

const ROLE_ORDER = { admin: 0, manager: 1, clerk: 2 } as const;

/** Who can sign in at this store, with their role and whether wrong PINs have locked them out. */
export function TeamTab() {
  const { clerk: me } = useStore();
  const fmt = useFormat();
  const { t } = useTranslation();
  const columns: Column[] = [t('team.col.name'), t('team.col.role'), t('team.col.signIn'), ACTIONS];
  const { announce } = useFeedback();
  const clerks = useLoad<Clerk[]>('clerks', () => call('clerks.list', {}));
  const [resetting, setResetting] = useState<Clerk | null>(null);
  const now = new Date().toISOString();
  const rows = [...(clerks.data ?? [])].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.displayName.localeCompare(b.displayName),
  );

  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>{t('manager.tab.team')}</h2>
        <p className="lead">{t('team.lead')}</p>
      </div>
      <section className="card review-section" aria-labelledby="team-h">
        <h3 id="team-h">{t('team.clerks')}</h3>
        <FormError message={clerks.error} />
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="team-h">
            <TableHead columns={columns} />
            <tbody>
              {rows.map((c) => {
                const locked = !!c.lockedUntil && c.lockedUntil > now;
                return (
                  <tr key={c.id} data-clerk-id={c.id}>
                    <th scope="row">
                      {c.displayName}
                      {c.id === me.id && <span className="muted">{t('team.you')}</span>}
                    </th>
                    <td>
                      <span className="badge badge-role">{t(`team.role.${c.role}`)}</span>
                    </td>
                    <td>
                      {c.lockedUntil && locked ? (
                        <span className="badge badge-locked">
                          {t('team.lockedUntil', { when: fmt.dateTime(c.lockedUntil) })}
                        </span>
                      ) : (
                        <span className="muted">{t('team.active')}</span>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setResetting(c)}
                        aria-label={t('team.resetFor', { name: c.displayName })}
                      >
                        {t('team.reset')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <AddClerkForm
        canPickRole={me.role === 'admin'}
        onAdded={(c) => {
          clerks.reload();
          announce(t('team.added', { name: c.displayName, role: t(`role.${c.role}`) }));
        }}
      />
      {resetting && (
        <ResetPinDialog
          clerk={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            announce(t('team.resetDone', { name: resetting.displayName }));

            setResetting(null);
            clerks.reload();
          }}
        />
      )}
    </div>
  );
}
