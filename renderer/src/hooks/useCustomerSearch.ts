import { useEffect, useState } from 'react';
import type { CustomerHit } from '@common/domain';
import { call, errorMessage } from '../api/client';
import { latestAsk } from '../lib/latest-ask';

const LIMIT = 20;

interface Results {
  /** The query these hits answer; differs from the typed query while a search is pending. */
  query: string;
  hits: CustomerHit[];
  error: string | null;
}

const NONE: Results = { query: '', hits: [], error: null };

/**
 * Searches as the clerk types, on every key: a lookup takes about a millisecond, so waiting for a pause in the typing
 * (the old 120 ms debounce) was most of what the clerk waited for. One request is in flight at a time and the keys
 * typed meanwhile coalesce into one for the newest query (lib/latest-ask.ts), and an older answer never overwrites a
 * newer one.
 */
export function useCustomerSearch(query: string) {
  const [results, setResults] = useState<Results>(NONE);
  const [asker] = useState(() =>
    latestAsk(
      (q: string) => call('customers.search', { query: q, limit: LIMIT }),
      (q, outcome) =>
        setResults((shown) =>
          outcome.ok
            ? { query: q, hits: keepUnchanged(shown.hits, outcome.value), error: null }
            : { query: q, hits: [], error: errorMessage(outcome.error) },
        ),
    ),
  );
  const q = query.trim();

  useEffect(() => {
    if (q) {
      asker.want(q);
    } else {
      asker.clear();
      setResults(NONE);
    }
  }, [asker, q]);

  return { ...results, pending: results.query !== q };
}

/**
 * The new hits, with each one that is the same as on screen ("obri" and "obrie" list mostly the same people) being
 * the object already shown, so its memoised row is not rendered again.
 */
function keepUnchanged(shown: CustomerHit[], next: CustomerHit[]): CustomerHit[] {
  if (shown.length === 0) return next;
  const before = new Map(shown.map((h) => [h.id, h]));
  return next.map((h) => {
    const old = before.get(h.id);
    return old && sameHit(old, h) ? old : h;
  });
}

/** A hit is plain JSON (numbers, strings, null, the markers object), so its text is its value. */
const sameHit = (a: CustomerHit, b: CustomerHit) => JSON.stringify(a) === JSON.stringify(b);
