import {
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Clerk, StoreProblem } from '@common/domain';
import { call, errorMessage, setConflictHandler, setForbiddenHandler } from './api/client';
import { AppHeader } from './components/AppHeader';
import { ClerkPicker } from './components/ClerkPicker';
import { FirstRun } from './components/FirstRun';
import { RecoveryScreen } from './components/RecoveryScreen';
import { CounterScreen } from './components/counter/CounterScreen';
import { useManageTab } from './state/manage-route';
import { useIdleLock } from './hooks/useIdleLock';
import { flushAllDrafts } from './lib/draft-flush';
import { FeedbackProvider, useFeedback } from './state/feedback';
import { LocaleProvider, terminalSettings } from './state/locale';
import { StoreContext, type StoreState } from './state/store';
import { SyncProvider } from './state/sync';

type Boot =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'recovery'; problem: StoreProblem }
  | { phase: 'setup'; info: AppInfo }
  | { phase: 'pick'; info: AppInfo; notice?: string }
  | { phase: 'counter'; store: Omit<StoreState, 'refreshInfo'> };

// The back office (charts, imports, the playbook editor) is its own chunk, fetched when a manager first opens it:
// the counter, which every clerk starts, loads without it.
const ManagerScreen = lazy(() =>
  import('./components/manager/ManagerScreen').then((m) => ({ default: m.ManagerScreen })),
);

export function App() {
  return (
    <FeedbackProvider>
      <Shell />
    </FeedbackProvider>
  );
}

function Shell() {
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const info = 'info' in boot ? boot.info : boot.phase === 'counter' ? boot.store.info : null;
  // The store's locale once the store is known (a German store shows German from its PIN screen on); before that the
  // terminal's own.
  const settings = info && !info.needsSetup ? info : terminalSettings();
  return (
    <LocaleProvider settings={settings}>
      <Screens boot={boot} setBoot={setBoot} />
    </LocaleProvider>
  );
}

