// Counter performance: `npm run bench -- [--customers N] [--db FILE] [--iterations N] [--pg URL | --sqlite-only] [--json]`
// Seeds a demo store of N customers (~5 purchases and ~5 interactions each) plus one regular with 10,000
// interactions, then times what a clerk waits for: lookup (several query shapes, next to the bare FTS query they
// rest on), profile with the first timeline page, suggestions and a durable interaction write. Inputs are drawn
// from the seeded data with a fixed seed, so two runs ask the same questions. Then the same lookups are asked of
// PostgreSQL with pg_trgm, as a server CRM would search (pg-side.ts): a throwaway embedded server, or a fresh database
// on the server of --pg / COUNTERPART_TEST_PG_URL; printed side by side with the ratio. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { emailKey, loyaltyKey, nameKey, phoneDigits } from '@common/normalize';
import { openDatabase, type DB } from '../../main/db/connection';
import { createContext, type ServiceContext } from '../../main/services/context';
import { searchCustomers } from '../../main/services/customer-search';
import { requireClerk } from '../../main/services/clerks';
import { getProfile } from '../../main/services/customers';
import { addLongStandingRegular } from '../../main/services/demo/long-history';
import { Rng } from '../../main/services/demo/random';
import { seedDemoStore } from '../../main/services/demo/seed-store';
import { timeline } from '../../main/services/history';
import { logInteraction } from '../../main/services/interactions';
import { openProfile } from '../../main/services/profile-views';
import { getSetting, setSetting } from '../../main/services/settings';
import { suggestFor } from '../../main/services/suggestions/index';
import { pgShapes, startPgSide, type PgTiming } from './pg-side';
import { stat, type Stat } from './stats';

const SEED = 20261123;
const REGULAR_INTERACTIONS = 10_000;
const TODAY = new Date('2026-11-23T10:00:00.000Z');

interface Args {
  customers: number;
  db: string | undefined;
  json: boolean;
  iterations: number;
  /** 1 or 2 to force the seed's threads; automatic otherwise. */
  threads: number | undefined;
  /** Ask the lookups of PostgreSQL too: on this server (a URL), or on a throwaway embedded one (undefined). */
  pg: { url: string | undefined } | null;
}

function args(): Args {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '100000' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      iterations: { type: 'string', default: '300' },
      threads: { type: 'string' },
      pg: { type: 'string' },
      'sqlite-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const customers = Number(values.customers);
  const iterations = Number(values.iterations);
  if (!Number.isInteger(customers) || customers < 100) fail('--customers must be a whole number of at least 100');
  if (!Number.isInteger(iterations) || iterations < 10) fail('--iterations must be a whole number of at least 10');
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && threads !== 1 && threads !== 2) fail('--threads must be 1 or 2');
  if (values['sqlite-only'] && values.pg !== undefined) fail('--pg and --sqlite-only exclude each other');
  const pg = values['sqlite-only'] ? null : { url: values.pg ?? process.env.COUNTERPART_TEST_PG_URL };
  return { customers, db: values.db, json: values.json, iterations, threads, pg };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const say = (a: Args, text: string) => {
  if (!a.json) process.stderr.write(`${text}\n`);
};

// ---------------------------------------------------------------------------------------------------------------
// The store

interface Store {
  db: DB;
  ctx: ServiceContext;
  file: string;
  regularId: number;
  seedMs: number | null;
  threads: number | null;
  temp: string | null;
}

