import os from 'node:os';
import { AppError } from '@common/errors';
import { catalogRepo } from '../../db/catalog.repo';
import { clerksRepo } from '../../db/clerks.repo';
import { settleAfterBulkLoad } from '../../db/settle';
import type { ServiceContext } from '../context';
import { beginBulkLoad, fastLoadPragmas, type BulkLoad } from './bulk-load';
import { StoreCalendar } from './calendar';
import { hashPinSync } from '../pin-hash';
import { CLERKS, DEMO_PIN, PRODUCTS, TERMINALS } from './catalog';
import { staffSince, StoreGenerator } from './generate';
import { SIDE_TABLES, startSideWriter, type SideWriter } from './parallel';
import { firstIdsOf, SEEDED_TABLES, StoreWriter, type SeededTable, type SeedStrategy } from './store-writer';

export interface SeedOptions {
  customers: number;
  seed: number;
  /** The day the demo is set on (default ctx.now()): recent complaints, due follow-ups and birthdays are relative to it. */
  today?: Date;
  /** 'bulk' (default) is for speed; 'triggers' inserts the way the app does and exists to check 'bulk' against. */
  strategy?: SeedStrategy;
  /** Customers per transaction. */
  batchSize?: number;
  /** Use a second thread for part of the tables (bulk only). Default: from PARALLEL_FROM customers on, when a core is free. */
  parallel?: boolean;
  onProgress?: (customersDone: number) => void;
}

export interface SeedResult {
  customers: number;
  purchases: number;
  interactions: number;
  clerks: number;
  ms: number;
  /** 2 when part of the tables were written on a second thread. */
  threads: number;
}

/** Below this a second thread costs more to start than it saves. */
export const PARALLEL_FROM = 50_000;

/** How many cores sat idle over the next `ms` milliseconds (this thread waits meanwhile, so its own core counts). */
function idleCores(ms: number): number {
  const before = os.cpus();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const after = os.cpus();
  let idle = 0;
  let total = 0;
  after.forEach((cpu, i) => {
    const was = before[i]?.times;
    if (!was) return;
    const t = cpu.times;
    idle += t.idle - was.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq - (was.user + was.nice + was.sys + was.idle + was.irq);
  });
  return total > 0 ? (idle / total) * after.length : 0;
}

/**
 * Both threads generate the whole store, so the second one only pays off on a core nobody else is using; on a
 * busy machine it makes the seed slower. Measured now rather than read from the load average, which still counts
 * whatever ran in the minute before (a benchmark started after a build went single-threaded).
 */
function secondCoreFree(): boolean {
  return os.availableParallelism() >= 2 && idleCores(250) >= 1.5;
}

/**
 * Fills an empty store with a deterministic demo: staff, customers with varied histories and a few hand-written
 * situations (see showcase.ts). Same seed and today, same store. Streams customer by customer, so a million
 * customers need no more memory than a thousand.
 */
