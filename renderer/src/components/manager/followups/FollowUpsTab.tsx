import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import type { FollowUp } from '@common/reports';
import { call, errorMessage } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { useStore } from '../../../state/store';
import { DueWhen } from '../../DueWhen';
import { openCustomerOnCounter } from '../shared/open-customer';
import '../shared/manager.css';
import { FormError } from '../../FormError';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';

const COLUMNS = ['due', 'customer', 'kind', 'notes', 'logged', 'assigned'] as const;

const SHOWS = ['all', 'overdue', 'due_today', 'mine', 'unassigned'] as const;
type Show = (typeof SHOWS)[number];

/** Whether a follow-up passes the filter; today is the store's, the clerk is the one signed in. */
function shown(f: FollowUp, show: Show, today: string, clerkId: number): boolean {
  switch (show) {
    case 'all':
      return true;
    case 'overdue':
      return f.overdue;
    case 'due_today':
      return f.dueDate === today;
    case 'mine':
      return f.assignedClerk?.id === clerkId;
    case 'unassigned':
      return !f.assignedClerk;
  }
}

/** Overdue first, then by due date (no date last), then oldest first. */
function queueOrder(a: FollowUp, b: FollowUp): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const da = a.dueDate ?? '9999';
  const db = b.dueDate ?? '9999';
  if (da !== db) return da < db ? -1 : 1;
  return a.openedAt < b.openedAt ? -1 : 1;
}

/** The open follow-ups: who owes which customer what, by when, and who has it. */
export function FollowUpsTab() {
  const { announce, showError } = useFeedback();
  const { clerk } = useStore();
  const fmt = useFormat();
  const { t } = useTranslation();
  const columns: Column[] = [...COLUMNS.map((c) => t(`followUps.col.${c}`)), ACTIONS];
  const today = fmt.today();
  const list = useLoad<FollowUp[]>('followups', () => call('followups.list', { limit: 5000 }));
  const clerks = useLoad<Clerk[]>('clerks', () => call('clerks.list', {}));
  const [patched, setPatched] = useState<Map<number, FollowUp>>(new Map());
  const [show, setShow] = useState<Show>('all');
  const [saving, setSaving] = useState<number | null>(null);

  const all = useMemo(
    () => (list.data ?? []).map((f) => patched.get(f.interactionId) ?? f).sort(queueOrder),
    [list.data, patched],
  );
  const rows = all.filter((f) => shown(f, show, today, clerk.id));
  const overdue = all.filter((f) => f.overdue).length;

  const assign = async (f: FollowUp, value: string) => {
    setSaving(f.interactionId);
    try {
      const next = await call('followups.assign', {
        interactionId: f.interactionId,
        clerkId: value ? Number(value) : null,
      });
      setPatched((m) => new Map(m).set(next.interactionId, next));
      announce(
        next.assignedClerk
          ? t('followUps.assignedTo', { name: next.assignedClerk.displayName })
          : t('followUps.unassignedAnnounce'),
      );
    } catch (err) {
      showError(err);
      announce(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>{t('manager.tab.followups')}</h2>
        <p className="lead" data-testid="followup-summary">
          {list.data
            ? t('followUps.summary', { open: t('followUps.open', { count: all.length }), overdue })
            : t('common.loading')}{' '}
          {t('followUps.closes')}
        </p>
      </div>
      <section className="card review-section" aria-labelledby="queue-h">
        <div className="section-head">
          <h3 id="queue-h">{t('followUps.queue')}</h3>
          <fieldset className="filter-checks" aria-label={t('followUps.showLabel')}>
            {SHOWS.map((v) => (
              <label key={v} className="check">
                <input type="radio" name="followup-show" checked={show === v} onChange={() => setShow(v)} />
                <span>{t(`followUps.show.${v}`)}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <FormError message={list.error} />
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="queue-h">
            <TableHead columns={columns} />
            <tbody>
              {rows.map((f) => {
                const name = f.customer?.displayName ?? t('followUps.walkIn');
                return (
                  <tr
                    key={f.interactionId}
                    className={f.overdue ? 'row-overdue' : undefined}
                    data-followup-id={f.interactionId}
                  >
                    <td className="nowrap">
                      {f.dueDate ? (
                        <DueWhen day={f.dueDate} className={f.overdue ? 'badge badge-overdue' : undefined} />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {f.customer ? (
                        <>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => openCustomerOnCounter(f.customer!.id)}
                          >
                            {f.customer.displayName}
                          </button>
                          {f.customer.phone && <span className="sub muted num-font">{f.customer.phone}</span>}
                        </>
                      ) : (
                        <span className="muted">{t('followUps.walkIn')}</span>
                      )}
                    </td>
                    <td>
                      {t(`label.kind.${f.kind}`)}
                      <span className="sub">
                        <span className={`outcome outcome-${f.outcome}`}>{t(`label.outcome.${f.outcome}`)}</span>
                      </span>
                    </td>
                    <td className="notes-cell">
                      <span className="notes-text">
                        {f.notes || <span className="muted">{t('followUps.noNotes')}</span>}
                      </span>
                    </td>
                    <td className="nowrap">
                      {fmt.calendarDay(f.loggedOn)}
                      <span className="sub muted">{f.loggedBy.displayName}</span>
                    </td>
                    <td>
                      <select
                        className="assign-select"
                        aria-label={t('followUps.assignFor', { name })}
                        value={f.assignedClerk?.id ?? ''}
                        disabled={saving === f.interactionId}
                        onChange={(e) => void assign(f, e.target.value)}
                      >
                        <option value="">{t('followUps.unassigned')}</option>
                        {(clerks.data ?? []).map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.displayName}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={!f.customer}
                        onClick={() => f.customer && openCustomerOnCounter(f.customer.id)}
                        aria-label={t('followUps.logFor', { name })}
                      >
                        {t('followUps.log')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {list.data && rows.length === 0 && <p className="empty-note table-empty">{t('followUps.empty')}</p>}
        </div>
      </section>
    </div>
  );
}