/** A seeded file of the right size: reused when --db names one, else seeded (into --db if it is new, or a temp file). */
function store(a: Args): Store {
  let file = a.db ? path.resolve(a.db) : null;
  let temp: string | null = null;
  if (file && fs.existsSync(file)) {
    const db = openDatabase(file);
    const ctx = createContext(db, {}, () => TODAY);
    const count = (db.prepare('SELECT count(*) FROM customers').pluck().get() as number) - 1;
    const regular = Number(getSetting(ctx, 'bench.regular'));
    if (count === a.customers && regular > 0) {
      say(a, `Reusing ${file} (${a.customers.toLocaleString('en')} customers).`);
      return { db, ctx, file, regularId: regular, seedMs: null, threads: null, temp };
    }
    db.close();
    say(
      a,
      `${file} holds ${count.toLocaleString('en')} customers, not ${a.customers.toLocaleString('en')}: seeding a temporary store instead.`,
    );
    file = null;
  }
  if (!file) {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-bench-'));
    file = path.join(temp, 'bench.db');
  }
  say(a, `Seeding ${a.customers.toLocaleString('en')} customers into ${file} …`);
  const db = openDatabase(file, { create: true });
  const ctx = createContext(db, {}, () => TODAY);
  const started = performance.now();
  const seeded = seedDemoStore(ctx, {
    customers: a.customers,
    seed: SEED,
    today: TODAY,
    ...(a.threads ? { parallel: a.threads === 2 } : {}),
    ...(a.json ? {} : { onProgress: (n: number) => process.stderr.write(`\r  ${n.toLocaleString('en')} customers`) }),
  });
  const seedMs = performance.now() - started;
  say(
    a,
    `\nSeeded in ${(seedMs / 1000).toFixed(1)} s on ${seeded.threads} thread(s); adding a regular with ${REGULAR_INTERACTIONS.toLocaleString('en')} interactions …`,
  );
  const regularId = addLongStandingRegular(ctx, { interactions: REGULAR_INTERACTIONS, seed: SEED, today: TODAY });
  setSetting(ctx, 'bench.regular', String(regularId));
  return { db, ctx, file, regularId, seedMs, threads: seeded.threads, temp };
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs drawn from the data

interface Person {
  id: number;
  first_name: string;
  last_name: string;
  name_key: string;
  phone: string | null;
  phone_digits: string | null;
  email: string | null;
  loyalty_id: string | null;
}

function people(db: DB, n: number): Person[] {
  const max = db.prepare('SELECT max(id) FROM customers').pluck().get() as number;
  const pick = db.prepare<[number], Person>(
    'SELECT id, first_name, last_name, name_key, phone, phone_digits, email, loyalty_id FROM customers WHERE id >= ? ORDER BY id LIMIT 1',
  );
  const r = new Rng(SEED);
  return Array.from({ length: n }, () => pick.get(r.int(1, max))!);
}

/** One wrong letter, swap or missing letter: what a hurried clerk types. */
function typo(word: string, r: Rng): string {
  const c = [...word];
  const i = r.int(1, c.length - 2);
  const edit = r.int(0, 2);
  if (edit === 0) [c[i], c[i + 1]] = [c[i + 1]!, c[i]!];
  else if (edit === 1) c.splice(i, 1);
  else c[i] = c[i] === 'e' ? 'a' : 'e';
  return c.join('');
}

interface Shape {
  name: string;
  queries: string[];
}

function shapes(ps: Person[]): Shape[] {
  const r = new Rng(SEED + 1);
  const named = ps.filter((p) => p.last_name && [...nameKey(p.last_name)].length >= 5);
  const phoned = ps.filter((p) => p.phone_digits);
  return [
    { name: "name prefix ('mar')", queries: named.map((p) => [...p.name_key].slice(0, 3).join('')) },
    { name: "full name ('mary obrien')", queries: named.map((p) => p.name_key) },
    { name: 'phone, last 4 digits', queries: phoned.map((p) => p.phone_digits!.slice(-4)) },
    { name: 'phone as written', queries: phoned.map((p) => p.phone!).filter((q) => q.includes(' ')) },
    { name: 'email', queries: ps.filter((p) => p.email).map((p) => p.email!) },
    { name: 'loyalty card', queries: ps.filter((p) => p.loyalty_id).map((p) => p.loyalty_id!) },
    { name: 'name with one typo', queries: named.map((p) => typo(nameKey(p.last_name).replace(/\s+/g, ''), r)) },
  ];
}

/** The FTS query the lookup rests on, run bare: each 3+ character token of the query, quoted and ANDed. */
function bareExpression(q: string): string {
  const tokens = nameKey(q.replace(/[@.]/g, ' '))
    .split(' ')
    .filter((t) => [...t].length >= 3);
  return tokens.length ? tokens.map((t) => `"${t}"`).join(' AND ') : `"${q.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Timing

function time(name: string, inputs: readonly unknown[], iterations: number, fn: (input: never) => unknown): Stat {
  const warm = Math.min(20, inputs.length);
  for (let i = 0; i < warm; i++) fn(inputs[i] as never);
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const input = inputs[i % inputs.length] as never;
    const t0 = process.hrtime.bigint();
    fn(input);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stat(name, ms);
}

interface Row extends Partial<Stat> {
  name: string;
  value?: string;
  target: string;
  pass: boolean | null;
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const a = args();
  const s = store(a);
  const { db, ctx } = s;
  const it = a.iterations;
  const rows: Row[] = [];
  // The bare statement answers with the same columns a lookup returns, straight from one FTS match: what the
  // service costs on top of SQLite is the ratio.
  const bare = db.prepare<[string], unknown>(
    `SELECT c.id, c.first_name, c.last_name, c.phone, c.email, c.loyalty_id, c.last_visit_at
     FROM customer_fts CROSS JOIN customers c ON c.id = customer_fts.rowid WHERE customer_fts MATCH ? LIMIT 20`,
  );

  // No settling of a freshly seeded store here: whatever bulk-loads a store leaves it settled itself
  // (main/db/settle.ts), and the durable writes below are timed right after that, as a store in use would see them.

  say(a, 'Timing lookups …');
  const ps = people(db, Math.max(it, 200));
  const bareRatios: { name: string; ratio: number }[] = [];
  const lookups: { shape: Shape; svc: Stat; answered: number }[] = [];
  for (const shape of shapes(ps)) {
    const svc = time(`lookup: ${shape.name}`, shape.queries, it, (q: string) => searchCustomers(ctx, q, 20));
    const fts = time(`  bare FTS: ${shape.name}`, shape.queries.map(bareExpression), it, (q: string) => bare.all(q));
    const ratio = svc.p99 / Math.max(fts.p99, 0.001);
    bareRatios.push({ name: shape.name, ratio });
    // Untimed, the same inputs again: whether each found anyone, to set beside PostgreSQL's answers.
    const inputs = Array.from({ length: it }, (_, i) => shape.queries[i % shape.queries.length] as string);
    lookups.push({ shape, svc, answered: inputs.filter((q) => searchCustomers(ctx, q, 20).length > 0).length / it });
    rows.push({ ...svc, target: 'p99 ≤ 5 ms', pass: svc.p99 <= 5 });
    rows.push({ ...fts, name: `  bare FTS (${ratio.toFixed(1)}x)`, target: 'lookup ≤ 3x bare', pass: ratio <= 3 });
  }

  say(a, 'Timing profiles and suggestions …');
  const ids = ps.map((p) => p.id);
  const clerkId = db
    .prepare("SELECT id FROM clerks WHERE role IN ('admin', 'manager') ORDER BY id LIMIT 1")
    .pluck()
    .get() as number;
  const profile = time('profile + first timeline page', ids, it, (id: number) => {
    getProfile(ctx, id);
    timeline(ctx, id, null, 50);
  });
  rows.push({ ...profile, target: 'p99 ≤ 10 ms', pass: profile.p99 <= 10 });
  // The same as the counter opens it (customers.get): recording who looked, a durable write, and for a manager the
  // list of openings. On the real clock, so a kept store's openings from an earlier run do not count as repeats.
  const viewer = requireClerk(ctx, clerkId);
  const liveCtx: ServiceContext = { ...ctx, now: () => new Date() };
  const opened = time('  same, opened at the counter (who looked)', ids, it, (id: number) => {
    openProfile(liveCtx, viewer, id);
    timeline(ctx, id, null, 50);
  });
  rows.push({ ...opened, target: 'p99 ≤ 10 ms', pass: opened.p99 <= 10 });
  const regularProfile = time('  same, 10k-interaction regular', [s.regularId], Math.min(it, 100), (id: number) => {
    getProfile(ctx, id);
    timeline(ctx, id, null, 50);
  });
  rows.push({ ...regularProfile, target: 'p99 ≤ 10 ms', pass: regularProfile.p99 <= 10 });
  const suggest = time('suggestions', ids, it, (id: number) => suggestFor(ctx, { customerId: id, clerkId }));
  rows.push({ ...suggest, target: 'p99 ≤ 10 ms', pass: suggest.p99 <= 10 });
  const suggestRegular = time(
    '  suggestions, 10k-interaction regular',
    [s.regularId],
    Math.min(it, 100),
    (id: number) => suggestFor(ctx, { customerId: id, clerkId }),
  );
  rows.push({ ...suggestRegular, target: 'p99 ≤ 10 ms', pass: suggestRegular.p99 <= 10 });

  say(a, 'Timing durable writes …');
  const sync = db.pragma('synchronous', { simple: true });
  if (sync !== 2) fail(`expected synchronous=FULL (2) for the write test, found ${String(sync)}`);
  const write = time('interaction write (synchronous=FULL)', ids, Math.min(it, 200), (id: number) =>
    logInteraction(ctx, clerkId, {
      customerId: id,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 4,
      notes: 'Benchmark: asked about opening hours.',
    }),
  );
  rows.push({ ...write, target: 'p99 ≤ 10 ms', pass: write.p99 <= 10 });

  // Every start and every command checks the file before using it (header, size, identity; quick_check only on
  // small stores): what that costs next to a bare open of the same file.
  say(a, 'Timing opens …');
  const opens = Math.min(it, 30);
  const checked = time('open with the damage check', [s.file], opens, (file: string) => openDatabase(file).close());
  rows.push({ ...checked, target: 'p50 ≤ 50 ms', pass: checked.p50 <= 50 });
  const bareOpen = time('  bare open (schema read)', [s.file], opens, (file: string) => {
    const raw = new Database(file, { fileMustExist: true });
    raw.pragma('user_version');
    raw.close();
  });
  rows.push({ ...bareOpen, target: '', pass: null });

  // Peak RSS is this process's: taken before PostgreSQL (another process) and its client's buffers come in.
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const postgres = a.pg ? await askPostgres(a, db, ctx, lookups) : null;
  if (s.seedMs !== null) {
    const budget = (60_000 * a.customers) / 1_000_000;
    rows.push({
      name: `seed ${a.customers.toLocaleString('en')} customers (${s.threads} thread${s.threads === 1 ? '' : 's'})`,
      value: `${(s.seedMs / 1000).toFixed(1)} s`,
      target: a.customers === 1_000_000 ? '≤ 60 s' : `≤ ${(budget / 1000).toFixed(1)} s (60 s per 1M)`,
      pass: s.seedMs <= budget,
    });
  } else {
    rows.push({ name: 'seed', value: 'reused file', target: '≤ 60 s per 1M', pass: null });
  }
  rows.push({ name: 'peak RSS', value: `${rssMb.toFixed(0)} MB`, target: '≤ 300 MB', pass: rssMb <= 300 });

  const counts = db
    .prepare(
      'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM purchases) AS purchases, (SELECT count(*) FROM interactions) AS interactions',
    )
    .get() as Record<string, number>;
  const size = fs.statSync(s.file).size;
  db.close();
  if (s.temp) fs.rmSync(s.temp, { recursive: true, force: true });

  if (a.json) {
    process.stdout.write(
      `${JSON.stringify({ ...counts, dbBytes: size, seedMs: s.seedMs, seedThreads: s.threads, peakRssMb: Math.round(rssMb), iterations: it, bareRatios, postgres, results: rows }, null, 2)}\n`,
    );
    return;
  }
  const fmt = (x: number | undefined) => (x === undefined ? '' : x < 10 ? x.toFixed(2) : x.toFixed(1));
  const table = [
    ['measure', 'p50 ms', 'p99 ms', 'mean ms', 'target', ''],
    ...rows.map((r) => [
      r.name,
      r.value ?? fmt(r.p50),
      fmt(r.p99),
      fmt(r.mean),
      r.target,
      r.pass === null ? '-' : r.pass ? 'PASS' : 'MISS',
    ]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => [...r[c]!].length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => (c >= 1 && c <= 3 ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const n = (x: number) => x.toLocaleString('en');
  process.stdout.write(
    `\nStore: ${n(counts.customers!)} customers, ${n(counts.purchases!)} purchases, ${n(counts.interactions!)} interactions, ` +
      `${(size / 1e6).toFixed(0)} MB; ${it} iterations per measure.\n\n` +
      [line(table[0]!), line(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(line)].join('\n') +
      '\n',
  );
  if (postgres) process.stdout.write(sideBySide(postgres, fmt));
}

// ---------------------------------------------------------------------------------------------------------------
// The same lookups in PostgreSQL

interface SideBySide {
  server: string;
  loadMs: number;
  indexMs: number;
  lookups: {
    name: string;
    sqlite: Stat & { answered: number };
    postgres: PgTiming;
    ratioP50: number;
    ratioP99: number;
  }[];
}

/** Asks PostgreSQL the questions each lookup shape asked SQLite, the same number of times. */
async function askPostgres(
  a: Args,
  db: DB,
  ctx: ServiceContext,
  lookups: { shape: Shape; svc: Stat; answered: number }[],
): Promise<SideBySide> {
  const side = await startPgSide(db, { url: a.pg?.url, say: (text) => say(a, text) });
  try {
    const asked = pgShapes({
      name: nameKey,
      phone: (q) => phoneDigits(q, ctx.config.countryCode) ?? q,
      email: (q) => emailKey(q) ?? q,
      card: loyaltyKey,
    });
    say(a, 'Timing the same lookups in PostgreSQL …');
    const rows: SideBySide['lookups'] = [];
    for (const { shape, svc, answered } of lookups) {
      const pgShape = asked[shape.name];
      if (!pgShape) throw new Error(`no PostgreSQL query for the lookup shape "${shape.name}"`);
      const timed = await side.time(shape.name, pgShape, shape.queries, a.iterations);
      const ratio = (x: number, y: number) => x / Math.max(y, 0.001);
      rows.push({
        name: shape.name,
        sqlite: { ...svc, answered },
        postgres: timed,
        ratioP50: ratio(timed.p50, svc.p50),
        ratioP99: ratio(timed.p99, svc.p99),
      });
    }
    return { server: side.server, loadMs: side.loadMs, indexMs: side.indexMs, lookups: rows };
  } finally {
    await side.close();
  }
}

function sideBySide(p: SideBySide, fmt: (x: number) => string): string {
  const table = [
    ['lookup', 'SQLite p50', 'p99', 'PostgreSQL p50', 'p99', 'PG ÷ SQLite p50', 'p99', 'found: SQLite', 'PG'],
    ...p.lookups.map((l) => [
      l.name,
      fmt(l.sqlite.p50),
      fmt(l.sqlite.p99),
      fmt(l.postgres.p50),
      fmt(l.postgres.p99),
      `${l.ratioP50.toFixed(1)}x`,
      `${l.ratioP99.toFixed(1)}x`,
      `${Math.round(l.sqlite.answered * 100)}%`,
      `${Math.round(l.postgres.answered * 100)}%`,
    ]),
  ];
  const widths = (table[0] as string[]).map((_, c) => Math.max(...table.map((r) => [...(r[c] as string)].length)));
  const line = (r: string[]) =>
    r.map((v, c) => (c === 0 ? v.padEnd(widths[c] as number) : v.padStart(widths[c] as number))).join('  ');
  return (
    `\nThe same lookups asked of PostgreSQL (${p.server}, pg_trgm), ms; customers loaded by COPY in ${(p.loadMs / 1000).toFixed(1)} s, ` +
    `indexed in ${(p.indexMs / 1000).toFixed(1)} s:\n\n${[line(table[0] as string[]), line(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(line)].join('\n')}\n`
  );
}

void main();
