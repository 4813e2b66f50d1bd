import type { HitMarkers as Markers } from '../../../../common/domain';
import { plural } from '../../lib/format';

/** What a customer is owed, in words (a row's accessible name says the same as its badges). */
export function markerWords(m: Markers): string[] {
  return [
    m.overduePromises > 0 && `${plural(m.overduePromises, 'promise')} overdue`,
    m.openIssues > 0 && plural(m.openIssues, 'open issue'),
    m.ordersWaiting > 0 && `${plural(m.ordersWaiting, 'order')} waiting`,
  ].filter((w): w is string => Boolean(w));
}

/**
 * Short badges for a result row, each a word and not a colour alone: "Overdue", "Issue", "Order". The full words are
 * the badge's title and, for screen readers, the row's label.
 */
export function HitMarkers({ markers: m }: { markers: Markers }) {
  return (
    <span className="hit-markers">
      {m.overduePromises > 0 && (
        <span className="marker marker-overdue" title={`${plural(m.overduePromises, 'promise')} overdue`}>
          Overdue
        </span>
      )}
      {m.openIssues > 0 && (
        <span className="marker marker-issue" title={plural(m.openIssues, 'open issue')}>
          Issue
        </span>
      )}
      {m.ordersWaiting > 0 && (
        <span className="marker marker-order" title={`${plural(m.ordersWaiting, 'order')} waiting`}>
          Order
        </span>
      )}
    </span>
  );
}
