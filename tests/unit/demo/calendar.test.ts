import { describe, expect, it } from 'vitest';
import { isoOf, StoreCalendar } from '../../../main/services/demo/calendar';
import { loyaltyNumber } from '../../../main/services/demo/people';
import { Rng } from '../../../main/services/demo/random';
import { localDay } from '../../../main/services/time';
import { seeded } from './store-snapshot';

describe('demo calendar and randomness', () => {
  it('formats timestamps exactly like toISOString', () => {
    const r = new Rng(1);
    for (let k = 0; k < 20_000; k++) {
      const ms = k % 2 ? Math.floor(r.next() * 4e12) : Math.floor(r.next() * 4e9) * 1000;
      expect(isoOf(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoOf(Date.UTC(12000, 0, 1))).toBe(new Date(Date.UTC(12000, 0, 1)).toISOString());
  });

  it.each(['Europe/Dublin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Auckland', 'UTC'])(
    'puts store hours on the right local day in %s, across clock changes',
    (timeZone) => {
      const cal = new StoreCalendar(new Date('2026-11-23T10:00:00Z'), timeZone);
      for (let n = 0; n < 800; n++) {
        const [open, close] = cal.hours(n);
        for (const s of [open, close - 1]) expect(localDay(new Date(cal.instant(n, s)), timeZone)).toBe(cal.day(n));
      }
      const { db } = seeded({ customers: 150 }, { timeZone });
      const rows = db
        .prepare(
          'SELECT created_at AS at, local_day AS day FROM interactions UNION ALL SELECT purchased_at, local_day FROM purchases',
        )
        .all() as { at: string; day: string }[];
      expect(rows.filter((row) => localDay(new Date(row.at), timeZone) !== row.day)).toEqual([]);
    },
  );

  it('draws the same numbers from the same seed and customer, different ones otherwise', () => {
    const draw = (seed: number, item: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(Rng.for(seed, item)),
      );
    expect(draw(42, 7)).toEqual(draw(42, 7));
    expect(draw(42, 7)).not.toEqual(draw(42, 8));
    expect(draw(42, 7)).not.toEqual(draw(43, 7));
    const r = new Rng(9);
    const xs = Array.from({ length: 10_000 }, () => r.int(1, 6));
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBe(6);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(3.5, 1);
  });

  it('issues loyalty numbers that never collide and grow with sign-up order', () => {
    const seen = new Set<string>();
    let prev = '';
    for (let i = 0; i < 100_000; i++) {
      const n = loyaltyNumber(i, 20261123);
      expect(n > prev).toBe(true);
      seen.add(n);
      prev = n;
    }
    expect(seen.size).toBe(100_000);
    expect(loyaltyNumber(999_999, 1)).toMatch(/^2000\d{9}$/);
  });
});
