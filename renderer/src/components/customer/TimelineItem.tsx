import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '@common/domain';
import { useFormat } from '../../lib/format';

const MAX_ITEMS = 6;

interface Props {
  entry: TimelineEntry;
  titleId: string;
  today: string;
}

export function TimelineItem({ entry, titleId, today }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = <time dateTime={entry.at}>{fmt.dateTime(entry.at)}</time>;
  if (entry.type === 'purchase') {
    const returnOpen = entry.returnWindowEndsOn >= today;
    const shown = entry.items.slice(0, MAX_ITEMS);
    return (
      <div className="tl-item tl-purchase">
        <span className="tl-icon" aria-hidden="true">
          {fmt.currencySymbol}
        </span>
        <div className="tl-body">
          <p className="tl-title" id={titleId}>
            <strong>{t('label.kind.purchase')}</strong> <span className="amount">{fmt.money(entry.totalCents)}</span>
            <span className="muted small">{t('timeline.receipt', { receipt: entry.receiptNo })}</span>
            {returnOpen && (
              <span className="badge badge-return">
                {t('timeline.returnUntil', { day: fmt.calendarDay(entry.returnWindowEndsOn) })}
              </span>
            )}
            <span className="tl-when">{when}</span>
          </p>
          <ul className="tl-lines">
            {shown.map((it, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a receipt's lines have no id and never move
              <li key={i}>
                {fmt.number(it.quantity)} × {it.description}{' '}
                <span className="muted">{fmt.money(it.unitPriceCents * it.quantity)}</span>
                {it.returnStatus === 'returned' && (
                  <span className="badge badge-returned">{t('timeline.returned')}</span>
                )}
              </li>
            ))}
            {entry.items.length > MAX_ITEMS && (
              <li className="muted">{t('timeline.moreItems', { count: entry.items.length - MAX_ITEMS })}</li>
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
          <strong>{t(`label.kind.${i.kind}`)}</strong>
          <span className={`outcome outcome-${i.outcome}`}>{t(`label.outcome.${i.outcome}`)}</span>
          {entry.open && <span className="badge badge-open">{t('timeline.open')}</span>}
          {i.sentiment !== null && (
            <span className={`sentiment sentiment-${i.sentiment}`}>
              {t('timeline.sentiment', {
                n: i.sentiment,
                label: t(`label.sentiment.${i.sentiment as 1 | 2 | 3 | 4 | 5}`),
              })}
            </span>
          )}
          {entry.amendmentCount > 0 && (
            <span className="badge badge-amended" title={i.amendReason ?? undefined}>
              {entry.amendmentCount > 1
                ? t('timeline.amendedTimes', { count: entry.amendmentCount })
                : t('timeline.amended')}
            </span>
          )}
          <span className="tl-when">{when}</span>
        </p>
        {i.notes ? <p className="tl-notes">{i.notes}</p> : <p className="tl-notes muted">{t('timeline.noNotes')}</p>}
        {i.said && (
          <p className="said">
            <span className="said-label">{t('timeline.said')}</span> {t('timeline.quoted', { text: i.said })}
          </p>
        )}
        <p className="tl-foot">
          <span>
            {t('timeline.by', { name: i.clerkName })}
            {i.place && <span className="tl-place"> · {i.place}</span>}
          </span>
          {i.resolves.length > 0 && <span>{t('timeline.settled', { count: i.resolves.length })}</span>}
          {i.followUpDue && <span>{t('timeline.followUpDue', { day: fmt.calendarDay(i.followUpDue) })}</span>}
          {i.suggestionTemplateId && <span>{t('timeline.suggestionUsed')}</span>}
          {i.amendReason && <span>{t('timeline.corrected', { reason: i.amendReason })}</span>}
        </p>
      </div>
    </div>
  );
}
