import { useCallback, useEffect, useState } from 'react';
import type { Prefill } from '../lib/prefill';

/** What the counter screen shows. Kept in the URL hash so a reload (or a crash and restart) returns to it. */
export type View =
  | { kind: 'home' }
  | { kind: 'customer'; id: number }
  | { kind: 'walk-in' }
  | { kind: 'create'; prefill: Prefill };

export function parseHash(hash: string): View {
  const m = /^#\/customer\/(\d+)$/.exec(hash);
  if (m) return { kind: 'customer', id: Number(m[1]) };
  if (hash === '#/walk-in') return { kind: 'walk-in' };
  if (hash === '#/new') return { kind: 'create', prefill: {} };
  return { kind: 'home' };
}

export function hashFor(view: View): string {
  switch (view.kind) {
    case 'customer':
      return `#/customer/${view.id}`;
    case 'walk-in':
      return '#/walk-in';
    case 'create':
      return '#/new';
    default:
      return '#/';
  }
}

export function useView(): [View, (v: View) => void] {
  const [view, setViewState] = useState<View>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () =>
      setViewState((cur) => (hashFor(cur) === window.location.hash ? cur : parseHash(window.location.hash)));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const setView = useCallback((v: View) => {
    setViewState(v);
    const h = hashFor(v);
    if (window.location.hash !== h) window.history.replaceState(null, '', h);
  }, []);
  return [view, setView];
}
