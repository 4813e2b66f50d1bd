// Telling namesakes apart: twenty "Aidan O'Brien" rows are equally good matches for "obrien", and the person at the
// counter is far more likely a regular than someone last seen years ago. So among rows of the same name (same key),
// recent and frequent visitors come first. How good a match is (its stage, its key) still decides first.

/** Days after which a visit counts half as much: a regular of last season still beats a one-off of five years ago. */
export const VISIT_HALF_LIFE_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * How likely this namesake is the one at the counter: visits (diminishing: the 40th adds less than the 2nd), halved
 * for every VISIT_HALF_LIFE_DAYS since the last one. 0 for someone who never visited.
 */
export function visitorScore(visits: number, lastVisitAt: string | null, nowMs: number): number {
  if (visits <= 0 || lastVisitAt === null) return 0;
  const days = Math.max(0, (nowMs - Date.parse(lastVisitAt)) / DAY_MS);
  return Math.log1p(visits) * 0.5 ** (days / VISIT_HALF_LIFE_DAYS);
}

interface Visitor {
  visit_count: number;
  last_visit_at: string | null;
}

/**
 * Rows in match order, with each run of equal keys (namesakes) reordered by visitorScore, best first; runs keep
 * their places. Stable: equal scores keep the order the index gave (most recent visit first).
 */
export function namesakesFirst<T extends Visitor>(rows: T[], keyOf: (row: T) => string, nowMs: number): T[] {
  const out: T[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start + 1;
    while (end < rows.length && keyOf(rows[end]!) === keyOf(rows[start]!)) end++;
    const run = rows
      .slice(start, end)
      .map((row) => ({ row, score: visitorScore(row.visit_count, row.last_visit_at, nowMs) }));
    out.push(...run.sort((a, b) => b.score - a.score).map((r) => r.row));
    start = end;
  }
  return out;
}
