// What a till import costs once purchases travel: `npm run bench:purchase-sync -- [--purchases 100000]
// [--customers 20000] [--runs 3] [--push] [--pg URL]`
//
// 1. The same purchases CSV (a receipt a line, every third with a second line, every twentieth a refund line)
//    imported into copies of one store with its customers, with the outbox off (a store that never joined a hub)
//    and on (joined; its customers already on the hub), alternating, so the machine's drift hits both alike. Prints
//    each run, the medians and the ratio on/off, and what the outbox holds after.
// 2. --push: a real hub on a throwaway embedded PostgreSQL (or a fresh database on --pg / COUNTERPART_PG_URL); a
//    store joins it, sends its customers, imports the purchases and sends them: purchases/s to the hub, batches.
// A benchmark, not a test: not part of `npm test`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { uuidv7 } from '@common/sync/ids';
import { openDatabase } from '../../main/db/connection';
import { startEmbeddedPostgres } from '../../main/hub/embedded';
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { createPool, withDatabase } from '../../main/hub/pg';
import { startHub } from '../../main/hub/server';
import { createContext, type ServiceContext } from '../../main/services/context';
import { importCsv } from '../../main/services/import';
import { readHubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import { startOutbox, unsyncedCount } from '../../main/sync/replica';
import { PUSH_BATCH, pushAll } from '../../main/sync/session';
import { writeRows } from './csv-file';
import { stat } from './stats';

const { values } = parseArgs({
  options: {
    purchases: { type: 'string', default: '100000' },
    customers: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    push: { type: 'boolean', default: false },
    pg: { type: 'string' },
  },
});
const PURCHASES = Number(values.purchases);
const CUSTOMERS = Number(values.customers);
const RUNS = Number(values.runs);

const card = (n: number) => `C${String(100_000_000 + n)}`;
const day = (i: number) =>
  new Date(Date.UTC(2024, 0, 1) + Math.floor((i / PURCHASES) * 700) * 86_400_000).toISOString().slice(0, 10);

function purchaseRows(i: number): string {
  const who = card((i * 7919) % CUSTOMERS);
  const at = `${day(i)} ${String(9 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  let rows = `R-${i};${at};${who};SKU-${i % 500};Item ${i % 500};1;${(5 + (i % 90)).toFixed(2)}\r\n`;
  if (i % 3 === 0) rows += `R-${i};${at};${who};SKU-${(i + 7) % 500};Item ${(i + 7) % 500};2;3.50\r\n`;
  if (i % 20 === 0) rows += `R-${i};${at};${who};SKU-${i % 500};Item ${i % 500};-1;${(5 + (i % 90)).toFixed(2)}\r\n`;
  return rows;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-purchase-bench-'));
  fs.chmodSync(dir, 0o755); // as root, an embedded PostgreSQL runs as `postgres`, which must reach its folder
  try {
    const customersCsv = path.join(dir, 'customers.csv');
    const purchasesCsv = path.join(dir, 'purchases.csv');
    await writeRows(customersCsv, 'Card No;First Name;Last Name\r\n', CUSTOMERS, (n) => `${card(n)};Person;N${n}\r\n`);
    await writeRows(purchasesCsv, 'Receipt;Date;Card No;SKU;Description;Qty;Price\r\n', PURCHASES, purchaseRows);
    const template = path.join(dir, 'template.db');
    const t0 = openDatabase(template, { create: true });
    await importCsv(createContext(t0), { entity: 'customers', file: customersCsv });
    t0.pragma('wal_checkpoint(TRUNCATE)');
    t0.close();
    console.log(
      `${CUSTOMERS.toLocaleString('en')} customers; ${PURCHASES.toLocaleString('en')} receipts; load average ${os.loadavg()[0]?.toFixed(1)}`,
    );

    const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
    let outbox = 0;
    for (let r = 0; r < RUNS; r++) {
      for (const mode of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const file = path.join(dir, `run-${r}-${mode}.db`);
        fs.copyFileSync(template, file);
        const db = openDatabase(file);
        const ctx = createContext(db);
        if (mode === 'on') {
          startOutbox(db, uuidv7());
          db.exec('DELETE FROM sync_outbox'); // its customers are on the hub already
        }
        const report = await importCsv(ctx, { entity: 'purchases', file: purchasesCsv });
        times[mode].push(report.ms);
        if (mode === 'on') outbox = unsyncedCount(db);
        console.log(
          `  run ${r + 1}, outbox ${mode}: ${(report.ms / 1000).toFixed(2)} s (${report.receiptsInserted.toLocaleString('en')} receipts, ${report.failed} failed)`,
        );
        db.close();
        fs.rmSync(file, { force: true });
        for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });
      }
    }
    const off = stat('off', times.off).p50;
    const on = stat('on', times.on).p50;
    console.log(
      `import median: outbox off ${(off / 1000).toFixed(2)} s, on ${(on / 1000).toFixed(2)} s; ratio on/off ${(on / off).toFixed(2)}; outbox after: ${outbox.toLocaleString('en')} rows`,
    );

    if (values.push) await measurePush(dir, template, purchasesCsv);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measurePush(dir: string, template: string, purchasesCsv: string): Promise<void> {
  const given = values.pg ?? process.env.COUNTERPART_PG_URL;
  const server = given
    ? { url: given, stop: async () => undefined }
    : await startEmbeddedPostgres({
        dataDir: path.join(dir, 'pg'),
        password: crypto.randomBytes(18).toString('base64url'),
        throwaway: true,
      });
  const database = `counterpart_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const pool = createPool(withDatabase(server.url, database), { max: 10 });
  const hub = await startHub({ pool, log: (e) => process.env.BENCH_LOG && console.error(JSON.stringify(e)) });
  try {
    const file = path.join(dir, 'joined.db');
    fs.copyFileSync(template, file);
    const db = openDatabase(file);
    const ctx: ServiceContext = createContext(db);
    const { code } = await issueEnrolmentCode(pool, { storeName: 'Galway', terminalName: 'till-1', now: new Date() });
    await joinHub({ dbFile: file, db, hubUrl: hub.url, code });
    const link = readHubLink(file)!;
    await pushAll(ctx, link);
    await importCsv(ctx, { entity: 'purchases', file: purchasesCsv });
    const queued = unsyncedCount(db);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const { pushed } = await pushAll(ctx, link);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const facts = Number(
      (await pool.query<{ n: string }>("SELECT count(*) AS n FROM facts WHERE entity = 'purchase'")).rows[0]!.n,
    );
    console.log(
      `push: ${pushed.toLocaleString('en')} of ${queued.toLocaleString('en')} queued in ${(ms / 1000).toFixed(1)} s = ${Math.round(pushed / (ms / 1000)).toLocaleString('en')} purchases/s ` +
        `(batches of ${PUSH_BATCH}; terminal CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; hub holds ${facts.toLocaleString('en')}; outbox left ${unsyncedCount(db)})`,
    );
    db.close();
  } finally {
    await hub.close();
    await pool.end();
    await server.stop();
  }
}

void main();
