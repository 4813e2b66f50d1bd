import { describe, expect, it } from 'vitest';
import { namesakesFirst, VISIT_HALF_LIFE_DAYS, visitorScore } from '../../main/services/namesakes';

const now = Date.parse('2026-11-23T10:00:00Z');
const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();

describe('visitorScore', () => {
  it('is 0 without visits, grows with visits and halves every half-life', () => {
    expect(visitorScore(0, null, now)).toBe(0);
    expect(visitorScore(3, null, now)).toBe(0);
    expect(visitorScore(10, ago(0), now)).toBeGreaterThan(visitorScore(2, ago(0), now));
    expect(visitorScore(5, ago(VISIT_HALF_LIFE_DAYS), now)).toBeCloseTo(visitorScore(5, ago(0), now) / 2);
  });

  it('puts a regular of last season before a one-off of five years ago', () => {
    expect(visitorScore(12, ago(60), now)).toBeGreaterThan(visitorScore(1, ago(5 * 365), now));
  });
});

describe('namesakesFirst', () => {
  const row = (key: string, visits: number, daysAgo: number | null) => ({
    key,
    visit_count: visits,
    last_visit_at: daysAgo === null ? null : ago(daysAgo),
  });

  it('reorders each run of one key and keeps the runs where they were', () => {
    const a1 = row('a', 1, 400);
    const a2 = row('a', 20, 3);
    const b1 = row('b', 0, null);
    const b2 = row('b', 4, 1);
    const a3 = row('a', 30, 1); // a later run of the same key stays a run of its own
    expect(namesakesFirst([a1, a2, b1, b2, a3], (r) => r.key, now)).toEqual([a2, a1, b2, b1, a3]);
  });

  it('keeps the given order between equal scores', () => {
    const never = [0, 1, 2].map((n) => ({ ...row('a', 0, null), n }));
    expect(namesakesFirst(never, (r) => r.key, now)).toEqual(never);
  });
});
