// Managers' review on a big store: `npx tsx tests/bench/reports-bench.ts`
// Seeds 5,000,000 interactions (one day with 5,000, the rest over about three years) into a temporary database and
// measures the day view and the 30-day trend. REPORTS_BENCH_DB=file keeps (and on the next run reuses) the database;
// REPORTS_BENCH_ROWS=n seeds a smaller store for a quick look.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nameKey } from '@common/normalize';
import { openDatabase, type DB } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { dayReport } from '../../main/services/reports/day-view';
import { kpiReport, trend } from '../../main/services/reports/kpis';
import { exportCsv } from '../../main/services/reports/csv';
import { exportPdf } from '../../main/services/reports/pdf';
import { listFollowUps } from '../../main/services/reports/follow-ups';
import { addDays } from '../../main/services/time';

const TOTAL = Number(process.env.REPORTS_BENCH_ROWS ?? 5_000_000);
const BUSY_DAY = '2026-11-20';
const BUSY_DAY_ROWS = 5_000;
const SPREAD_DAYS = 1095;
const TIME_ZONE = 'Europe/Dublin';
const CUSTOMERS = 100_000;
const CLERKS = 12;

let seed = 20261120;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function weighted<T>(pairs: readonly (readonly [T, number])[]): T {
  let r = rand() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) {
    r -= w;
    if (r < 0) return v;
  }
  return pairs[pairs.length - 1]![0];
}

const FIRST = [
  'Aoife',
  'Seán',
  'Zoë',
  'Ciarán',
  'Niamh',
  'Liam',
  'Emma',
  'Jack',
  'Saoirse',
  'Conor',
  'Chloé',
  '王芳',
  'José',
  'Fiona',
];
const LAST = [
  'Byrne',
  "O'Brien",
  'Murphy',
  'Kelly',
  'Walsh',
  'Ní Bhriain',
  'Ryan',
  'Doyle',
  'Müller',
  'Nowak',
  'Lynch',
  'Chen',
];
const WORDS = [
  'kettle',
  'toaster',
  'refund',
  'receipt',
  'broken',
  'café',
  'crème',
  'naïve',
  'delivery',
  'late',
  'lid',
  'warranty',
  'exchange',
  'size',
  'colour',
  'gift',
  'card',
  'voucher',
  'pickup',
  'order',
  'called',
  'happy',
  'upset',
  'manager',
  'discount',
];
const KINDS = [
  ['inquiry', 35],
  ['purchase', 25],
  ['return', 12],
  ['complaint', 8],
  ['pickup', 15],
  ['other', 5],
] as const;
const OUTCOMES = [
  ['resolved', 84],
  ['follow_up', 8],
  ['escalated', 4],
  ['unresolved', 4],
] as const;
const SENTIMENT = [
  [null, 20],
  [1, 4],
  [2, 8],
  [3, 20],
  [4, 28],
  [5, 20],
] as const;

/** Minutes to add to UTC to get store-local time on that day, taken at local noon (shop hours never straddle a DST change). */
function offsetMinutes(day: string): number {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const [h, m] = f
    .format(new Date(`${day}T12:00:00Z`))
    .split(':')
    .map(Number) as [number, number];
  return (h - 12) * 60 + m;
}

