import type { TFunction } from 'i18next';
import type { HitMarkers as Markers } from '@common/domain';

/** What a customer is owed, in words (a row's accessible name says the same as its badges). */
export function markerWords(m: Markers, t: TFunction): string[] {
  return [
    m.overduePromises > 0 && t('markers.overdueWords', { count: m.overduePromises }),
    m.openIssues > 0 && t('markers.issueWords', { count: m.openIssues }),
    m.ordersWaiting > 0 && t('markers.orderWords', { count: m.ordersWaiting }),
  ].filter((w): w is string => Boolean(w));
}

/**
 * Short badges for a result row, each a word and not a colour alone: "Overdue", "Issue", "Order". The full words are
 * the badge's title and, for screen readers, the row's label. The row hands down its `t` (see ResultOption).
 */
export function HitMarkers({ markers: m, t }: { markers: Markers; t: TFunction }) {
  return (
    <span className="hit-markers">
      {m.overduePromises > 0 && (
        <span className="marker marker-overdue" title={t('markers.overdueWords', { count: m.overduePromises })}>
          {t('markers.overdue')}
        </span>
      )}
      {m.openIssues > 0 && (
        <span className="marker marker-issue" title={t('markers.issueWords', { count: m.openIssues })}>
          {t('markers.issue')}
        </span>
      )}
      {m.ordersWaiting > 0 && (
        <span className="marker marker-order" title={t('markers.orderWords', { count: m.ordersWaiting })}>
          {t('markers.order')}
        </span>
      )}
    </span>
  );
}