export function seedDemoStore(ctx: ServiceContext, opts: SeedOptions): SeedResult {
  const started = performance.now();
  const { db } = ctx;
  if (!Number.isInteger(opts.customers) || opts.customers < 0)
    throw new AppError('VALIDATION', 'customers must be a whole number, 0 or more.');
  const occupied = db
    .prepare('SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM clerks) AS n')
    .get() as { n: number };
  if (occupied.n)
    throw new AppError('CONFLICT', 'This store already has data; the demo store only loads into an empty one.');
  // Everyone shares the demo PIN but not its hash: each clerk gets a salt of their own. ~0.1 s each for seven
  // clerks, so hashed before any transaction holds the store's write lock.
  const pinHashes = CLERKS.map(() => hashPinSync(DEMO_PIN));

  const strategy = opts.strategy ?? 'bulk';
  const batch = opts.batchSize ?? 10_000;
  const cal = new StoreCalendar(opts.today ?? ctx.now(), ctx.config.timeZone);
  const parallel = strategy === 'bulk' && (opts.parallel ?? (opts.customers >= PARALLEL_FROM && secondCoreFree()));
  const restorePragmas = strategy === 'bulk' ? fastLoadPragmas(db, opts.customers > batch) : () => {};

  let gen!: StoreGenerator;
  let writer!: StoreWriter;
  let side: SideWriter | null = null;
  let tables: readonly SeededTable[] = SEEDED_TABLES;
  const setUp = (load: BulkLoad | null) => {
    const created = staffSince(cal);
    const repo = clerksRepo(db);
    const clerkIds = CLERKS.map((c, i) =>
      Number(
        repo.insert.run({ display_name: c.name, role: c.role, created_at: created, pin_hash: pinHashes[i]! })
          .lastInsertRowid,
      ),
    );
    const catalog = catalogRepo(db);
    for (const p of PRODUCTS) catalog.put.run({ sku: p.sku, spoken: p.mention, check_in: p.checkIn ? 1 : 0 });
    const common = { clerkIds, terminals: TERMINALS, countryCode: ctx.config.countryCode, firstIds: firstIdsOf(db) };
    side = parallel
      ? startSideWriter(db, {
          ...common,
          seed: opts.seed,
          customers: opts.customers,
          batch,
          nowMs: cal.nowMs,
          timeZone: ctx.config.timeZone,
          returnWindowDays: ctx.config.returnWindowDays,
          tables: [...SIDE_TABLES],
          indexes: load?.droppedIndexes(SIDE_TABLES) ?? [],
        })
      : null;
    if (side) tables = SEEDED_TABLES.filter((t) => !SIDE_TABLES.includes(t));
    gen = new StoreGenerator(cal, opts.seed, ctx.config.returnWindowDays, tables.includes('interactions'));
    writer = new StoreWriter(db, cal, { ...common, strategy, tables, nameWords: strategy === 'bulk' && !side });
  };
  const write = (from: number, to: number) => {
    gen.write(writer, from, to);
    writer.flush();
    opts.onProgress?.(to);
  };

  try {
    if (opts.customers <= batch && !parallel) {
      // Small stores (the 3,000-customer demo) load in one transaction: all or nothing.
      db.transaction(() => {
        const load = strategy === 'bulk' ? beginBulkLoad(db) : null;
        setUp(load);
        write(0, opts.customers);
        load?.finish(writer.nameWords);
      })();
    } else {
      const load: BulkLoad | null = strategy === 'bulk' ? db.transaction(() => beginBulkLoad(db))() : null;
      let failed = true;
      let nameWords: ReadonlyMap<string, number> | undefined;
      let finishFailure: { err: unknown } | null = null;
      try {
        db.transaction(setUp)(load);
        for (let from = 0; from < opts.customers; from += batch) {
          db.transaction(write)(from, Math.min(opts.customers, from + batch));
        }
        const sideWriter = side as SideWriter | null;
        if (sideWriter && load) {
          // This thread's tables are complete: index them while the second thread may still be writing its own.
          db.transaction(() => {
            load.rebuildIndexes(tables);
            load.rebuildSearch();
          })();
          nameWords = sideWriter.finishInto(db);
        }
        failed = false;
      } finally {
        // Put the triggers back whatever happened; when the load itself failed, its error is the one to report.
        try {
          if (load) db.transaction(() => load.finish(failed ? undefined : (nameWords ?? writer.nameWords)))();
        } catch (err) {
          if (!failed) finishFailure = { err };
        }
      }
      // Thrown here, not from the finally block, where it would silently replace a load error in flight.
      if (finishFailure) throw finishFailure.err;
    }
  } finally {
    restorePragmas();
  }
  // Once WAL and synchronous=FULL are back: the seed's pages reach the disk now, not in the first interaction logged.
  settleAfterBulkLoad(db);
  return {
    ...writer.counts,
    clerks: CLERKS.length,
    ms: Math.round(performance.now() - started),
    threads: side ? 2 : 1,
  };
}
