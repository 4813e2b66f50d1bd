import { useState } from 'react';
import type { AuditEntry } from '../../../../../common/domain';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { formatDateTime, plural } from '../../../lib/format';
import { useStore } from '../../../state/store';
import { isDay } from '../shared/days';
import '../shared/manager.css';
import { FormError } from '../../FormError';
import { TableHead, type Column } from '../shared/TableHead';

const COLUMNS: Column[] = ['Time', 'Who', 'Till', 'Event', 'Subject', 'Details'];

const LIMIT = 500;

const EVENT_LABEL: Record<string, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Wrong PIN',
  lockout: 'Account locked',
  sign_out: 'Signed out',
  pin_reset: 'PIN reset',
  pin_changed: 'PIN changed',
  clerk_created: 'Clerk added',
  store_created: 'Store set up',
  playbook_change: 'Playbook changed',
  export: 'Report exported',
  erase: 'Customer erased',
  settings_change: 'Settings changed',
  backup: 'Backup',
  restore: 'Restore',
  import: 'Import',
};

function detailsText(d: Record<string, unknown>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** Security-relevant events, newest first: sign-ins, PIN changes, exports, backups. */
export function AuditTab() {
  const { info } = useStore();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const range = { ...(isDay(from) ? { from } : {}), ...(isDay(to) ? { to } : {}) };
  const list = useLoad<AuditEntry[]>(`audit:${from}|${to}`, () => call('audit.list', { ...range, limit: LIMIT }));
  const rows = list.data ?? [];

  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>Audit log</h2>
        <p className="lead">Who did what on which till. Entries cannot be changed or removed.</p>
      </div>
      <section className="card review-section" aria-labelledby="audit-h">
        <div className="section-head">
          <h3 id="audit-h">Events</h3>
          <p className="muted small" data-testid="audit-count">
            {list.data
              ? `${plural(rows.length, 'event')}${rows.length === LIMIT ? ` (the latest ${LIMIT})` : ''}`
              : 'Loading…'}
          </p>
        </div>
        <search className="toolbar" aria-label="Filter the audit log">
          <label className="field">
            <span className="field-label">From (UTC day)</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">To (UTC day)</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            disabled={!from && !to}
            onClick={() => {
              setFrom('');
              setTo('');
            }}
          >
            All dates
          </button>
        </search>
        <FormError message={list.error} />
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="audit-h">
            <TableHead columns={COLUMNS} />
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap num-font">{formatDateTime(a.at, info.timeZone)}</td>
                  <td>{a.clerkName ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">{a.terminalId}</td>
                  <td>{EVENT_LABEL[a.event] ?? a.event}</td>
                  <td>{a.subject ?? <span className="muted">—</span>}</td>
                  <td className="details-cell">{detailsText(a.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data && rows.length === 0 && <p className="empty-note table-empty">No events in this range.</p>}
        </div>
      </section>
    </div>
  );
}