function seedStore(db: DB): void {
  const t0 = performance.now();
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const now = '2023-01-01T00:00:00.000Z';
  db.transaction(() => {
    const c = db.prepare('INSERT INTO clerks (display_name, role, created_at) VALUES (?, ?, ?)');
    for (let i = 1; i <= CLERKS; i++)
      c.run(`${pick(FIRST)} ${String.fromCharCode(64 + i)}.`, i === 1 ? 'manager' : 'clerk', now);
    const cu = db.prepare(
      'INSERT INTO customers (first_name, last_name, name_key, last_key, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < CUSTOMERS; i++) {
      const f = pick(FIRST);
      const l = pick(LAST);
      cu.run(f, l, nameKey(`${f} ${l}`), nameKey(l), `08${String(7_000_000 + i).padStart(8, '0')}`, now);
    }
  })();
  const ins = db.prepare(`INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes,
      follow_up_due, clerk_id, terminal_id, suggestion_template_id, amends_id, amend_reason, flagged, review_note)
    VALUES (@customer_id, @created_at, @local_day, @kind, @outcome, @sentiment, @notes, @follow_up_due, @clerk_id,
      'counter-1', @suggestion_template_id, @amends_id, @amend_reason, @flagged, @review_note)`);
  const days = Array.from({ length: SPREAD_DAYS }, (_, i) => addDays(BUSY_DAY, i - SPREAD_DAYS));
  const perDay = (TOTAL - BUSY_DAY_ROWS) / SPREAD_DAYS;
  const plan: [string, number][] = days.map((d, i) => [d, Math.floor(perDay * (i + 1)) - Math.floor(perDay * i)]);
  plan.push([BUSY_DAY, BUSY_DAY_ROWS]);
  let written = 0;
  let batch = 0;
  const writeDay = (day: string, n: number) => {
    const offset = offsetMinutes(day);
    const open = Date.parse(`${day}T08:00:00Z`) - offset * 60_000;
    const times = Array.from({ length: n }, () => open + Math.floor(rand() * 12 * 3_600_000)).sort((a, b) => a - b);
    for (const t of times) {
      const outcome = weighted(OUTCOMES);
      const customer = rand() < 0.75 ? 1 + Math.floor(rand() * CUSTOMERS) : null;
      const row = {
        customer_id: customer,
        created_at: new Date(t).toISOString(),
        local_day: day,
        kind: weighted(KINDS),
        outcome,
        sentiment: weighted(SENTIMENT),
        notes: Array.from({ length: 3 + Math.floor(rand() * 12) }, () => pick(WORDS)).join(' '),
        follow_up_due: outcome === 'follow_up' ? addDays(day, 3) : null,
        clerk_id: 1 + Math.floor(rand() * CLERKS),
        suggestion_template_id: customer && rand() < 0.3 ? `tpl-${Math.floor(rand() * 40)}` : null,
        amends_id: null as number | null,
        amend_reason: null as string | null,
        flagged: null as number | null,
        review_note: null as string | null,
      };
      const id = Number(ins.run(row).lastInsertRowid);
      written++;
      if (rand() < 0.01) {
        ins.run({
          ...row,
          created_at: new Date(t + 600_000).toISOString(),
          outcome: 'resolved',
          follow_up_due: null,
          notes: `${row.notes} (corrected)`,
          amends_id: id,
          amend_reason: 'typo',
          clerk_id: 1,
        });
      }
      if (rand() < 0.003) {
        ins.run({
          ...row,
          created_at: new Date(t + 900_000).toISOString(),
          amends_id: id,
          amend_reason: 'manager review',
          flagged: 1,
          review_note: 'check tone',
          clerk_id: 1,
        });
      }
    }
  };
  const tx = db.transaction((work: [string, number][]) => {
    for (const [d, n] of work) writeDay(d, n);
  });
  for (let i = 0; i < plan.length; i += 30) {
    tx(plan.slice(i, i + 30));
    if (++batch % 6 === 0)
      process.stdout.write(
        `  ${written.toLocaleString('en')} interactions (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
      );
  }
  // Old follow-ups have long been dealt with in a real store; leave the last month open.
  db.prepare('UPDATE open_issues SET closed_at = opened_at WHERE opened_at < ?').run(
    `${addDays(BUSY_DAY, -30)}T00:00:00Z`,
  );
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(
    `Seeded ${written.toLocaleString('en')} interactions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

function measure(label: string, runs: number, fn: () => unknown, target?: number): void {
  for (let i = 0; i < 3; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  const verdict =
    target === undefined
      ? ''
      : q(99) <= target
        ? `  OK (target p99 <= ${target} ms)`
        : `  OVER TARGET (p99 <= ${target} ms)`;
  console.log(
    `${label.padEnd(44)} p50 ${q(50).toFixed(1).padStart(7)} ms   p99 ${q(99).toFixed(1).padStart(7)} ms${verdict}`,
  );
}

async function main() {
  const keep = process.env.REPORTS_BENCH_DB;
  const dir = keep ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-reports-bench-'));
  const file = keep ? path.resolve(keep) : path.join(dir!, 'bench.db');
  const fresh = !fs.existsSync(file);
  const db = openDatabase(file, { backupBeforeMigrate: false, create: true });
  try {
    if (fresh) seedStore(db);
    else console.log(`Reusing ${file}`);
    const ctx = createContext(
      db,
      { timeZone: TIME_ZONE, storeName: 'Bench Store' },
      () => new Date(`${BUSY_DAY}T18:00:00Z`),
    );
    const { n } = db.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number };
    console.log(`${n.toLocaleString('en')} interaction rows (originals + amendments), busy day ${BUSY_DAY}\n`);

    const day = dayReport(ctx, BUSY_DAY, {});
    if (day.entries.length !== BUSY_DAY_ROWS)
      throw new Error(`expected ${BUSY_DAY_ROWS} entries, got ${day.entries.length}`);
    measure('day view, 5,000 entries, no filter', 100, () => dayReport(ctx, BUSY_DAY, {}), 100);
    measure('day view, text "cafe kettle" + sentiment >= 4', 100, () =>
      dayReport(ctx, BUSY_DAY, { text: 'cafe kettle', sentimentMin: 4 }),
    );
    measure('trend, 30 days', 100, () => trend(ctx, BUSY_DAY, 30), 200);
    measure('trend, 365 days', 10, () => trend(ctx, BUSY_DAY, 365));
    measure('KPIs (day, previous 7 days, clerks, charts)', 50, () => kpiReport(ctx, BUSY_DAY));
    measure('follow-up queue (first 500)', 50, () => listFollowUps(ctx));
    measure('CSV export, 5,000 entries', 10, () => exportCsv(ctx, null, BUSY_DAY, BUSY_DAY, true));
    const t = performance.now();
    const pdf = await exportPdf(ctx, null, BUSY_DAY, BUSY_DAY);
    console.log(
      `${'PDF export, 5,000 entries'.padEnd(44)} ${(performance.now() - t).toFixed(0)} ms, ${pdf.pages} pages, ${((pdf.base64.length * 0.75) / 1e6).toFixed(1)} MB`,
    );
  } finally {
    db.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
