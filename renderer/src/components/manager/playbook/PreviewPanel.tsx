import { useState } from 'react';
import { COMMUNICATION_STYLES } from '../../../../../common/domain';
import { useCustomerSearch } from '../../../hooks/useCustomerSearch';
import { STYLE_LABEL } from '../../../lib/labels';
import type { PreviewCustomer } from './TemplateEditor';
import type { PreviewState } from './usePlaybookPreview';
import { FormError } from '../../FormError';

interface Props {
  customer: PreviewCustomer | null;
  onCustomer(c: PreviewCustomer | null): void;
  state: PreviewState;
}

const MAX_HITS = 6;

/** The draft as it would read for one customer (or a walk-in), and whether the counter would offer it, and why. */
export function PreviewPanel({ customer, onCustomer, state }: Props) {
  const [query, setQuery] = useState('');
  const search = useCustomerSearch(query);
  const hits = search.hits.slice(0, MAX_HITS);
  const who = customer ? customer.displayName : 'a walk-in';
  const p = state.preview;

  return (
    <section className="pb-card pb-preview" aria-labelledby="pb-preview-h" aria-busy={state.pending}>
      <h3 id="pb-preview-h" className="pb-card-title">
        Preview
      </h3>
      <div className="pb-picker">
        <label className="field">
          <span className="field-label">Preview for customer</span>
          <input
            type="search"
            value={query}
            placeholder="Name, phone, email or card"
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && hits[0]) {
                e.preventDefault();
                onCustomer({ id: hits[0].id, displayName: hits[0].displayName });
                setQuery('');
              }
            }}
            aria-describedby="pb-preview-who"
          />
        </label>
        {query.trim() && (
          <ul className="pb-hits" aria-label="Matching customers">
            {hits.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className="pb-hit"
                  onClick={() => {
                    onCustomer({ id: h.id, displayName: h.displayName });
                    setQuery('');
                  }}
                >
                  <span className="pb-hit-name">{h.displayName}</span>
                  <span className="muted small">{h.phone ?? h.email ?? h.loyaltyId ?? ''}</span>
                </button>
              </li>
            ))}
            {!search.pending && hits.length === 0 && <li className="muted small pb-hit-none">No customer matches.</li>}
          </ul>
        )}
        <p id="pb-preview-who" className="small pb-who">
          Previewing for <strong data-testid="pb-preview-customer">{who}</strong>
          {customer && (
            <button type="button" className="btn btn-quiet btn-small" onClick={() => onCustomer(null)}>
              Use a walk-in
            </button>
          )}
        </p>
      </div>

      <FormError message={state.error} />
      {!p && !state.error && (
        <p className="muted small">{state.invalid ? 'Fix the template to see a preview.' : 'Preparing the preview…'}</p>
      )}
      {p && (
        <div className={`pb-preview-body${state.pending || state.invalid ? ' is-stale' : ''}`} data-testid="pb-preview">
          <p className={`pb-verdict ${p.applies ? 'is-yes' : 'is-no'}`} data-testid="pb-verdict">
            <strong>{p.applies ? `Applies to ${who}.` : `Not offered to ${who}.`}</strong> {p.explanation}
          </p>
          <ul className="pb-checks-list" aria-label="Conditions checked">
            {p.checks.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: read-only lines of one preview answer, replaced whole by the next
              <li key={i} className={c.holds ? 'is-yes' : 'is-no'} style={{ paddingLeft: `${c.depth * 14 + 20}px` }}>
                <span className="pb-tick" aria-hidden="true">
                  {c.holds ? '✓' : '✗'}
                </span>
                <span className="sr-only">{c.holds ? 'holds: ' : 'does not hold: '}</span>
                <code>{c.test}</code>
                {!c.group && (
                  <span className="muted small">
                    {' '}
                    — {c.actual === null ? 'not known for this customer' : `is ${c.actual}`}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {p.suggestion && p.suggestion.reasons.length > 0 && (
            <p className="small pb-reasons">
              <span className="why">Clerk sees why:</span> {p.suggestion.reasons.map((r) => r.fact).join('; ')}
            </p>
          )}
          <ul className="pb-preview-texts">
            {COMMUNICATION_STYLES.map((s) => (
              <li key={s} className={s === p.style ? 'is-customer-style' : undefined} data-style={s}>
                <span className={`style-chip style-${s}`}>
                  <span className="dot" aria-hidden="true" />
                  {STYLE_LABEL[s]}
                  {s === p.style && (
                    <span className="badge pb-badge-style">{customer ? 'This customer' : 'Walk-in'}</span>
                  )}
                </span>
                {p.texts[s] !== null ? (
                  <p className="pb-preview-text">{p.texts[s]}</p>
                ) : (
                  <p className="pb-preview-text is-missing">
                    Not shown: no value for {p.unfilled[s].map((v) => `{${v}}`).join(', ')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
