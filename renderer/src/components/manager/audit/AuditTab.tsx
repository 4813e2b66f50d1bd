import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOGUES } from '@common/i18n';
import type { AuditEntry } from '@common/domain';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { isDay } from '../shared/days';
import '../shared/manager.css';
import { FormError } from '../../FormError';
import { TableHead, type Column } from '../shared/TableHead';

const COLUMNS = ['time', 'who', 'till', 'event', 'subject', 'details'] as const;

const LIMIT = 500;

/** Events with a name in the catalogues; any other is shown by its code. */
const EVENTS = new Set(Object.keys(CATALOGUES.en.audit.event));
const isNamed = (e: string): e is keyof typeof CATALOGUES.en.audit.event => EVENTS.has(e);

function detailsText(d: Record<string, unknown>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** Security-relevant events, newest first: sign-ins, PIN changes, exports, backups. */
export function AuditTab() {
  const fmt = useFormat();
  const { t } = useTranslation();
  const columns: Column[] = COLUMNS.map((c) => t(`audit.col.${c}`));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const range = { ...(isDay(from) ? { from } : {}), ...(isDay(to) ? { to } : {}) };
  const list = useLoad<AuditEntry[]>(`audit:${from}|${to}`, () => call('audit.list', { ...range, limit: LIMIT }));
  const rows = list.data ?? [];

  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>{t('manager.tab.audit')}</h2>
        <p className="lead">{t('audit.lead')}</p>
      </div>
      <section className="card review-section" aria-labelledby="audit-h">
        <div className="section-head">
          <h3 id="audit-h">{t('audit.events')}</h3>
          <p className="muted small" data-testid="audit-count">
            {!list.data
              ? t('common.loading')
              : rows.length === LIMIT
                ? t('audit.latest', { count: t('audit.count', { count: rows.length }), limit: LIMIT })
                : t('audit.count', { count: rows.length })}
          </p>
        </div>
        <search className="toolbar" aria-label={t('audit.filter')}>
          <label className="field">
            <span className="field-label">{t('audit.from')}</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('audit.to')}</span>
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
            {t('audit.allDates')}
          </button>
        </search>
        <FormError message={list.error} />
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="audit-h">
            <TableHead columns={columns} />
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap num-font">{fmt.dateTime(a.at)}</td>
                  <td>{a.clerkName ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">{a.terminalId}</td>
                  <td>{isNamed(a.event) ? t(`audit.event.${a.event}`) : a.event}</td>
                  <td>{a.subject ?? <span className="muted">—</span>}</td>
                  <td className="details-cell">{detailsText(a.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data && rows.length === 0 && <p className="empty-note table-empty">{t('audit.none')}</p>}
        </div>
      </section>
    </div>
  );
}
