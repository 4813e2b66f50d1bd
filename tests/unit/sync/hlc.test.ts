import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  HLC_PATTERN,
  HybridClock,
  MAX_CLOCK_LEAD_MS,
  MAX_HLC_COUNTER,
  parseHlc,
} from '@common/sync/hlc';
import { uuidv7 } from '@common/sync/ids';

const A = uuidv7(1);
const B = uuidv7(2);
const T0 = Date.UTC(2026, 11, 4, 10, 0, 0);
const HOUR = 3_600_000;

/** A wall clock the test moves. */
function wall(start = T0) {
  let t = start;
  return { now: () => t, set: (ms: number) => (t = ms) };
}

describe('hybrid logical clock stamps', () => {
  it('read back as written, and sort as text in clock order: millisecond, then counter, then terminal', () => {
    const p = { ms: T0, counter: 42, node: A };
    expect(formatHlc(p)).toMatch(HLC_PATTERN);
    expect(parseHlc(formatHlc(p))).toEqual(p);
    const ordered = [
      formatHlc({ ms: 9, counter: 99, node: B }),
      formatHlc({ ms: 10, counter: 0, node: B }),
      formatHlc({ ms: 10, counter: 1, node: A }),
      formatHlc({ ms: 10, counter: 1, node: B }),
      formatHlc({ ms: T0, counter: 0, node: A }),
    ];
    expect([...ordered].reverse().sort()).toEqual(ordered);
    expect([...ordered].reverse().sort(compareHlc)).toEqual(ordered);
    expect(() => parseHlc('1:0:x')).toThrow('Not a hybrid logical clock');
  });
});

describe('HybridClock', () => {
  it('follows the wall clock, counts within a millisecond, and never goes back when the wall clock does', () => {
    const w = wall();
    const clock = new HybridClock(A, w.now);
    const s1 = clock.tick();
    const s2 = clock.tick();
    expect(parseHlc(s1)).toEqual({ ms: T0, counter: 0, node: A });
    expect(parseHlc(s2)).toEqual({ ms: T0, counter: 1, node: A });
    w.set(T0 - 60_000); // the wall clock is set back a minute
    const s3 = clock.tick();
    expect(s3 > s2).toBe(true);
    w.set(T0 + 5);
    expect(parseHlc(clock.tick())).toEqual({ ms: T0 + 5, counter: 0, node: A });
  });

  it('borrows the next millisecond when the counter is full', () => {
    const clock = new HybridClock(A, () => T0, formatHlc({ ms: T0, counter: MAX_HLC_COUNTER, node: A }));
    expect(parseHlc(clock.tick())).toEqual({ ms: T0 + 1, counter: 0, node: A });
  });

  it('resumes after the stamp it was kept at', () => {
    const kept = formatHlc({ ms: T0 + 1000, counter: 3, node: A });
    expect(parseHlc(new HybridClock(A, () => T0, kept).tick())).toEqual({ ms: T0 + 1000, counter: 4, node: A });
  });

  it('stamps an edit made after seeing another one later, even with a wall clock behind the other terminal', () => {
    const behind = new HybridClock(A, () => T0 - 10 * 60_000 + MAX_CLOCK_LEAD_MS); // within the lead: taken as it is
    const seen = formatHlc({ ms: T0, counter: 7, node: B });
    expect(behind.observe(seen)).toBe(false);
    const mine = behind.tick();
    expect(compareHlc(mine, seen)).toBe(1);
    expect(parseHlc(mine)).toEqual({ ms: T0, counter: 8, node: A });
  });

  it('keeps a terminal 3 hours ahead from dragging the others along: they advance only to their own time plus the lead', () => {
    const ahead = new HybridClock(B, () => T0 + 3 * HOUR);
    const stale = ahead.tick();
    const w = wall();
    const honest = new HybridClock(A, w.now);
    expect(honest.tooFarAhead(stale)).toBe(true);
    expect(honest.observe(stale)).toBe(true);
    const next = honest.tick();
    expect(parseHlc(next).ms).toBe(T0 + MAX_CLOCK_LEAD_MS);
    // Once its wall clock passes that bound it runs on its own time again: the 3 hours never became everyone's.
    w.set(T0 + MAX_CLOCK_LEAD_MS + 1);
    expect(parseHlc(honest.tick())).toEqual({ ms: T0 + MAX_CLOCK_LEAD_MS + 1, counter: 0, node: A });
    expect(compareHlc(stale, honest.tick())).toBe(1); // the stale stamp itself still reads 3 hours ahead: the hub re-stamps it
  });

  it('takes in a stamp within the lead as it is, and one from the past changes nothing', () => {
    const clock = new HybridClock(A, () => T0);
    const nearFuture = formatHlc({ ms: T0 + MAX_CLOCK_LEAD_MS, counter: 2, node: B });
    expect(clock.observe(nearFuture)).toBe(false);
    expect(clock.current()).toBe(formatHlc({ ms: T0 + MAX_CLOCK_LEAD_MS, counter: 2, node: A }));
    expect(clock.observe(formatHlc({ ms: T0 - HOUR, counter: 0, node: B }))).toBe(false);
    expect(clock.current()).toBe(formatHlc({ ms: T0 + MAX_CLOCK_LEAD_MS, counter: 2, node: A }));
  });
});
