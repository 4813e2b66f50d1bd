import { useEffect, useRef, useState } from 'react';
import type { CustomerHit } from '../../../common/domain';
import { call, errorMessage } from '../api/client';

export const SEARCH_DEBOUNCE_MS = 120;
const LIMIT = 20;

interface Results {
  /** The query these hits answer; differs from the typed query while a search is pending. */
  query: string;
  hits: CustomerHit[];
  error: string | null;
}

/**
 * Searches as the clerk types. Every request carries a sequence number and only the newest one may update the
 * results, so a slow answer to "ob" can never overwrite the answer to "obrien".
 */
export function useCustomerSearch(query: string) {
  const [results, setResults] = useState<Results>({ query: '', hits: [], error: null });
  const seq = useRef(0);
  const q = query.trim();

  useEffect(() => {
    const mine = ++seq.current;
    if (!q) {
      setResults({ query: '', hits: [], error: null });
      return;
    }
    const timer = window.setTimeout(() => {
      call('customers.search', { query: q, limit: LIMIT }).then(
        (hits) => {
          if (mine === seq.current) setResults({ query: q, hits, error: null });
        },
        (err: unknown) => {
          if (mine === seq.current) setResults({ query: q, hits: [], error: errorMessage(err) });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q]);

  return { ...results, pending: results.query !== q };
}
