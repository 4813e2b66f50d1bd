import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import type { DayEntry, DayReport, StoreSelection } from '@common/reports';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { openCustomerOnCounter } from '../shared/open-customer';
import { LogFilters, NO_FILTERS, toDayFilters, type FilterState } from './LogFilters';
import { Pager } from './Pager';
import { ReviewDialog } from './ReviewDialog';
import { FormError } from '../../FormError';
import { ACTIONS, TableHead, type Column } from '../shared/TableHead';

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
  const { t } = useTranslation();
  const columns: Column[] = [
    t('review.log.col.time'),
    t('review.log.col.clerk'),
    t('review.log.col.customer'),
    t('review.log.col.kind'),
    t('review.log.col.outcome'),
    { label: t('review.log.col.sentiment'), numeric: true },
    t('review.log.col.notes'),
    t('review.log.col.suggestion'),
    t('review.log.col.marks'),
    ACTIONS,
  ];
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
    announce(t('review.log.match', { count: data.entries.length }));
  }, [data, announce, t]);

  const entries = data?.entries ?? [];
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = entries.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((e) => patched.get(e.id) ?? e);

  const goPage = (p: number) => {
    setPage(p);
    tableRef.current?.focus();
    announce(t('review.log.page', { page: p + 1, pages }));
  };

  const saved = (entry: DayEntry) => {
    setPatched((m) => new Map(m).set(entry.id, entry));
    setReviewing(null);
    announce(
      t(entry.flagged ? 'review.log.flagged' : entry.reviewNote ? 'review.log.noteSaved' : 'review.log.flagCleared'),
    );
  };

  return (
    <section className="card review-section" aria-labelledby="log-h">
      <div className="section-head">
        <h3 id="log-h">{storeName ? t('review.log.headingAt', { store: storeName }) : t('review.log.heading')}</h3>
        <p className="muted small" data-testid="log-count">
          {data
            ? data.entries.length === data.total
              ? t('review.log.entries', { count: data.total })
              : t('review.log.someMatch', {
                  shown: data.entries.length,
                  entries: t('review.log.entries', { count: data.total }),
                })
            : t('common.loading')}
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
          <TableHead columns={columns} />
          <tbody>
            {rows.map((e) => (
              <LogRow key={e.id} entry={e} onReview={() => setReviewing(e)} />
            ))}
          </tbody>
        </table>
        {data && entries.length === 0 && <p className="empty-note table-empty">{t('review.log.empty')}</p>}
      </div>
      <Pager id="log-page" page={current} pages={pages} total={entries.length} pageSize={PAGE_SIZE} onPage={goPage} />
      {reviewing && <ReviewDialog entry={reviewing} onClose={() => setReviewing(null)} onSaved={saved} />}
    </section>
  );
}

function LogRow({ entry: e, onReview }: { entry: DayEntry; onReview(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const who = t('review.log.who', { time: e.localTime, clerk: e.clerk.displayName });
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
            title={t('review.log.openOnCounter')}
          >
            {e.customer.displayName}
          </button>
        ) : (
          <span className="muted">{t('review.log.walkIn')}</span>
        )}
      </td>
      <td>{t(`label.kind.${e.kind}`)}</td>
      <td>
        <span className={`outcome outcome-${e.outcome}`}>{t(`label.outcome.${e.outcome}`)}</span>
        {e.followUp === 'open' && e.followUpDue && (
          <span className="sub muted">{t('review.log.due', { day: fmt.calendarDay(e.followUpDue) })}</span>
        )}
        {e.followUp === 'done' && <span className="sub muted">{t('review.log.followedUp')}</span>}
      </td>
      <td className="num">
        {e.sentiment === null ? (
          <span className="muted">—</span>
        ) : (
          <span title={t(`label.sentiment.${e.sentiment as 1 | 2 | 3 | 4 | 5}`)}>{e.sentiment}</span>
        )}
      </td>
      <td className="notes-cell">
        <span className="notes-text">{e.notes || <span className="muted">{t('review.log.noNotes')}</span>}</span>
        {e.said && (
          <span className="said">
            <span className="said-label">{t('review.log.said')}</span> “{e.said}”
          </span>
        )}
        {e.reviewNote && (
          <span className="review-note">
            <span className="sr-only">{t('review.log.reviewNote')}</span>
            <span aria-hidden="true">✎ </span>
            {e.reviewNote}
            {e.reviewedBy && <span className="muted"> — {e.reviewedBy.displayName}</span>}
          </span>
        )}
      </td>
      <td>
        {e.suggestionTemplateId ? (
          <span className="badge badge-sugg" title={e.suggestionTemplateId}>
            {t('review.log.used')}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="marks">
        {e.flagged && <span className="badge badge-flag">{t('review.log.flag')}</span>}
        {e.amendmentCount > 0 && (
          <span className="badge badge-amended" title={e.lastAmendReason ?? undefined}>
            {e.amendmentCount > 1 ? t('review.log.amendedTimes', { count: e.amendmentCount }) : t('review.log.amended')}
          </span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="btn btn-small"
          onClick={onReview}
          aria-label={t('review.log.flagFor', { who })}
        >
          {t('review.log.flagNote')}
        </button>
      </td>
    </tr>
  );
}
