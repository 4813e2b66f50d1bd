// Hybrid logical clock (Kulkarni et al., 2014): a stamp is the wall-clock millisecond, a counter for events within
// one millisecond (or while the wall clock lags behind a stamp already seen), and the id of the terminal that made it,
// which breaks ties. Written as fixed-width text, so text order is clock order: PostgreSQL compares stamps with
// COLLATE "C" and JavaScript with <, and neither needs to parse them.
//
// Why a hybrid clock and not the wall clock alone: a terminal whose clock is behind would lose every edit to one that
// is ahead, even edits it made after seeing the other's. Every stamp a terminal sees (in what it pulls) moves its
// clock past that stamp, so an edit made after seeing another always wins over it, whatever the wall clocks say.
//
// Bounded lead: a clock that runs hours ahead would, unchecked, make its edits win over everyone's for those hours,
// and drag every clock that sees its stamps hours ahead too. So no stamp is ever taken more than MAX_CLOCK_LEAD_MS
// past the receiver's own wall clock:
// - a terminal that sees a stamp further ahead advances its clock only to its own time + the lead (observe());
// - the hub re-stamps a pushed change whose stamp is further ahead than the lead with its own clock (the change then
//   counts as made when it reached the hub; the terminal is told, and says its clock is wrong). The hub's verdict is
//   what every terminal applies, so terminals converge on it. Clamped, never refused: refusing would strand the
//   change in the terminal's outbox until someone fixed its clock.
// A terminal 3 hours ahead therefore wins over concurrent edits for at most MAX_CLOCK_LEAD_MS, not 3 hours.
import { z } from 'zod';

/** How far past the receiver's wall clock a stamp may be and still count as it is. */
export const MAX_CLOCK_LEAD_MS = 5 * 60 * 1000;
const MS_DIGITS = 15;
const COUNTER_DIGITS = 5;
export const MAX_HLC_COUNTER = 10 ** COUNTER_DIGITS - 1;

export const HLC_PATTERN = /^\d{15}:\d{5}:[0-9a-f-]{36}$/;
export const hlcSchema = z.string().regex(HLC_PATTERN, 'expected a hybrid logical clock');

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

export function formatHlc({ ms, counter, node }: HlcParts): string {
  return `${String(ms).padStart(MS_DIGITS, '0')}:${String(counter).padStart(COUNTER_DIGITS, '0')}:${node}`;
}

export function parseHlc(text: string): HlcParts {
  if (!HLC_PATTERN.test(text)) throw new Error(`Not a hybrid logical clock: ${text}`);
  const [ms, counter, node] = text.split(':') as [string, string, string];
  return { ms: Number(ms), counter: Number(counter), node };
}

/** Which stamp is later: the one comparison every merge uses. */
export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One node's clock. `last` restores it from where it was kept (a terminal's store, the hub's database). */
export class HybridClock {
  private ms: number;
  private counter: number;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number = Date.now,
    last: string | null = null,
  ) {
    const p = last ? parseHlc(last) : { ms: 0, counter: 0 };
    this.ms = p.ms;
    this.counter = p.counter;
  }

  /** A stamp for an event here: later than every stamp made or observed before. */
  tick(): string {
    const wall = this.wallClock();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else if (this.counter < MAX_HLC_COUNTER) {
      this.counter += 1;
    } else {
      // 100,000 events in one millisecond, or a wall clock stuck behind: borrow the next millisecond.
      this.ms += 1;
      this.counter = 0;
    }
    return this.current();
  }

  /**
   * Takes in a stamp seen elsewhere so the next tick() is later than it, but never moves this clock more than
   * MAX_CLOCK_LEAD_MS past its own wall clock. Returns whether the stamp was further ahead than that.
   */
  observe(stamp: string): boolean {
    const seen = parseHlc(stamp);
    const bound = this.wallClock() + MAX_CLOCK_LEAD_MS;
    const tooFar = seen.ms > bound;
    const ms = tooFar ? bound : seen.ms;
    const counter = tooFar ? 0 : seen.counter;
    if (ms > this.ms || (ms === this.ms && counter > this.counter)) {
      this.ms = ms;
      this.counter = counter;
    }
    return tooFar;
  }

  /** Whether `stamp` lies further past this node's wall clock than the lead allows. */
  tooFarAhead(stamp: string): boolean {
    return parseHlc(stamp).ms > this.wallClock() + MAX_CLOCK_LEAD_MS;
  }

  /** The latest stamp made or taken in, to keep between runs (all zeros before any). */
  current(): string {
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }
}
