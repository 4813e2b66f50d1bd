import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { entryKey, type useTimeline } from '../../hooks/useTimeline';
import { useFormat } from '../../lib/format';
import { TimelineItem } from './TimelineItem';
import './timeline.css';

type TimelineData = ReturnType<typeof useTimeline>;

/** Rows within this distance of the end trigger loading the next (older) page. */
const LOAD_AHEAD = 12;

/**
 * The customer's history as an ARIA feed. Only the rows on screen are in the DOM, so 10,000 entries scroll as
 * smoothly as 10. Tab reaches the list once; arrow keys, Page Up/Down, Home and End move between entries.
 */
export function Timeline({ customerId, timeline }: { customerId: number; timeline: TimelineData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const { entries, done, loading, error, loadMore } = timeline;
  const today = fmt.today();

  const virtual = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (i) => (entries[i] ? entryKey(entries[i]) : i),
  });
  const rows = virtual.getVirtualItems();
  const lastRendered = rows.length ? rows[rows.length - 1]!.index : -1;

  useEffect(() => {
    if (!done && !loading && !error && lastRendered >= entries.length - LOAD_AHEAD) loadMore();
  }, [lastRendered, entries.length, done, loading, error, loadMore]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another customer's history starts at its top; customerId is the trigger, not a value read
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [customerId]);

  // Focus lands once the virtualiser has rendered the row it scrolled to.
  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const focusRow = (i: number) => {
    if (entries.length === 0) return;
    const target = Math.max(0, Math.min(entries.length - 1, i));
    pendingFocus.current = target;
    virtual.scrollToIndex(target, { align: 'auto' });
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const at = row ? Number(row.dataset.index) : null;
    const firstVisible = rows.find((r) => r.end > (scrollRef.current?.scrollTop ?? 0))?.index ?? 0;
    const from = at ?? firstVisible - 1;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: at === null ? firstVisible : from - 1,
      PageDown: at === null ? firstVisible : from + 5,
      PageUp: at === null ? firstVisible : from - 5,
      Home: 0,
      End: entries.length - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    focusRow(next);
  };

  const summary = error
    ? ''
    : entries.length === 0
      ? loading
        ? t('timeline.loading')
        : ''
      : done
        ? t('timeline.summary', { count: entries.length })
        : t('timeline.summaryMore', { count: entries.length });

  return (
    <section className="card timeline" aria-labelledby="timeline-h">
      <div className="timeline-head">
        <h3 id="timeline-h">{t('timeline.title')}</h3>
        <span className="muted small">{summary}</span>
        <span className="muted small kbd-hint">
          <kbd>Alt+T</kbd> {t('timeline.then')} <kbd>↑</kbd>
          <kbd>↓</kbd>
        </span>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: the role is feed or region (chosen at run time), both take a name and keys */}
      <div
        id="timeline-scroll"
        ref={scrollRef}
        className="timeline-scroll"
        tabIndex={0}
        // A feed must hold articles: a customer with no history yet gets a plain named region instead.
        role={done && entries.length === 0 ? 'region' : 'feed'}
        aria-labelledby="timeline-h"
        aria-busy={loading}
        aria-describedby="timeline-help"
        onKeyDown={onKeyDown}
      >
        <div className="timeline-inner" style={{ height: virtual.getTotalSize() }}>
          {rows.map((r) => {
            const entry = entries[r.index]!;
            const key = entryKey(entry);
            return (
              <article
                key={key}
                data-index={r.index}
                ref={virtual.measureElement}
                className="tl-row"
                style={{ transform: `translateY(${r.start}px)` }}
                tabIndex={-1}
                aria-posinset={r.index + 1}
                aria-setsize={done ? entries.length : -1}
                aria-labelledby={`tl-${key}`}
                data-entry={key}
              >
                <TimelineItem entry={entry} titleId={`tl-${key}`} today={today} />
              </article>
            );
          })}
        </div>
        {done && entries.length === 0 && <p className="empty-note">{t('timeline.empty')}</p>}
      </div>
      <p id="timeline-help" className="sr-only">
        {t('timeline.help')}
      </p>
      {(loading && entries.length > 0) || error ? (
        <div className="timeline-foot" role={error ? 'alert' : undefined}>
          {error ? (
            <>
              <span>{error}</span>
              <button type="button" className="btn btn-small" onClick={timeline.retry}>
                {t('app.tryAgain')}
              </button>
            </>
          ) : (
            <span className="muted small">{t('timeline.loadingOlder')}</span>
          )}
        </div>
      ) : null}
    </section>
  );
}
