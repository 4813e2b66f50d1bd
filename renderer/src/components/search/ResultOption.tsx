import type { MouseEvent } from 'react';
import type { CustomerHit } from '../../../../common/domain';
import { formatDay } from '../../lib/format';
import { MATCH_LABEL } from '../../lib/labels';
import type { Prefill } from '../../lib/prefill';

export type SearchOption = { type: 'hit'; hit: CustomerHit } | { type: 'create'; prefill: Prefill };

interface Props {
  id: string;
  option: SearchOption;
  query: string;
  selected: boolean;
  timeZone: string;
  onPointer(): void;
  onChoose(): void;
}

export function ResultOption({ id, option, query, selected, timeZone, onPointer, onChoose }: Props) {
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
  const lastVisit = formatDay(h.lastVisitAt, timeZone);
  // Town and postcode tell two namesakes apart.
  const place = [h.town, h.postcode].filter(Boolean).join(' ');
  const label = [
    h.displayName,
    place,
    h.phone && `phone ${h.phone}`,
    h.email,
    h.loyaltyId && `card ${h.loyaltyId}`,
    h.lastVisitAt ? `last visit ${lastVisit}` : 'no visits yet',
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
      <span className="hit-phone">{h.phone ?? '—'}</span>
      <span className="hit-email">{h.email ?? '—'}</span>
      <span className="hit-card">{h.loyaltyId ?? '—'}</span>
      <span className="hit-visit">{h.lastVisitAt ? lastVisit : 'No visits'}</span>
      <span className={`match match-${h.match}`}>{MATCH_LABEL[h.match]}</span>
    </li>
  );
}
