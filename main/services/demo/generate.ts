import { STORE_AGE_DAYS, HistoryBuilder, interestTags, SEGMENT_PICK, type StaffShape } from './history';
import type { StoreCalendar } from './calendar';
import { CLERKS } from './catalog';
import { makeIdentity } from './people';
import { Rng, WeightedPick } from './random';
import { SHOWCASE, showcaseCustomer } from './showcase';
import type { StoreWriter } from './store-writer';

const WALK_IN_RATE = 0.05;

/** Everything customer i of a store depends on: the seed, the calendar, the staff and the return window. */
export class StoreGenerator {
  readonly builder: HistoryBuilder;

  /** `notes` false: interactions get their note templates, not the text (for a writer that stores no interactions). */
  constructor(
    readonly cal: StoreCalendar,
    readonly seed: number,
    returnWindowDays: number,
    notes = true,
  ) {
    this.builder = new HistoryBuilder(cal, staffShape(), returnWindowDays, notes);
  }

  /** Generates customers [from, to) and hands them to the writer. Customer i is the same whatever the range. */
  write(writer: StoreWriter, from: number, to: number): void {
    for (let i = from; i < to; i++) this.customer(writer, i);
  }

  private customer(writer: StoreWriter, index: number): void {
    const r = Rng.for(this.seed, index);
    if (index < SHOWCASE.length) {
      const { who, extraTags, h } = showcaseCustomer(this.builder, this.cal, r, index, this.seed);
      writer.customer(who, interestTags(h, extraTags), h);
      return;
    }
    const who = makeIdentity(r, index, this.seed);
    const h = this.builder.random(r, SEGMENT_PICK.from(r));
    writer.customer(who, interestTags(h, who.tags), h);
    if (r.chance(WALK_IN_RATE)) {
      const w = this.builder.walkIn(r);
      if (w) writer.walkIn(w);
    }
  }
}

/** When the staff joined: before the oldest history. */
export const staffSince = (cal: StoreCalendar) => new Date(cal.instant(STORE_AGE_DAYS + 30, 9 * 3600)).toISOString();

/** Who works the counter how often (indexes into CLERKS); managers and admins take the escalations. */
function staffShape(): StaffShape {
  const indexes = CLERKS.map((_, i) => i);
  return {
    counter: new WeightedPick(
      indexes,
      CLERKS.map((c) => (c.role === 'clerk' ? 20 : c.role === 'manager' ? 14 : 8)),
    ),
    seniors: indexes.filter((i) => CLERKS[i]!.role !== 'clerk'),
  };
}
