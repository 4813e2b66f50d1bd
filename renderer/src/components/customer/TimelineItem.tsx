import type { TimelineEntry } from '../../../../common/domain';
import { formatCalendarDay, formatDateTime, formatMoney } from '../../lib/format';
import { KIND_LABEL, OUTCOME_LABEL, SENTIMENT_LABEL } from '../../lib/labels';

const MAX_ITEMS = 6;

interface Props {
  entry: TimelineEntry;
  titleId: string;
  today: string;
  timeZone: string;
}

export function TimelineItem({ entry, titleId, today, timeZone }: Props) {
  const when = <time dateTime={entry.at}>{formatDateTime(entry.at, timeZone)}</time>;
  if (entry.type === 'purchase') {
    const returnOpen = entry.returnWindowEndsOn >= today;
    const shown = entry.items.slice(0, MAX_ITEMS);
    return (
      <div className="tl-item tl-purchase">
        <span className="tl-icon" aria-hidden="true">
          €
        </span>
        <div className="tl-body">
          <p className="tl-title" id={titleId}>
            <strong>Purchase</strong> <span className="amount">{formatMoney(entry.totalCents)}</span>
            <span className="muted small">receipt {entry.receiptNo}</span>
            {returnOpen && (
              <span className="badge badge-return">
                Return window until {formatCalendarDay(entry.returnWindowEndsOn)}
              </span>
            )}
            <span className="tl-when">{when}</span>
          </p>
          <ul className="tl-lines">
            {shown.map((it, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a receipt's lines have no id and never move
              <li key={i}>
                {it.quantity} × {it.description}{' '}
                <span className="muted">{formatMoney(it.unitPriceCents * it.quantity)}</span>
                {it.returnStatus === 'returned' && <span className="badge badge-returned">Returned</span>}
              </li>
            ))}
            {entry.items.length > MAX_ITEMS && (
              <li className="muted">and {entry.items.length - MAX_ITEMS} more items</li>
            )}
          </ul>
        </div>
      </div>
    );
  }
  const i = entry.interaction;
  return (
    <div className={`tl-item tl-interaction kind-${i.kind}`}>
      <span className="tl-icon" aria-hidden="true">
        {i.kind === 'complaint' ? '!' : '✎'}
      </span>
      <div className="tl-body">
        <p className="tl-title" id={titleId}>
          <strong>{KIND_LABEL[i.kind]}</strong>
          <span className={`outcome outcome-${i.outcome}`}>{OUTCOME_LABEL[i.outcome]}</span>
          {entry.open && <span className="badge badge-open">Open</span>}
          {i.sentiment !== null && (
            <span className={`sentiment sentiment-${i.sentiment}`}>
              Sentiment {i.sentiment}/5 · {SENTIMENT_LABEL[i.sentiment]}
            </span>
          )}
          {entry.amendmentCount > 0 && (
            <span className="badge badge-amended" title={i.amendReason ?? undefined}>
              Amended{entry.amendmentCount > 1 ? ` ×${entry.amendmentCount}` : ''}
            </span>
          )}
          <span className="tl-when">{when}</span>
        </p>
        {i.notes ? <p className="tl-notes">{i.notes}</p> : <p className="tl-notes muted">No notes.</p>}
        {i.said && (
          <p className="said">
            <span className="said-label">Said:</span> “{i.said}”
          </p>
        )}
        <p className="tl-foot">
          <span>
            by {i.clerkName}
            {i.place && <span className="tl-place"> · {i.place}</span>}
          </span>
          {i.resolves.length > 0 && (
            <span>settled {i.resolves.length === 1 ? 'an open issue' : `${i.resolves.length} open issues`}</span>
          )}
          {i.followUpDue && <span>follow-up due {formatCalendarDay(i.followUpDue)}</span>}
          {i.suggestionTemplateId && <span>suggestion used</span>}
          {i.amendReason && <span>corrected: {i.amendReason}</span>}
        </p>
      </div>
    </div>
  );
}
