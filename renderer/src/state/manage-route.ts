import { useEffect, useState } from 'react';

/** `#/manage/<tab>` opens the back office; anything else is the counter. Kept in the hash so reloads return there. */
export function manageTabFromHash(hash: string): string | null {
  const m = /^#\/manage(?:\/([a-z-]+))?$/.exec(hash);
  return m ? (m[1] ?? '') : null;
}

export function useManageTab(): [string | null, (tab: string | null) => void] {
  const [tab, setTab] = useState(() => manageTabFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setTab(manageTabFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: string | null) => {
    const hash = next === null ? '#/' : `#/manage/${next}`;
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    setTab(next);
  };
  return [tab, go];
}
