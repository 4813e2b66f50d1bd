import { useState } from 'react';
import type { Clerk } from '../../../../../common/domain';
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

const COLUMNS: Column[] = ['Name', 'Role', 'Sign-in', ACTIONS];

const ROLE_LABEL = { clerk: 'Clerk', manager: 'Manager', admin: 'Admin' } as const;
const ROLE_ORDER = { admin: 0, manager: 1, clerk: 2 } as const;

/** Who can sign in at this store, with their role and whether wrong PINs have locked them out. */
export function TeamTab() {
  const { clerk: me } = useStore();
  const fmt = useFormat();
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
        <h2>Team</h2>
        <p className="lead">Clerks who can sign in on this store’s tills. Resetting a PIN also lifts a lockout.</p>
      </div>
      <section className="card review-section" aria-labelledby="team-h">
        <h3 id="team-h">Clerks</h3>
        <FormError message={clerks.error} />
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="team-h">
            <TableHead columns={COLUMNS} />
            <tbody>
              {rows.map((c) => {
                const locked = !!c.lockedUntil && c.lockedUntil > now;
                return (
                  <tr key={c.id} data-clerk-id={c.id}>
                    <th scope="row">
                      {c.displayName}
                      {c.id === me.id && <span className="muted"> (you)</span>}
                    </th>
                    <td>
                      <span className="badge badge-role">{ROLE_LABEL[c.role]}</span>
                    </td>
                    <td>
                      {locked ? (
                        <span className="badge badge-locked">Locked until {fmt.dateTime(c.lockedUntil!)}</span>
                      ) : (
                        <span className="muted">Active</span>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setResetting(c)}
                        aria-label={`Reset PIN for ${c.displayName}`}
                      >
                        Reset PIN
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
          announce(`${c.displayName} added as ${ROLE_LABEL[c.role].toLowerCase()}`);
        }}
      />
      {resetting && (
        <ResetPinDialog
          clerk={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            announce(`PIN reset for ${resetting.displayName}`);
            setResetting(null);
            clerks.reload();
          }}
        />
      )}
    </div>
  );
}
