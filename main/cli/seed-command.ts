// `counterpart seed [--customers N] [--seed S]`: a demo store in an empty database, for trials, training and benchmarks.
import { DEMO_CUSTOMERS, DEMO_SEED } from '../backend';
import { DEMO_PIN } from '../services/demo/catalog';
import { seedDemoStore } from '../services/demo/seed-store';
import { setSetting } from '../services/settings';
import { command } from './command';
import { dayArg, noMoreArguments, positiveInt, UsageError } from './common';

export const seed = command({
  name: 'seed',
  summary: 'fill an empty database with the demo store',
  usage: '[--customers N] [--seed S] [--today YYYY-MM-DD]',
  help: `The only command that creates a database. Every demo clerk's PIN is ${DEMO_PIN}.`,
  options: { customers: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } },
  run({ values, positionals, io, json, store }) {
    noMoreArguments(positionals);
    const customers =
      values.customers === '0' ? 0 : (positiveInt(values.customers, '--customers', 50_000_000) ?? DEMO_CUSTOMERS);
    if (values.seed !== undefined && !/^\d{1,10}$/.test(values.seed))
      throw new UsageError(`--seed must be a whole number, not "${values.seed}".`);
    const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed) >>> 0;
    const day = dayArg(values.today, '--today');
    // Mid-morning in the store, so the day's earlier activity exists.
    const today = day === undefined ? undefined : new Date(`${day}T10:00:00Z`);

    const opened = store({ create: true });
    const progress = io.stderr.isTTY && !json && customers >= 50_000;
    const result = seedDemoStore(opened.ctx, {
      customers,
      seed,
      ...(today ? { today } : {}),
      ...(progress
        ? {
            onProgress: (n: number) =>
              io.stderr.write(`\rSeeding… ${n.toLocaleString('en')} / ${customers.toLocaleString('en')} customers`),
          }
        : {}),
    });
    if (progress) io.stderr.write('\n');
    setSetting(opened.ctx, 'demo', '1');
    const n = (x: number) => x.toLocaleString('en');
    return {
      value: { db: opened.file, seed, ...result, pin: DEMO_PIN },
      text:
        `Seeded ${opened.file}: ${n(result.customers)} customers, ${n(result.purchases)} purchases, ` +
        `${n(result.interactions)} interactions, ${result.clerks} clerks in ${(result.ms / 1000).toFixed(1)} s ` +
        `(seed ${seed}). Every clerk's PIN is ${DEMO_PIN}.`,
    };
  },
});
