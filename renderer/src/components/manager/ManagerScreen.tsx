import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '@common/permissions';
import { useStore } from '../../state/store';
import { AppHeader } from '../AppHeader';
import { ErrorBoundary } from '../boundary/ErrorBoundary';
import { MANAGER_TABS } from './tabs';
import { dialogOpen } from '../../lib/dialogs';

interface Props {
  tab: string;
  onTab(tab: string): void;
  onBack(): void;
  onSwitchClerk(): void;
}

/** The back office: a tab list of the areas this clerk's role may open, one panel at a time. */
export function ManagerScreen({ tab, onTab, onBack, onSwitchClerk }: Props) {
  const { info, clerk } = useStore();
  const { t } = useTranslation();
  const tabs = MANAGER_TABS.filter((m) => allows(clerk.role, m.minRole));
  const current = tabs.find((m) => m.id === tab) ?? tabs[0];
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !dialogOpen()) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const move = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!move) return;
    e.preventDefault();
    const next = tabs[(index + move + tabs.length) % tabs.length]!;
    onTab(next.id);
    tabRefs.current.get(next.id)?.focus();
  };

  return (
    <>
      <AppHeader
        info={info}
        clerk={clerk}
        onSwitchClerk={onSwitchClerk}
        actions={
          <button type="button" className="btn btn-small" onClick={onBack}>
            {t('manager.back')} <kbd>Esc</kbd>
          </button>
        }
      />
      <main className="manager" aria-labelledby="manager-h">
        <h1 id="manager-h" className="sr-only">
          {t('manager.title')}
        </h1>
        <div role="tablist" aria-label={t('manager.title')} className="manager-tabs">
          {tabs.map((m, i) => (
            <button
              key={m.id}
              ref={(el) => {
                if (el) tabRefs.current.set(m.id, el);
              }}
              type="button"
              role="tab"
              id={`tab-${m.id}`}
              aria-selected={m.id === current?.id}
              aria-controls={`panel-${m.id}`}
              tabIndex={m.id === current?.id ? 0 : -1}
              className="manager-tab"
              onClick={() => onTab(m.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t(`manager.tab.${m.id}`)}
            </button>
          ))}
        </div>
        {current && (
          <section
            role="tabpanel"
            id={`panel-${current.id}`}
            aria-labelledby={`tab-${current.id}`}
            className="manager-panel"
            tabIndex={-1}
          >
            <ErrorBoundary key={current.id} what={t('manager.tabFailed', { tab: t(`manager.tab.${current.id}`) })}>
              <current.Component />
            </ErrorBoundary>
          </section>
        )}
      </main>
    </>
  );
}
