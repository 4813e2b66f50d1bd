import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainLink } from '@common/domain';
import { call, errorMessage } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { useStore } from '../../../state/store';
import { FormError } from '../../FormError';
import '../settings/settings.css';

/** The anchor the Merges tab links to (#/manage/settings opens the tab; this section is found by its heading). */
export const CHAIN_SECTION_ID = 'settings-chain';

/**
 * The store's place in a chain, in Settings: the hub, store and terminal it joined, or, outside a chain, the form
 * an admin joins with (the hub's address and a one-time code). The credential the hub returns stays in the main
 * process; the screen only ever sees names.
 */
export function ChainSection() {
  const { t } = useTranslation();
  const { clerk } = useStore();
  const status = useLoad<ChainLink | null>('chain', () => call('chain.status', {}));
  const headingId = `${CHAIN_SECTION_ID}-h`;
  const joined = useRef<HTMLHeadingElement>(null);

  return (
    <section className="card review-section settings-group" aria-labelledby={headingId} id={CHAIN_SECTION_ID}>
      <h3 id={headingId} ref={joined} tabIndex={-1}>
        {t('chain.heading')}
      </h3>
      <p className="muted">{t('chain.lead')}</p>
      <FormError message={status.error} />
      {status.loading && <p className="muted">{t('chain.loading')}</p>}
      {!status.loading && status.data && <JoinedHub link={status.data} />}
      {!status.loading && !status.error && !status.data && (
        <>
          <p>{t('chain.notJoined')}</p>
          {clerk.role === 'admin' ? (
            <JoinForm
              onJoined={(link) => {
                status.replace(link);
                // The form is gone: the section's heading keeps the focus, and the screen reader hears the news.
                joined.current?.focus();
              }}
            />
          ) : (
            <p className="muted">{t('chain.askAdmin')}</p>
          )}
        </>
      )}
    </section>
  );
}

function JoinedHub({ link }: { link: ChainLink }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows: [string, string][] = [
    [t('chain.hub'), link.hubUrl],
    [t('chain.store'), link.store.name],
    [t('chain.terminal'), link.terminal.name],
    [t('chain.joinedAt'), fmt.dateTime(link.joinedAt)],
  ];
  return (
    <>
      <p className="muted">{t('chain.joinedLead')}</p>
      <dl className="chain-link" data-testid="chain-link">
        {rows.map(([label, value]) => (
          <div key={label} className="setting-row">
            <dt className="field-label">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function JoinForm({ onJoined }: { onJoined(link: ChainLink): void }) {
  const { t } = useTranslation();
  const { announce } = useFeedback();
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const link = await call('chain.join', { hubUrl, code });
      announce(t('chain.joinedAnnounce', { terminal: link.terminal.name, store: link.store.name }));
      onJoined(link);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={`${ids}-how`}>
      <p id={`${ids}-how`} className="muted">
        {t('chain.howTo')}
      </p>
      <div className="settings-list">
        <div className="setting-row">
          <label className="field-label" htmlFor={`${ids}-hub`}>
            {t('chain.hubUrl')}
          </label>
          <div className="setting-body">
            <input
              id={`${ids}-hub`}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={hubUrl}
              maxLength={2000}
              aria-describedby={`${ids}-hub-hint`}
              onChange={(e) => setHubUrl(e.target.value)}
            />
            <p id={`${ids}-hub-hint`} className="muted small setting-desc">
              {t('chain.hubUrlHint')}
            </p>
          </div>
        </div>
        <div className="setting-row">
          <label className="field-label" htmlFor={`${ids}-code`}>
            {t('chain.code')}
          </label>
          <div className="setting-body">
            <input
              id={`${ids}-code`}
              type="text"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              maxLength={64}
              aria-describedby={`${ids}-code-hint`}
              onChange={(e) => setCode(e.target.value)}
            />
            <p id={`${ids}-code-hint`} className="muted small setting-desc">
              {t('chain.codeHint')}
            </p>
          </div>
        </div>
      </div>
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('chain.joining') : t('chain.join')}
        </button>
      </div>
    </form>
  );
}
