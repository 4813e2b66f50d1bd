import { useLayoutEffect, useRef } from 'react';

/**
 * Scrolls an element back to its top whenever `key` changes: the counter's right panel starts each new customer at
 * the suggestions, not wherever the previous customer's log form left it. Before paint, so the old position never shows.
 */
export function useScrollTopOn<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the trigger, by design of this hook
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [key]);
  return ref;
}
