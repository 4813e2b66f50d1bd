// The renderer's one look at the chain's sync: a poll of sync.state (a local read in the main process, never a network
// call) that feeds the header's line and tells the customer open at the counter when a change pulled from the hub
// touched them (another counter logged an entry, edited a field, erased or merged them), so the profile and its
// history are read again without the clerk doing anything.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SyncState } from '@common/domain';
import { call } from '../api/client';

/** How often the renderer asks. */
export const SYNC_STATE_POLL_MS = 2_000;

interface Watched {
  customerId: number;
  changed(): void;
  /** The revision the main process gave for this customer last; undefined until the first answer. */
  seen?: number;
}

interface SyncLook {
  state: SyncState | null;
  /** Calls `changed` when a pulled change touches `customerId` (the one customer on screen); returns the stop. */
  watch(customerId: number, changed: () => void): () => void;
}

const SyncContext = createContext<SyncLook | null>(null);

export function SyncProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SyncState | null>(null);
  const watched = useRef<Watched | null>(null);
  const ask = useRef<() => void>(() => undefined);

  useEffect(() => {
    let live = true;
    ask.current = () => {
      const w = watched.current;
      call('sync.state', w ? { openCustomerId: w.customerId } : {}).then(
        ({ openCustomerRevision: revision, ...s }) => {
          if (!live) return;
          setState(s);
          // An answer about a customer the clerk has since left says nothing about the one on screen.
          if (!w || watched.current !== w || revision === undefined) return;
          const before = w.seen;
          w.seen = revision;
          if (before !== undefined && revision !== before) w.changed();
        },
        () => undefined, // signed out or the store closed: the screen that follows says so
      );
    };
    ask.current();
    const timer = setInterval(() => ask.current(), SYNC_STATE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const watch = useCallback((customerId: number, changed: () => void) => {
    const w: Watched = { customerId, changed };
    watched.current = w;
    ask.current(); // the revision the profile just loaded matches, taken now rather than up to a poll later
    return () => {
      if (watched.current === w) watched.current = null;
    };
  }, []);

  const value = useMemo(() => ({ state, watch }), [state, watch]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

/** The header's sync state; null before the first answer (or outside the signed-in counter). */
export const useSyncState = (): SyncState | null => useContext(SyncContext)?.state ?? null;

/** Runs `changed` (its latest version) whenever a change pulled from the hub touches the customer on screen. */
export function useRemoteChanges(customerId: number, changed: () => void): void {
  const look = useContext(SyncContext);
  const latest = useRef(changed);
  latest.current = changed;
  const watch = look?.watch;
  useEffect(() => watch?.(customerId, () => latest.current()), [watch, customerId]);
}
