import type { KeyboardEvent } from 'react';
import type { CounterQueue, FollowUp } from '../../../../common/reports';
import { call } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { KIND_LABEL, OUTCOME_LABEL } from '../../lib/labels';
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
      <h2 id="home-h">Who are you serving?</h2>
      <p className="lead">
        Type a name, phone number, email or loyalty card number above — or just scan the card. Results appear as you
        type.
      </p>
      <div className="home-actions">
        <button type="button" className="btn" onClick={onNew}>
          New customer <kbd>Alt+N</kbd>
        </button>
        <button type="button" className="btn" onClick={onWalkIn}>
          Log a walk-in <kbd>Alt+W</kbd>
        </button>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: catches the arrow and digit keys bubbling up from the focused row; not a control itself */}
      <div className="home-queue" onKeyDown={onKeyDown}>
        <FormError message={queue.error} />
        {n > 0 && (
          <p className="muted home-keys" id="home-keys">
            From the empty search box <kbd>↓</kbd> enters this list; <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd> or a
            number key <kbd>1</kbd>–<kbd>{Math.min(n, DIGIT_ROWS)}</kbd> opens the customer.
          </p>
        )}
        <QueuePart
          id="home-due"
          title="Due today and overdue"
          empty="Nothing is due today."
          rows={due}
          loading={queue.loading}
          onOpen={onOpen}
        />
        <QueuePart
          id="home-mine"
          title="Assigned to you"
          empty="Nothing is assigned to you."
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
  return (
    <section className="home-part" id={id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {title} {!loading && <span className="count">{rows.length}</span>}
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
function owed(f: FollowUp): string {
  if (f.kind === 'pickup') return 'Order waiting';
  return f.outcome === 'follow_up' ? 'Callback promised' : OUTCOME_LABEL[f.outcome];
}

function QueueRow({ f, n, onOpen }: { f: FollowUp; n: number | null; onOpen(customerId: number): void }) {
  const what = (
    <>
      <span className="home-what">
        {KIND_LABEL[f.kind]} · {owed(f)}
        {f.notes && <span className="muted"> — {f.notes}</span>}
      </span>
      {f.dueDate && <DueWhen day={f.dueDate} className={`home-due${f.overdue ? ' is-overdue' : ''}`} />}
      {f.assignedClerk && <span className="muted home-who">for {f.assignedClerk.displayName}</span>}
    </>
  );
  if (!f.customer || n === null) {
    return (
      <div className="home-row is-walk-in">
        <span className="home-num" aria-hidden="true" />
        <span className="home-name muted">Walk-in</span>
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
