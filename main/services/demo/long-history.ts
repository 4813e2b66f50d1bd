import { emptyWal } from '../../db/settle';
import type { ServiceContext } from '../context';
import { StoreCalendar } from './calendar';
import { CLERKS, TERMINALS } from './catalog';
import { StoreGenerator } from './generate';
import { STORE_AGE_DAYS } from './history';
import { makeIdentity } from './people';
import { Rng } from './random';
import { firstIdsOf, StoreWriter } from './store-writer';

/**
 * Adds one regular with a very long history (thousands of interactions over the store's lifetime) to a seeded store,
 * through the live triggers like any later write. Benchmarks use it for the worst case of profile and suggestions.
 */
export function addLongStandingRegular(
  ctx: ServiceContext,
  opts: { interactions: number; seed: number; today?: Date },
): number {
  const cal = new StoreCalendar(opts.today ?? ctx.now(), ctx.config.timeZone);
  const gen = new StoreGenerator(cal, opts.seed, ctx.config.returnWindowDays);
  const clerkIds = ctx.db.prepare('SELECT id FROM clerks ORDER BY id LIMIT ?').pluck().all(CLERKS.length) as number[];
  if (clerkIds.length < CLERKS.length)
    throw new Error('Seed the demo store first: the regular is served by its staff.');
  const r = Rng.for(opts.seed, 0x7fffffff);
  const who = { ...makeIdentity(r, 0x7ffffff, opts.seed), loyaltyId: null };
  // A visit brings about 0.6 interactions (plus follow-ups); aim a little over and stop at the target.
  const h = gen.builder.random(r, 'heavy', 0, STORE_AGE_DAYS, Math.ceil(opts.interactions / 0.6));
  h.interactions.sort((a, b) => a.at - b.at);
  const kept = new Set(h.interactions.slice(0, opts.interactions));
  h.interactions = h.interactions.filter(
    (i) => kept.has(i) && (!i.resolves || kept.has(i.resolves)) && (!i.amends || kept.has(i.amends)),
  );
  const id = ctx.db.transaction(() => {
    const writer = new StoreWriter(ctx.db, cal, {
      strategy: 'triggers',
      clerkIds,
      terminals: TERMINALS,
      countryCode: ctx.config.countryCode,
      firstIds: firstIdsOf(ctx.db),
      till: 2,
    });
    const id = writer.customer(who, ['regular'], h);
    writer.flush();
    return id;
  })();
  // Thousands of interactions in one transaction: left in the WAL, the first writes after it would pay for them.
  emptyWal(ctx.db);
  return id;
}
