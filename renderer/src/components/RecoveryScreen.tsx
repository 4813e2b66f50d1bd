import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreProblem } from '@common/domain';
import { wordError } from '@common/errors';
import { call, errorMessage } from '../api/client';
import { fileSize, useFormat } from '../lib/format';
import { FormError } from './FormError';
import './recovery-screen.css';

/** Shown instead of the counter when the store's database cannot be opened. */
export function RecoveryScreen({ problem, onRecovered }: { problem: StoreProblem; onRecovered(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmFresh, setConfirmFresh] = useState(false);
  // The store cannot be read, so its settings are unknown: the terminal's own locale and zone (LocaleProvider).
  const fmt = useFormat();
  const { t, i18n } = useTranslation();
  // A read-only or busy file is fine as it is: IT fixes the access or the other program closes; nothing to replace.
  const replaceable = problem.kind !== 'read-only' && problem.kind !== 'in-use';
  const offered = problem.recommended ?? problem.backups[0]?.name;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onRecovered();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main className="center-screen" aria-busy={busy}>
      <div className="card recovery-screen">
        <h1>{t('storeProblem.title')}</h1>
        <p className="lead">{problem.words ? wordError(problem.words, i18n.language) : problem.message}</p>
        <p>{replaceable ? t('storeProblem.replaceable') : t('storeProblem.fixFirst')}</p>
        <FormError message={error} />
        {!replaceable ? null : problem.backups.length > 0 ? (
          <section aria-labelledby="backups-h">
            <h2 id="backups-h">{t('storeProblem.backups')}</h2>
            <ul className="plain-list backups">
              {problem.backups.map((b) => (
                <li key={b.name}>
                  <span>
                    <strong>{fmt.dateTime(b.createdAt)}</strong>{' '}
                    <span className="muted small">{fileSize(fmt, t, b.bytes)}</span>
                    {b.name === problem.recommended && <span className="badge">{t('storeProblem.newestGood')}</span>}
                  </span>
                  <button
                    type="button"
                    className={`btn btn-small${b.name === offered ? ' btn-primary' : ''}`}
                    disabled={busy}
                    onClick={() => void run(() => call('recovery.restore', { name: b.name }))}
                    autoFocus={b.name === offered}
                  >
                    {t('storeProblem.restore')}
                    <span className="sr-only">
                      {t('storeProblem.restoreWhich', { when: fmt.dateTime(b.createdAt) })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p>{t('storeProblem.noBackups')}</p>
        )}
        {replaceable && (
          <div className="form-actions">
            {confirmFresh ? (
              <>
                <span>{t('storeProblem.freshNote')}</span>
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={busy}
                  onClick={() => void run(() => call('recovery.startFresh', {}))}
                >
                  {t('storeProblem.freshYes')}
                </button>
                <button type="button" className="btn btn-quiet" onClick={() => setConfirmFresh(false)}>
                  {t('common.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="btn btn-quiet" onClick={() => setConfirmFresh(true)} disabled={busy}>
                {t('storeProblem.fresh')}
              </button>
            )}
          </div>
        )}
      </div>
    </main>
  );
}
