import { useCallback, useEffect, useRef, useState } from 'react';
import { useCounterHotkeys } from '../../hooks/useCounterHotkeys';
import type { Prefill } from '../../lib/prefill';
import { useFeedback } from '../../state/feedback';
import { useView, type View } from '../../state/route';
import { useStore } from '../../state/store';
import { WorkActionsContext, type WorkActions } from '../../state/work-actions';
import { AppHeader } from '../AppHeader';
import { QuickCreate } from '../create/QuickCreate';
import { CustomerView } from '../customer/CustomerView';
import { EDIT_PROFILE_BUTTON } from '../customer/ProfileSummary';
import { SearchBox, type SearchHandle } from '../search/SearchBox';
import { WalkInView } from '../work/WalkInView';
import { HelpDialog } from './HelpDialog';
import { ErrorBoundary } from '../boundary/ErrorBoundary';
import { focusHomeQueue, HomeView } from './HomeView';

/** One boundary per view: another customer (or the same view opened afresh) gets a clean one. */
const viewKey = (view: View): string => (view.kind === 'customer' ? `customer:${view.id}` : view.kind);

export function CounterScreen({ onSwitchClerk, onManage }: { onSwitchClerk(): void; onManage(): void }) {
  const { info, clerk } = useStore();
  const { clearError } = useFeedback();
  const [view, setView] = useView();
  const [help, setHelp] = useState(false);
  const search = useRef<SearchHandle>(null);
  const work = useRef<WorkActions | null>(null);

  const focusSearch = useCallback(() => search.current?.focus(true), []);
  useEffect(() => focusSearch(), [focusSearch]);

  const openCustomer = useCallback(
    (id: number) => {
      clearError();
      setView({ kind: 'customer', id });
    },
    [setView, clearError],
  );
  const newCustomer = (prefill: Prefill = {}) => {
    clearError();
    setView({ kind: 'create', prefill });
  };
  const walkIn = () => {
    clearError();
    setView({ kind: 'walk-in' });
  };
  const leaveCreate = () => {
    setView({ kind: 'home' });
    focusSearch();
  };

  useCounterHotkeys({
    focusSearch,
    newCustomer: () => newCustomer(),
    walkIn,
    toggleHelp: () => setHelp((h) => !h),
    save: () => work.current?.save(),
    applySuggestion: (i) => work.current?.applySuggestion(i),
    focusNotes: () => work.current?.focusNotes(),
    focusTimeline: () => document.getElementById('timeline-scroll')?.focus(),
    editProfile: () => document.getElementById(EDIT_PROFILE_BUTTON)?.click(),
    typeToSearch: (key, at) => {
      search.current?.focus(false);
      search.current?.noteKey(key, at);
    },
  });

  return (
    <WorkActionsContext.Provider value={work}>
      <AppHeader
        info={info}
        clerk={clerk}
        onSwitchClerk={onSwitchClerk}
        actions={
          <>
            <button type="button" className="btn btn-small" onClick={() => newCustomer()}>
              New customer <kbd>Alt+N</kbd>
            </button>
            <button
              type="button"
              className={`btn btn-small${view.kind === 'walk-in' ? ' is-current' : ''}`}
              aria-current={view.kind === 'walk-in' ? 'page' : undefined}
              onClick={walkIn}
            >
              Walk-in <kbd>Alt+W</kbd>
            </button>
            {clerk.role !== 'clerk' && (
              <button type="button" className="btn btn-small" onClick={onManage}>
                Back office
              </button>
            )}
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => setHelp(true)}
              aria-haspopup="dialog"
            >
              Shortcuts <kbd>?</kbd>
            </button>
          </>
        }
      />
      <main className="counter" aria-labelledby="counter-h">
        <h1 id="counter-h" className="sr-only">
          Counter
        </h1>
        <search className="search-bar" aria-label="Customers">
          <ErrorBoundary what="Customer search">
            <SearchBox
              ref={search}
              onOpen={(hit) => openCustomer(hit.id)}
              onCreate={newCustomer}
              onDownFromEmpty={view.kind === 'home' ? focusHomeQueue : undefined}
            />
          </ErrorBoundary>
        </search>
        <div className="view">
          {/* Keyed by the view: opening another customer starts with a fresh boundary. */}
          <ErrorBoundary key={viewKey(view)} what="This view">
            {view.kind === 'home' && <HomeView onNew={() => newCustomer()} onWalkIn={walkIn} onOpen={openCustomer} />}
            {view.kind === 'customer' && <CustomerView key={view.id} customerId={view.id} opened={view} />}
            {view.kind === 'walk-in' && <WalkInView onNew={() => newCustomer()} />}
            {view.kind === 'create' && (
              <QuickCreate
                prefill={view.prefill}
                onCreated={(c) => openCustomer(c.id)}
                onOpenExisting={openCustomer}
                onCancel={leaveCreate}
              />
            )}
          </ErrorBoundary>
        </div>
      </main>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: outside main and any section this footer is the contentinfo landmark, which takes a name */}
      <footer className="help-line" aria-label="Keyboard shortcuts">
        <span>
          <kbd>Ctrl+K</kbd> search
        </span>
        <span>
          <kbd>↑↓</kbd> <kbd>Enter</kbd> open
        </span>
        <span>
          <kbd>Esc</kbd> back to search
        </span>
        <span>
          <kbd>Alt+1–5</kbd> use suggestion
        </span>
        <span>
          <kbd>Alt+L</kbd> notes
        </span>
        <span>
          <kbd>Ctrl+Enter</kbd> save
        </span>
        <span>
          <kbd>Alt+N</kbd> new
        </span>
        <span>
          <kbd>Alt+W</kbd> walk-in
        </span>
        <span>
          <kbd>?</kbd> all shortcuts
        </span>
      </footer>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </WorkActionsContext.Provider>
  );
}
