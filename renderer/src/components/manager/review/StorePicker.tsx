import { useTranslation } from 'react-i18next';
import type { ReviewStores, StoreSelection } from '@common/reports';

interface Props {
  stores: ReviewStores;
  store: StoreSelection;
  onStore(store: StoreSelection): void;
}

/** The name of the selection in the list the hub allows, '' until the list is known. */
export function selectionName(stores: ReviewStores | null, store: StoreSelection): string {
  return stores?.stores.find((s) => s.id === store)?.name ?? '';
}

/**
 * Which store the review shows: this store, or, for a manager the hub granted the chain scope, another store or all.
 * A native select: Tab reaches it, the arrow keys choose, and screen readers name it. Without the scope there is
 * nothing to choose, so it only says which store is shown, as text.
 */
export function StorePicker({ stores, store, onStore }: Props) {
  const { t } = useTranslation();
  if (!stores.chain) {
    return (
      <p className="store-shown">
        {t('review.store.shown')} <strong>{stores.stores[0]?.name}</strong>
      </p>
    );
  }
  return (
    <div className="field store-picker">
      <label className="field-label" htmlFor="review-store">
        {t('review.store.label')}
      </label>
      <select id="review-store" value={store} onChange={(e) => onStore(e.target.value)}>
        {stores.stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id === 'this' ? t('review.store.thisStore', { name: s.name }) : s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
