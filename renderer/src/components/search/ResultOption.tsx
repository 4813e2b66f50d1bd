import type { MouseEvent } from 'react';
import { cardEnd, type CardShape } from '../../../../common/card-shape';
import type { CustomerHit } from '../../../../common/domain';
import { agoIn, formatDay } from '../../lib/format';
import { MATCH_LABEL, TIER_LABEL } from '../../lib/labels';
import type { Prefill } from '../../lib/prefill';
import { HitMarkers, markerWords } from './HitMarkers';

export type SearchOption = { type: 'hit'; hit: CustomerHit } | { type: 'create'; prefill: Prefill };

interface Props {
  id: string;
  option: SearchOption;
  query: string;
  selected: boolean;
  timeZone: string;
  card: CardShape;
  onPointer(): void;
  onChoose(): void;
}

export function ResultOption({ id, option, query, selected, timeZone, card, onPointer, onChoose }: Props) {
  const common = {
    id,
    role: 'option' as const,
    'aria-selected': selected,
    // Keeps focus in the search box when an option is clicked.
    onMouseDown: (e: MouseEvent) => e.preventDefault(),
    onMouseMove: onPointer,
    onClick: onChoose,
  };
  if (option.type === 'create') {
    return (
      <li {...common} className={`result result-create${selected ? ' is-active' : ''}`}>
        <span className="plus" aria-hidden="true">
          +
        </span>
        Create a new customer from “{query}”
        <kbd className="result-kbd">Alt+N</kbd>
      </li>
    );
  }
  const h = option.hit;
  const lastVisit = h.lastVisitAt ? `last visit ${agoIn(h.lastVisitAt, timeZone)}` : 'no visits yet';
  // Town and postcode tell two namesakes apart.
  const place = [h.town, h.postcode].filter(Boolean).join(' ');
  const label = [
    h.displayName,
    place,
    ...markerWords(h.markers),
    `${TIER_LABEL[h.tier]} tier`,
    lastVisit,
    h.phone && `phone ${h.phone}`,
    h.email,
    h.loyaltyId && `card ${h.loyaltyId}`,
    `matched by ${MATCH_LABEL[h.match].toLowerCase()}`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li {...common} aria-label={label} className={`result${selected ? ' is-active' : ''}`} data-customer-id={h.id}>
      <span className="hit-name">
        {h.displayName}
        {place && <span className="hit-town"> · {place}</span>}
      </span>
      <HitMarkers markers={h.markers} />
      <span className="hit-phone">{h.phone ?? '—'}</span>
      <span className="hit-email">{h.email ?? '—'}</span>
      <span className="hit-card" title={h.loyaltyId ?? undefined}>
        {h.loyaltyId ? cardEnd(h.loyaltyId, card) : '—'}
      </span>
      <span className={`hit-tier tier-${h.tier}`}>{TIER_LABEL[h.tier]}</span>
      <span className="hit-visit" title={h.lastVisitAt ? formatDay(h.lastVisitAt, timeZone) : undefined}>
        {h.lastVisitAt ? agoIn(h.lastVisitAt, timeZone) : 'No visits'}
      </span>
      <span className={`match match-${h.match}`}>{MATCH_LABEL[h.match]}</span>
    </li>
  );
}

/**
 * Column headers for the result rows. Shown, not read: a listbox holds options only, and each option's label
 * already names every value ("phone …, card …, last visit …").
 */
export function ResultHeaders() {
  return (
    <div className="result result-head" aria-hidden="true">
      <span>Customer</span>
      <span>Owed</span>
      <span>Phone</span>
      <span className="hit-email">Email</span>
      <span>Card</span>
      <span>Tier</span>
      <span>Last visit</span>
      <span>Matched by</span>
    </div>
  );
}