function Screens({ boot, setBoot }: { boot: Boot; setBoot: Dispatch<SetStateAction<Boot>> }) {
  const { t } = useTranslation();
  const bootRef = useRef(boot);
  bootRef.current = boot;
  const { showError, clearError, announce } = useFeedback();
  const idleNotice = t('signIn.idleNotice');
  const [manageTab, setManageTab] = useManageTab();

  const start = useCallback(async () => {
    setBoot({ phase: 'loading' });
    try {
      const problem = await call('recovery.status', {});
      if (problem) return setBoot({ phase: 'recovery', problem });
      const info = await call('app.info', {});
      if (info.needsSetup) return setBoot({ phase: 'setup', info });
      const clerk = await call('session.current', {});
      setBoot(clerk ? { phase: 'counter', store: { info, clerk } } : { phase: 'pick', info });
    } catch (err) {
      setBoot({ phase: 'failed', message: errorMessage(err) });
    }
  }, [setBoot]);

  useEffect(() => void start(), [start]);

  // The main process signs an idle terminal out; the next refused call brings the PIN screen back. The view stays
  // in the address, so signing in again returns to the same customer (and their saved draft).
  useEffect(() => {
    setForbiddenHandler(() => {
      void call('session.current', {}).then(
        (clerk) => {
          const b = bootRef.current;
          if (!clerk && b.phase === 'counter') {
            setBoot({ phase: 'pick', info: b.store.info, notice: idleNotice });
            clearError();
          }
        },
        () => {},
      );
    });
    return () => setForbiddenHandler(null);
  }, [clearError, idleNotice, setBoot]);

  // A statement that meets a damaged page puts the main process into recovery; the next refused call shows it.
  useEffect(() => {
    setConflictHandler(() => {
      void call('recovery.status', {}).then(
        (problem) => problem && setBoot({ phase: 'recovery', problem }),
        () => {},
      );
    });
    return () => setConflictHandler(null);
  }, [setBoot]);

  const signedIn = (info: AppInfo, clerk: Clerk) => {
    clearError();
    setBoot({ phase: 'counter', store: { info, clerk } });
    announce(t('signIn.signedInAs', { name: clerk.displayName }));
  };

  const refreshInfo = useCallback(() => {
    void call('app.info', {}).then(
      (info) => setBoot((b) => (b.phase === 'counter' ? { phase: 'counter', store: { ...b.store, info } } : b)),
      () => {},
    );
  }, [setBoot]);

  const store = useMemo<StoreState | null>(
    () => (boot.phase === 'counter' ? { ...boot.store, refreshInfo } : null),
    [boot, refreshInfo],
  );

  // The screen is covered when the idle time runs out, not at the next key. Drafts are written first (the session
  // may still save them), the session is ended in the main process, and the view stays in the address so signing in
  // again returns to the same customer.
  const lockIdle = useCallback(async () => {
    const b = bootRef.current;
    if (b.phase !== 'counter') return;
    await flushAllDrafts();
    setBoot({ phase: 'pick', info: b.store.info, notice: idleNotice });
    clearError();
    await call('session.signOut', {}).catch(() => {});
  }, [clearError, idleNotice, setBoot]);
  useIdleLock(boot.phase === 'counter' ? boot.store.info.idleLockMinutes : null, () => void lockIdle());

  const switchClerk = async () => {
    const b = bootRef.current;
    if (b.phase !== 'counter') return;
    await flushAllDrafts();
    try {
      await call('session.signOut', {});
      // The next clerk starts at the counter, not in whatever back-office tab the last one left open.
      window.history.replaceState(null, '', '#/');
      setManageTab(null);
      setBoot({ phase: 'pick', info: b.store.info });
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="app">
      {/* No store name before the store has one: the first-run screen names nothing yet. */}
      {boot.phase !== 'counter' && <AppHeader info={'info' in boot && boot.phase !== 'setup' ? boot.info : null} />}
      {boot.phase === 'loading' && (
        <main className="center-screen" aria-busy="true">
          <p className="muted">{t('app.starting')}</p>
        </main>
      )}
      {boot.phase === 'failed' && (
        <main className="center-screen">
          <div className="card narrow">
            <h1>{t('app.failedTitle')}</h1>
            <p>{boot.message}</p>
            <button type="button" className="btn btn-primary" onClick={() => void start()} autoFocus>
              {t('app.tryAgain')}
            </button>
          </div>
        </main>
      )}
      {boot.phase === 'recovery' && <RecoveryScreen problem={boot.problem} onRecovered={() => void start()} />}
      {boot.phase === 'setup' && (
        <FirstRun
          onDemoLoaded={(next) => setBoot({ phase: 'pick', info: next })}
          onStoreCreated={(info, clerk, tab) => {
            setManageTab(tab);
            signedIn(info, clerk);
          }}
        />
      )}
      {boot.phase === 'pick' && (
        <ClerkPicker
          demo={boot.info.demo}
          notice={boot.notice ?? null}
          onSignedIn={(clerk) => signedIn(boot.info, clerk)}
        />
      )}
      {boot.phase === 'counter' && (
        <StoreContext.Provider value={store}>
          <SyncProvider>
            {manageTab !== null && boot.store.clerk.role !== 'clerk' ? (
              <Suspense
                fallback={
                  <main className="center-screen" aria-busy="true">
                    <p className="muted">{t('app.openingBackOffice')}</p>
                  </main>
                }
              >
                <ManagerScreen
                  tab={manageTab}
                  onTab={setManageTab}
                  onBack={() => setManageTab(null)}
                  onSwitchClerk={() => void switchClerk()}
                />
              </Suspense>
            ) : (
              <CounterScreen
                key={boot.store.clerk.id}
                onSwitchClerk={() => void switchClerk()}
                onManage={() => setManageTab('')}
              />
            )}
          </SyncProvider>
        </StoreContext.Provider>
      )}
    </div>
  );
}
