import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '../../../../../common/domain';
import type { DayEntry, DayReport, StoreSelection } from '../../../../../common/reports';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { KIND_LABEL, OUTCOME_LABEL, SENTIMENT_LABEL } from '../../../lib/labels';
import { plural, useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { openCustomerOnCounter } from '../shared/open-customer';
import { LogFilters, NO_FILTERS, toDayFilters, type FilterState } from './LogFilters';
import { Pager } from './Pager';
import { ReviewDialog } from './ReviewDialog';
import { FormError } from '../../FormError';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';

const COLUMNS: Column[] = [
  'Time',
  'Clerk',
  'Customer',
  'Kind',
  'Outcome',
  { label: 'Sentiment', numeric: true },
  'Notes',
  'Suggestion',
  'Marks',
  ACTIONS,
];

export const PAGE_SIZE = 100;
const TEXT_DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The day's entries of the store shown (its name in the heading) with filters; a page of 100 rows at a time keeps a
 * 5,000-entry day quick and the table real.
 */
export function DayLog({
  day,
  store,
  storeName,
  clerks,
}: {
  day: string;
  store: StoreSelection;
  storeName: string;
  clerks: Clerk[];
}) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const { announce } = useFeedback();
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  const text = useDebounced(filters.text, TEXT_DEBOUNCE_MS);
  const query = useMemo(() => toDayFilters(filters, text), [filters, text]);
  const key = `${day}|${store}|${JSON.stringify(query)}`;
  const report = useLoad<DayReport>(key, () => call('reports.day', { day, filters: query, store }));
  const [page, setPage] = useState(0);
  const [patched, setPatched] = useState<Map<number, DayEntry>>(new Map());
  const [reviewing, setReviewing] = useState<DayEntry | null>(null);
  const firstLoad = useRef(true);
  const tableRef = useRef<HTMLTableElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another day or filter (key) starts at page one without local patches
  useEffect(() => {
    setPage(0);
    setPatched(new Map());
  }, [key]);

  const data = report.data;
  useEffect(() => {
    if (!data) return;
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    announce(`${plural(fmt, data.entries.length, 'entry', 'entries')} match`);
  }, [data, announce, fmt]);

  const entries = data?.entries ?? [];
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = entries.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((e) => patched.get(e.id) ?? e);

  const goPage = (p: number) => {
    setPage(p);
    tableRef.current?.focus();
    announce(`Page ${p + 1} of ${pages}`);
  };

  const saved = (entry: DayEntry) => {
    setPatched((m) => new Map(m).set(entry.id, entry));
    setReviewing(null);
    announce(entry.flagged ? 'Entry flagged' : entry.reviewNote ? 'Review note saved' : 'Flag cleared');
  };

  return (
    <section className="card review-section" aria-labelledby="log-h">
      <div className="section-head">
        <h3 id="log-h">{storeName ? t('review.log.headingAt', { store: storeName }) : t('review.log.heading')}</h3>
        <p className="muted small" data-testid="log-count">
          {data
            ? data.entries.length === data.total
              ? plural(fmt, data.total, 'entry', 'entries')
              : `${fmt.number(data.entries.length)} of ${plural(fmt, data.total, 'entry', 'entries')} match`
            : 'Loading…'}
        </p>
      </div>
      <LogFilters value={filters} clerks={clerks} onChange={setFilters} />
      <FormError message={report.error} />
      <div className={`table-scroll${report.loading && data ? ' is-stale' : ''}`} aria-busy={report.loading}>
        <table
          className="data-table log-table"
          ref={tableRef}
          tabIndex={-1}
          aria-labelledby="log-h"
          aria-describedby="log-page"
        >
          <TableHead columns={COLUMNS} />
          <tbody>
            {rows.map((e) => (
              <LogRow key={e.id} entry={e} onReview={() => setReviewing(e)} />
            ))}
          </tbody>
        </table>
        {data && entries.length === 0 && <p className="empty-note table-empty">No entries match.</p>}
      </div>
      <Pager id="log-page" page={current} pages={pages} total={entries.length} pageSize={PAGE_SIZE} onPage={goPage} />
      {reviewing && <ReviewDialog entry={reviewing} onClose={() => setReviewing(null)} onSaved={saved} />}
    </section>
  );
}

function LogRow({ entry: e, onReview }: { entry: DayEntry; onReview(): void }) {
  const who = `${e.localTime} entry by ${e.clerk.displayName}`;
  return (
    <tr className={e.flagged ? 'is-flagged' : undefined} data-entry-id={e.id}>
      <td className="nowrap num-font">{e.localTime}</td>
      <td className="nowrap">{e.clerk.displayName}</td>
      <td>
        {e.customer ? (
          <button
            type="button"
            className="link-button"
            onClick={() => openCustomerOnCounter(e.customer!.id)}
            title="Open on the counter"
          >
            {e.customer.displayName}
          </button>
        ) : (
          <span className="muted">Walk-in</span>
        )}
      </td>
      <td>{KIND_LABEL[e.kind]}</td>
      <td>
        <span className={`outcome outcome-${e.outcome}`}>{OUTCOME_LABEL[e.outcome]}</span>
        {e.followUp === 'open' && e.followUpDue && <span className="sub muted">due {e.followUpDue}</span>}
        {e.followUp === 'done' && <span className="sub muted">followed up</span>}
      </td>
      <td className="num">
        {e.sentiment === null ? (
          <span className="muted">—</span>
        ) : (
          <span title={SENTIMENT_LABEL[e.sentiment]}>{e.sentiment}</span>
        )}
      </td>
      <td className="notes-cell">
        <span className="notes-text">{e.notes || <span className="muted">No notes</span>}</span>
        {e.said && (
          <span className="said">
            <span className="said-label">Said:</span> “{e.said}”
          </span>
        )}
        {e.reviewNote && (
          <span className="review-note">
            <span className="sr-only">Review note: </span>
            <span aria-hidden="true">✎ </span>
            {e.reviewNote}
            {e.reviewedBy && <span className="muted"> — {e.reviewedBy.displayName}</span>}
          </span>
        )}
      </td>
      <td>
        {e.suggestionTemplateId ? (
          <span className="badge badge-sugg" title={e.suggestionTemplateId}>
            Used
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="marks">
        {e.flagged && <span className="badge badge-flag">Flagged</span>}
        {e.amendmentCount > 0 && (
          <span className="badge badge-amended" title={e.lastAmendReason ?? undefined}>
            Amended{e.amendmentCount > 1 ? ` ×${e.amendmentCount}` : ''}
          </span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="btn btn-small"
          onClick={onReview}
          aria-label={`Flag or add a review note: ${who}`}
        >
          Flag / note
        </button>
      </td>
    </tr>
  );
}
