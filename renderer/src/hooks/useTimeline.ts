import { useCallback, useEffect, useRef, useState } from 'react';
import type { Interaction, TimelineEntry } from '@common/domain';
import { OPEN_OUTCOMES } from '@common/domain';
import { call, errorMessage } from '../api/client';

const FIRST_PAGE = 100;
const NEXT_PAGE = 250;

interface TimelineState {
  customerId: number;
  entries: TimelineEntry[];
  cursor: string | null;
  done: boolean;
  loading: boolean;
  error: string | null;
}

const start = (customerId: number): TimelineState => ({
  customerId,
  entries: [],
  cursor: null,
  done: false,
  loading: false,
  error: null,
});

/** A customer's history, newest first, fetched page by page as the clerk scrolls. */
export function useTimeline(customerId: number) {
  const [state, setState] = useState<TimelineState>(() => start(customerId));
  const stateRef = useRef(state);
  stateRef.current = state;
  // Bumped when the customer changes, so a page still in flight for the previous one is ignored.
  const generation = useRef(0);

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (s.loading || s.done || s.error) return;
    const gen = generation.current;
    const cursor = s.cursor;
    const first = s.entries.length === 0;
    setState((cur) => ({ ...cur, loading: true }));
    stateRef.current = { ...s, loading: true };
    call('customers.timeline', { id: s.customerId, cursor, limit: first ? FIRST_PAGE : NEXT_PAGE }).then(
      (page) => {
        if (gen !== generation.current) return;
        setState((cur) => {
          const seen = new Set(cur.entries.map(entryKey));
          const fresh = page.entries.filter((e) => !seen.has(entryKey(e)));
          return {
            ...cur,
            entries: [...cur.entries, ...fresh],
            cursor: page.nextCursor,
            done: page.nextCursor === null,
            loading: false,
          };
        });
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setState((cur) => ({ ...cur, loading: false, error: errorMessage(err) }));
      },
    );
  }, []);

  useEffect(() => {
    generation.current++;
    const s = start(customerId);
    stateRef.current = s;
    setState(s);
    loadMore();
  }, [customerId, loadMore]);

  /** Shows an interaction just logged at the top without refetching everything already scrolled through. */
  const prepend = useCallback((i: Interaction) => {
    const entry: TimelineEntry = {
      type: 'interaction',
      id: i.id,
      at: i.createdAt,
      interaction: i,
      amendmentCount: 0,
      open: OPEN_OUTCOMES.includes(i.outcome),
    };
    setState((cur) => {
      if (cur.entries.some((e) => entryKey(e) === entryKey(entry))) return cur;
      // The entries it settled are no longer open.
      const rest = cur.entries.map((e) =>
        e.type === 'interaction' && e.open && i.resolves.includes(e.id) ? { ...e, open: false } : e,
      );
      return { ...cur, entries: [entry, ...rest] };
    });
  }, []);

  /**
   * Reads the newest page again (a change pulled from the hub touched the customer: an entry logged at another
   * counter, an issue settled there, a merge bringing another record's history) in place of what is shown; the list
   * keeps its rows' keys, so the row in focus stays where it is when it is still among them.
   */
  const refresh = useCallback(() => {
    const gen = ++generation.current;
    const s = stateRef.current;
    stateRef.current = { ...s, loading: true }; // no older page is asked for meanwhile
    setState((cur) => ({ ...cur, loading: true }));
    call('customers.timeline', { id: s.customerId, cursor: null, limit: FIRST_PAGE }).then(
      (page) => {
        if (gen !== generation.current) return;
        const next = {
          ...start(s.customerId),
          entries: page.entries,
          cursor: page.nextCursor,
          done: page.nextCursor === null,
        };
        stateRef.current = next;
        setState(next);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setState((cur) => ({ ...cur, loading: false, error: errorMessage(err) }));
      },
    );
  }, []);

  const retry = useCallback(() => {
    setState((cur) => ({ ...cur, error: null }));
    stateRef.current = { ...stateRef.current, error: null };
    loadMore();
  }, [loadMore]);

  return { ...state, loadMore, prepend, refresh, retry };
}

export const entryKey = (e: TimelineEntry): string => `${e.type}:${e.id}`;
