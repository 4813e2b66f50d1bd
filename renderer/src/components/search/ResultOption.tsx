import type { TFunction } from 'i18next';
import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardEnd, type CardShape } from '@common/card-shape';
import type { CustomerHit } from '@common/domain';
import type { CounterFormat } from '../../lib/format';
import type { Prefill } from '../../lib/prefill';
import { HitMarkers, markerWords } from './HitMarkers';

export type SearchOption = { type: 'hit'; hit: CustomerHit } | { type: 'create'; prefill: Prefill };

interface Props {
  id: string;
  /** Its place in the list, handed back to onPointer and onChoose (which stay the same from render to render). */
  index: number;
  option: SearchOption;
  /** What was typed: only the "create" row shows it, so a hit row gets '' and is not rendered again on every key. */
  query: string;
  selected: boolean;
  card: CardShape;
  /**
   * The list's words and formats, handed down rather than taken by each row (useTranslation, useFormat): a row that
   * takes them sets up their subscriptions and wrappers when it mounts, and a new answer mounts up to twenty rows.
   * Both stay the same object until the store's language or format changes.
   */
  t: TFunction;
  fmt: CounterFormat;
  onPointer(index: number): void;
  onChoose(index: number): void;
}

/**
 * One row of the results. Memoised: on a key the box changes but the rows shown do not, and on a new answer most
 * rows are the same customers (useCustomerSearch hands back the same hit objects), so only what changed is rendered.
 */
export const ResultOption = memo(function ResultOption({
  id,
  index,
  option,
  query,
  selected,
  card,
  t,
  fmt,
  onPointer,
  onChoose,
}: Props) {
  const common = {
    id,
    role: 'option' as const,
    'aria-selected': selected,
    // Keeps focus in the search box when an option is clicked.
    onMouseDown: (e: MouseEvent) => e.preventDefault(),
    onMouseMove: () => onPointer(index),
    onClick: () => onChoose(index),
  };
  if (option.type === 'create') {
    return (
      <li {...common} className={`result result-create${selected ? ' is-active' : ''}`}>
        <span className="plus" aria-hidden="true">
          +
        </span>
        {t('search.createFrom', { query })}
        <kbd className="result-kbd">Alt+N</kbd>
      </li>
    );
  }
  const h = option.hit;
  // Each word once: the row's label and its cells say the same tier, visit and match.
  const tier = t(`label.tier.${h.tier}`);
  const match = t(`label.match.${h.match}`);
  const ago = h.lastVisitAt ? fmt.ago(h.lastVisitAt) : null;
  const lastVisit = ago ? t('search.row.lastVisit', { ago }) : t('search.row.noVisitsYet');
  // Town and postcode tell two namesakes apart.
  const place = [h.town, h.postcode].filter(Boolean).join(' ');
  const label = [
    h.displayName,
    place,
    ...markerWords(h.markers, t),
    t('search.row.tier', { tier }),
    lastVisit,
    h.phone && t('search.row.phone', { phone: h.phone }),
    h.email,
    h.loyaltyId && t('search.row.card', { card: h.loyaltyId }),
    t('search.row.matchedBy', { match }),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li {...common} aria-label={label} className={`result${selected ? ' is-active' : ''}`} data-customer-id={h.id}>
      <span className="hit-name">
        {h.displayName}
        {place && <span className="hit-town"> · {place}</span>}
      </span>
      <HitMarkers markers={h.markers} t={t} />
      <span className="hit-phone">{h.phone ?? '—'}</span>
      <span className="hit-email">{h.email ?? '—'}</span>
      <span className="hit-card" title={h.loyaltyId ?? undefined}>
        {h.loyaltyId ? cardEnd(h.loyaltyId, card) : '—'}
      </span>
      <span className={`hit-tier tier-${h.tier}`}>{tier}</span>
      <span className="hit-visit" title={h.lastVisitAt ? fmt.day(h.lastVisitAt) : undefined}>
        {ago ?? t('search.row.noVisits')}
      </span>
      <span className={`match match-${h.match}`}>{match}</span>
    </li>
  );
});

/**
 * Column headers for the result rows. Shown, not read: a listbox holds options only, and each option's label
 * already names every value ("phone …, card …, last visit …").
 */
export function ResultHeaders() {
  const { t } = useTranslation();
  return (
    <div className="result result-head" aria-hidden="true">
      <span>{t('search.head.customer')}</span>
      <span>{t('search.head.owed')}</span>
      <span>{t('search.head.phone')}</span>
      <span className="hit-email">{t('search.head.email')}</span>
      <span>{t('search.head.card')}</span>
      <span>{t('search.head.tier')}</span>
      <span>{t('search.head.lastVisit')}</span>
      <span>{t('search.head.matchedBy')}</span>
    </div>
  );
}
