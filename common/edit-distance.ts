// How far apart two words are, for naming the setting or option someone meant when they mistyped it.

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length]!;
}

/**
 * The candidate nearest to `word`. Case counts for less than a letter ("storeID" is nearest "storeId", not
 * "storeName"): distances are compared ignoring case first, then as typed. Undefined only without candidates.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; folded: number; exact: number } | undefined;
  for (const candidate of candidates) {
    const folded = editDistance(lower, candidate.toLowerCase());
    const exact = editDistance(word, candidate);
    if (!best || folded < best.folded || (folded === best.folded && exact < best.exact))
      best = { candidate, folded, exact };
  }
  return best?.candidate;
}
