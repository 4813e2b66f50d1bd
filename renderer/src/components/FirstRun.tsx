import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Clerk } from '@common/domain';
import { call, errorMessage } from '../api/client';
import { FormError } from './FormError';
import { NextSteps } from './first-run/NextSteps';
import { StoreSetupForm, type NewStore } from './first-run/StoreSetupForm';
import './first-run/first-run.css';

interface Props {
  onDemoLoaded(info: AppInfo): void;
  /** The store is set up and its admin signed in; `tab` is the back-office tab to open first (null: the counter). */
  onStoreCreated(info: AppInfo, clerk: Clerk, tab: string | null): void;
}

/** An empty database: load the demo store, or set up the real store (its name, place, money, first admin). */
export function FirstRun({ onDemoLoaded, onStoreCreated }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'demo' | 'store' | null>(null);
  const [demoError, setDemoError] = useState<string | null>(null);
  const [setupError, setSetupError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ info: AppInfo; clerk: Clerk } | null>(null);

  const loadDemo = async () => {
    setBusy('demo');
    setDemoError(null);
    try {
      onDemoLoaded(await call('app.setupDemo', {}));
    } catch (err) {
      setDemoError(errorMessage(err));
      setBusy(null);
    }
  };

  const setUp = async ({ store, adminName, pin }: NewStore) => {
    setBusy('store');
    setSetupError(null);
    try {
      const clerk = await call('app.setupEmpty', { clerkName: adminName, pin, store });
      setCreated({ info: await call('app.info', {}), clerk });
    } catch (err) {
      setSetupError(errorMessage(err));
      setBusy(null);
    }
  };

  if (created)
    return <NextSteps info={created.info} onDone={(tab) => onStoreCreated(created.info, created.clerk, tab)} />;

  return (
    <main className="center-screen" aria-busy={busy !== null}>
      <div className="first-run">
        <h1>{t('firstRun.welcome')}</h1>
        <p className="lead">{t('firstRun.lead')}</p>
        <div className="choice-grid">
          <section className="card choice" aria-labelledby="demo-h">
            <h2 id="demo-h">{t('firstRun.demo')}</h2>
            <p>{t('firstRun.demoAbout', { count: 3000 })}</p>
            <FormError message={demoError} />
            <button type="button" className="btn" onClick={() => void loadDemo()} disabled={busy !== null}>
              {busy === 'demo' ? t('firstRun.demoLoading') : t('firstRun.demo')}
            </button>
          </section>
          <section className="card choice" aria-labelledby="store-h">
            <h2 id="store-h">{t('firstRun.store')}</h2>
            <p>{t('firstRun.storeAbout')}</p>
            <StoreSetupForm busy={busy !== null} error={setupError} onSubmit={(v) => void setUp(v)} />
          </section>
        </div>
      </div>
    </main>
  );
}
