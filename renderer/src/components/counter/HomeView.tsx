import type { TFunction } from 'i18next';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterQueue, FollowUp } from '@common/reports';
import { call } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { useFormat } from '../../lib/format';
import { DueWhen } from '../DueWhen';
import { FormError } from '../FormError';
import './home.css';

/** Rows a digit key opens (1 to 9); the rest are reached with the arrow keys. */
export const DIGIT_ROWS = 9;
const ROW = 'data-home-row';

/** Moves focus into the home list (from the search box's ↓ with nothing typed); false when the list is empty. */
export function focusHomeQueue(): boolean {
  const first = document.querySelector<HTMLElement>(`[${ROW}]`);
  first?.focus();
  return first !== null;
}

interface Props {
  onWalkIn(): void;
  onNew(): void;
  onOpen(customerId: number): void;
}

/**
 * What the counter shows when nobody is open: the store's follow-ups due today or overdue (promised callbacks first)
 * and those assigned to the signed-in clerk. Keyboard: ↓ from the empty search box enters the list, ↑ ↓ move,
 * Enter opens, and a digit 1–9 opens that row at once; Esc goes back to the search box.
 */
export function HomeView({ onWalkIn, onNew, onOpen }: Props) {
  const { t } = useTranslation();
  const queue = useLoad<CounterQueue>('counter-queue', () => call('followups.counter', {}));
  let n = 0;
  const numbered = (list: FollowUp[]) => list.map((f) => ({ f, n: f.customer ? ++n : null }));
  const due = numbered(queue.data?.due ?? []);
  const mine = numbered(queue.data?.mine ?? []);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const rows = [...e.currentTarget.querySelectorAll<HTMLElement>(`[${ROW}]`)];
    const at = rows.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => {
      e.preventDefault();
      rows[Math.max(0, Math.min(rows.length - 1, i))]?.focus();
    };
    if (e.key === 'ArrowDown') return go(at + 1);
    if (e.key === 'ArrowUp') {
      if (at > 0) return go(at - 1);
      e.preventDefault();
      return void document.getElementById('customer-search')?.focus();
    }
    if (e.key === 'Home') return go(0);
    if (e.key === 'End') return go(rows.length - 1);
    const digit = /^[1-9]$/.exec(e.key);
    const row = digit && rows.find((r) => r.getAttribute(ROW) === digit[0]);
    if (row) {
      e.preventDefault();
      row.click();
    }
  };

  return (
    <section className="home" aria-labelledby="home-h">
      <h2 id="home-h">{t('home.title')}</h2>
      <p className="lead">{t('home.lead')}</p>
      <div className="home-actions">
        <button type="button" className="btn" onClick={onNew}>
          {t('counter.newCustomer')} <kbd>Alt+N</kbd>
        </button>
        <button type="button" className="btn" onClick={onWalkIn}>
          {t('home.logWalkIn')} <kbd>Alt+W</kbd>
        </button>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: catches the arrow and digit keys bubbling up from the focused row; not a control itself */}
      <div className="home-queue" onKeyDown={onKeyDown}>
        <FormError message={queue.error} />
        {n > 0 && (
          <p className="muted home-keys" id="home-keys">
            {t('home.keysFrom')} <kbd>↓</kbd> {t('home.keysEnters')} <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd>{' '}
            {t('home.keysOr')} <kbd>1</kbd>–<kbd>{Math.min(n, DIGIT_ROWS)}</kbd> {t('home.keysOpens')}
          </p>
        )}
        <QueuePart
          id="home-due"
          title={t('home.due')}
          empty={t('home.dueEmpty')}
          rows={due}
          loading={queue.loading}
          onOpen={onOpen}
        />
        <QueuePart
          id="home-mine"
          title={t('home.mine')}
          empty={t('home.mineEmpty')}
          rows={mine}
          loading={queue.loading}
          onOpen={onOpen}
        />
      </div>
    </section>
  );
}

interface PartProps {
  id: string;
  title: string;
  empty: string;
  rows: { f: FollowUp; n: number | null }[];
  loading: boolean;
  onOpen(customerId: number): void;
}

function QueuePart({ id, title, empty, rows, loading, onOpen }: PartProps) {
  const fmt = useFormat();
  return (
    <section className="home-part" id={id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {title} {!loading && <span className="count">{fmt.number(rows.length)}</span>}
      </h3>
      {!loading && rows.length === 0 && <p className="muted">{empty}</p>}
      {rows.length > 0 && (
        <ol className="home-list" aria-labelledby={`${id}-h`}>
          {rows.map(({ f, n }) => (
            <li key={f.interactionId}>
              <QueueRow f={f} n={n} onOpen={onOpen} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** What the store owes: an order to hand over, a callback it promised, or the outcome. */
function owed(f: FollowUp, t: TFunction): string {
  if (f.kind === 'pickup') return t('home.orderWaiting');
  return f.outcome === 'follow_up' ? t('home.callbackPromised') : t(`label.outcome.${f.outcome}`);
}

function QueueRow({ f, n, onOpen }: { f: FollowUp; n: number | null; onOpen(customerId: number): void }) {
  const { t } = useTranslation();
  const what = (
    <>
      <span className="home-what">
        {t(`label.kind.${f.kind}`)} · {owed(f, t)}
        {f.notes && <span className="muted"> — {f.notes}</span>}
      </span>
      {f.dueDate && <DueWhen day={f.dueDate} className={`home-due${f.overdue ? ' is-overdue' : ''}`} />}
      {f.assignedClerk && (
        <span className="muted home-who">{t('home.for', { name: f.assignedClerk.displayName })}</span>
      )}
    </>
  );
  if (!f.customer || n === null) {
    return (
      <div className="home-row is-walk-in">
        <span className="home-num" aria-hidden="true" />
        <span className="home-name muted">{t('walkIn.title')}</span>
        {what}
      </div>
    );
  }
  const customerId = f.customer.id;
  return (
    <button
      type="button"
      className="home-row"
      {...{ [ROW]: n <= DIGIT_ROWS ? String(n) : '' }}
      aria-keyshortcuts={n <= DIGIT_ROWS ? String(n) : undefined}
      data-followup-id={f.interactionId}
      onClick={() => onOpen(customerId)}
    >
      <span className="home-num" aria-hidden="true">
        {n <= DIGIT_ROWS ? <kbd>{n}</kbd> : null}
      </span>
      <span className="home-name">{f.customer.displayName}</span>
      {what}
    </button>
  );
}
