import { useEffect, useRef, useState } from 'react';
import type { CustomerHit } from '@common/domain';
import { call, errorMessage } from '../api/client';

const LIMIT = 20;

interface Results {
  /** The query these hits answer; differs from the typed query while a search is pending. */
  query: string;
  hits: CustomerHit[];
  error: string | null;
}

/**
 * Searches as the clerk types, on every key: a lookup takes about a millisecond, so waiting for a pause in the typing
 * (the old 120 ms debounce) was most of what the clerk waited for. Every request carries a sequence number and only
 * the newest one may update the results, so a slow answer to "ob" can never overwrite the answer to "obrien".
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
    call('customers.search', { query: q, limit: LIMIT }).then(
      (hits) => {
        if (mine === seq.current) setResults({ query: q, hits, error: null });
      },
      (err: unknown) => {
        if (mine === seq.current) setResults({ query: q, hits: [], error: errorMessage(err) });
      },
    );
  }, [q]);

  return { ...results, pending: results.query !== q };
}
