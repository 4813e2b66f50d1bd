import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '@common/domain';

const SHOWN = 3;

interface Props {
  duplicates: DuplicateCandidate[];
  onOpen(id: number): void;
  /** Creating past the warning: the deliberate second step (quick-create only). */
  onCreateAnyway?: () => void;
}

export function DuplicateWarnings({ duplicates, onOpen, onCreateAnyway }: Props) {
  const { t } = useTranslation();
  if (duplicates.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a warning named by its title, not a set of form fields with a legend
    <div className="duplicates" role="group" aria-labelledby="dup-h">
      <p id="dup-h" className="dup-title">
        {t('duplicates.title')}
      </p>
      <ul>
        {duplicates.slice(0, SHOWN).map((d) => (
          <li key={d.customer.id} className="dup">
            <span>
              {t('duplicates.possible')} <strong>{d.customer.displayName}</strong> — {d.reasons.join(', ')}
              <span className="muted small">
                {[
                  d.customer.phone,
                  d.customer.email,
                  d.customer.loyaltyId && t('duplicates.card', { card: d.customer.loyaltyId }),
                ]
                  .filter(Boolean)
                  .map((s) => ` · ${s}`)
                  .join('')}
              </span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => onOpen(d.customer.id)}>
              {t('duplicates.open', { name: d.customer.displayName })}
            </button>
          </li>
        ))}
      </ul>
      {duplicates.length > SHOWN && (
        <p className="muted small">{t('duplicates.more', { count: duplicates.length - SHOWN })}</p>
      )}
      {onCreateAnyway && (
        <p className="dup-anyway">
          <button type="button" className="btn btn-small btn-quiet" onClick={onCreateAnyway}>
            {t('duplicates.anyway')}
          </button>
        </p>
      )}
    </div>
  );
}
