// `counterpart seed [--customers N] [--seed S]`: a demo store in an empty database, for trials, training and benchmarks.
import { DEMO_CUSTOMERS, DEMO_SEED } from '../backend';
import { DEMO_PIN } from '../services/demo/catalog';
import { seedDemoStore } from '../services/demo/seed-store';
import { setSetting } from '../services/settings';
import { COMMON_OPTIONS, dayArg, EXIT, json, openStore, parse, positiveInt, UsageError, type Io } from './common';

export const SEED_USAGE = 'counterpart seed [--customers N] [--seed S] [--today YYYY-MM-DD] [--db FILE] [--json]';

export function runSeed(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {
    ...COMMON_OPTIONS,
    customers: { type: 'string' },
    seed: { type: 'string' },
    today: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const customers = values.customers === '0' ? 0 : (positiveInt(values.customers, '--customers', 50_000_000) ?? DEMO_CUSTOMERS);
  if (values.seed !== undefined && !/^\d{1,10}$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, not "${values.seed}".`);
  const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed) >>> 0;
  let today: Date | undefined;
  const day = dayArg(values.today, '--today');
  if (day !== undefined) {
    // Mid-morning in the store, so the day's earlier activity exists.
    today = new Date(`${day}T10:00:00Z`);
  }

  const store = openStore(values.db, io, { mustExist: false });
  try {
    const progress = io.stderr.isTTY && !values.json && customers >= 50_000;
    const result = seedDemoStore(store.ctx, {
      customers,
      seed,
      ...(today ? { today } : {}),
      ...(progress ? { onProgress: (n: number) => io.stderr.write(`\rSeeding… ${n.toLocaleString('en')} / ${customers.toLocaleString('en')} customers`) } : {}),
    });
    if (progress) io.stderr.write('\n');
    setSetting(store.ctx, 'demo', '1');
    if (values.json) {
      json(io, { db: store.file, seed, ...result, pin: DEMO_PIN });
    } else {
      const n = (x: number) => x.toLocaleString('en');
      io.stdout.write(
        `Seeded ${store.file}: ${n(result.customers)} customers, ${n(result.purchases)} purchases, ` +
          `${n(result.interactions)} interactions, ${result.clerks} clerks in ${(result.ms / 1000).toFixed(1)} s ` +
          `(seed ${seed}). Every clerk's PIN is ${DEMO_PIN}.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}
