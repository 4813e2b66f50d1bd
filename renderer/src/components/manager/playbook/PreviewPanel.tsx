import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { COMMUNICATION_STYLES } from '@common/domain';
import { useCustomerSearch } from '../../../hooks/useCustomerSearch';
import type { PreviewCustomer } from './TemplateEditor';
import type { PreviewState } from './usePlaybookPreview';
import { FormError } from '../../FormError';
import { languageName } from './labels';
import { wordText } from '@common/words';

interface Props {
  customer: PreviewCustomer | null;
  onCustomer(c: PreviewCustomer | null): void;
  state: PreviewState;
  /** Whether the draft is enabled: a template that applies is offered only once it is. */
  enabled: boolean;
}

const MAX_HITS = 6;

/** The draft as it would read for one customer (or a walk-in), and whether the counter would offer it, and why. */
export function PreviewPanel({ customer, onCustomer, state, enabled }: Props) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const search = useCustomerSearch(query);
  const hits = search.hits.slice(0, MAX_HITS);
  const who = customer ? customer.displayName : t('playbook.preview.walkIn');
  const p = state.preview;

  return (
    <section className="pb-card mgr-card pb-preview" aria-labelledby="pb-preview-h" aria-busy={state.pending}>
      <h3 id="pb-preview-h" className="pb-card-title">
        {t('playbook.preview.title')}
      </h3>
      <div className="pb-picker">
        <label className="field">
          <span className="field-label">{t('playbook.preview.for')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('playbook.preview.placeholder')}
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
          <ul className="pb-hits" aria-label={t('playbook.preview.matching')}>
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
            {!search.pending && hits.length === 0 && (
              <li className="muted small pb-hit-none">{t('playbook.preview.noMatch')}</li>
            )}
          </ul>
        )}
        <p id="pb-preview-who" className="small pb-who">
          <Trans
            i18nKey="playbook.preview.previewing"
            values={{ who }}
            components={{ who: <strong data-testid="pb-preview-customer" /> }}
          />
          {customer && (
            <button type="button" className="btn btn-quiet btn-small" onClick={() => onCustomer(null)}>
              {t('playbook.preview.useWalkIn')}
            </button>
          )}
        </p>
      </div>

      <FormError message={state.error} />
      {!p && !state.error && (
        <p className="muted small">
          {state.invalid ? t('playbook.preview.fixFirst') : t('playbook.preview.preparing')}
        </p>
      )}
      {p && (
        <div className={`pb-preview-body${state.pending || state.invalid ? ' is-stale' : ''}`} data-testid="pb-preview">
          <p className={`pb-verdict ${p.applies ? 'is-yes' : 'is-no'}`} data-testid="pb-verdict">
            <strong>
              {p.applies ? t('playbook.preview.applies', { who }) : t('playbook.preview.notOffered', { who })}
            </strong>{' '}
            {p.applies
              ? t(enabled ? 'playbook.preview.offered' : 'playbook.preview.offeredOnceEnabled')
              : t(`playbook.preview.why.${p.why ?? 'conditions'}`)}
          </p>
          <ul className="pb-checks-list" aria-label={t('playbook.preview.checked')}>
            {p.checks.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: read-only lines of one preview answer, replaced whole by the next
              <li key={i} className={c.holds ? 'is-yes' : 'is-no'} style={{ paddingLeft: `${c.depth * 14 + 20}px` }}>
                <span className="pb-tick" aria-hidden="true">
                  {c.holds ? '✓' : '✗'}
                </span>
                <span className="sr-only">
                  {c.holds ? t('playbook.preview.holds') : t('playbook.preview.holdsNot')}{' '}
                </span>
                {c.group ? t(`playbook.preview.group.${c.group}`) : <code>{c.test}</code>}
                {!c.group && (
                  <span className="muted small">
                    {' '}
                    —{' '}
                    {c.actual === null
                      ? t('playbook.preview.unknownFact')
                      : t('playbook.preview.actual', { value: c.actual })}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {p.suggestion && p.suggestion.reasons.length > 0 && (
            <p className="small pb-reasons">
              <span className="why">{t('playbook.preview.clerkSees')}</span>{' '}
              {p.suggestion.reasons.map((r) => wordText(t, r.fact)).join('; ')}
            </p>
          )}
          <ul
            className="pb-preview-texts"
            aria-label={t('playbook.preview.textsIn', { language: languageName(p.language, i18n.language) })}
          >
            {COMMUNICATION_STYLES.map((s) => (
              <li key={s} className={s === p.style ? 'is-customer-style' : undefined} data-style={s}>
                <span className={`style-chip style-${s}`}>
                  <span className="dot" aria-hidden="true" />
                  {t(`label.style.${s}`)}
                  {s === p.style && (
                    <span className="badge pb-badge-style">
                      {customer ? t('playbook.preview.thisCustomer') : t('playbook.preview.walkInBadge')}
                    </span>
                  )}
                </span>
                {p.texts[s] !== null ? (
                  // The texts' language on the texts alone: the labels around them are in the screen's.
                  <p className="pb-preview-text" lang={p.language}>
                    {p.texts[s]}
                  </p>
                ) : (
                  <p className="pb-preview-text is-missing">
                    {t('playbook.preview.unfilled', { variables: p.unfilled[s].map((v) => `{${v}}`).join(', ') })}
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
