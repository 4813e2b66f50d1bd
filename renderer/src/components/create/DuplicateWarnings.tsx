import type { DuplicateCandidate } from '../../../../common/domain';

const SHOWN = 3;

export function DuplicateWarnings({ duplicates, onOpen }: { duplicates: DuplicateCandidate[]; onOpen(id: number): void }) {
  if (duplicates.length === 0) return null;
  return (
    <div className="duplicates" role="group" aria-labelledby="dup-h">
      <p id="dup-h" className="dup-title">
        This may be someone already in the list
      </p>
      <ul>
        {duplicates.slice(0, SHOWN).map((d) => (
          <li key={d.customer.id} className="dup">
            <span>
              Possible duplicate: <strong>{d.customer.displayName}</strong> — {d.reasons.join(', ')}
              <span className="muted small">
                {[d.customer.phone, d.customer.email, d.customer.loyaltyId && `card ${d.customer.loyaltyId}`]
                  .filter(Boolean)
                  .map((s) => ` · ${s}`)
                  .join('')}
              </span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => onOpen(d.customer.id)}>
              Open {d.customer.displayName}
            </button>
          </li>
        ))}
      </ul>
      {duplicates.length > SHOWN && <p className="muted small">and {duplicates.length - SHOWN} more similar</p>}
    </div>
  );
}
