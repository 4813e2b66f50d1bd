// A chain of stores under load: `npm run bench:sync -- [--terminals N] [--seconds S] [--changes N] [--customers N]
// [--interactions M] [--pg URL] [--json]`
// Starts a hub on a throwaway embedded PostgreSQL (or a fresh database on the server of --pg / COUNTERPART_PG_URL)
// and measures, in one run, on real HTTP and real SQLite files:
//   1. ingest: N simulated terminals pushing interactions concurrently (interactions/s, push latency);
//   2. a change pushed at one terminal until a second, long-polling terminal has it in its SQLite;
//   3. a new terminal's bootstrap from a hub holding the --customers/--interactions corpus, in a child process (wall
//      time, peak RSS), with counter lookups timed in that process while the bootstrap runs.
// Not part of `npm test`.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { HUB_API } from '@common/sync/api';
import type { Mutation } from '@common/sync/changes';
import { factOrigin } from '@common/sync/changes';
import { HybridClock } from '@common/sync/hlc';
import { uuidv7 } from '@common/sync/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@common/sync/protocol';
import { openDatabase } from '../../main/db/connection';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../main/hub/embedded';
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { createPool, withDatabase, type Pool } from '../../main/hub/pg';
import { startHub } from '../../main/hub/server';
import { addClerk } from '../../main/services/clerks';
import { createContext, type ServiceContext } from '../../main/services/context';
import { searchCustomers } from '../../main/services/customer-search';
import { bootstrap, needsBootstrap } from '../../main/sync/bootstrap';
import { readHubLink } from '../../main/sync/hub-link';
import { INTERACTION_FIELDS } from '../../main/sync/interaction-fields';
import { joinHub } from '../../main/sync/join';
import { startBackgroundSync } from '../../main/sync/session';
import { stat, type Stat } from './stats';

/** The issue's targets (#16, Benchmark). */
const TARGETS = {
  ingestPerSecond: 2_000,
  visibleP99Ms: 2_000,
  bootstrapMs: 180_000,
  bootstrapRssMb: 300,
  lookupP99Ms: 5,
};
/** Interactions per push: what a terminal's outbox sends after a few minutes offline, well under PUSH_BATCH. */
const INGEST_BATCH = 20;
const LAST_NAMES = ['Murphy', 'Kelly', "O'Brien", 'Byrne', 'Ryan', 'Walsh', 'Doyle', 'McCarthy', 'Gallagher', 'Lynch'];
const DAY = 86_400_000;
/** How often the child looks someone up while it bootstraps: a busy counter, several lookups a second. */
const LOOKUP_EVERY_MS = 10;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function args() {
  const { values } = parseArgs({
    options: {
      terminals: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '15' },
      changes: { type: 'string', default: '200' },
      customers: { type: 'string', default: '20000' },
      interactions: { type: 'string', default: '100000' },
      pg: { type: 'string' },
      json: { type: 'boolean', default: false },
      // The bootstrapping child process (spawned by this script): where the hub is and the code to join it with.
      'child-hub': { type: 'string' },
      'child-code': { type: 'string' },
    },
    strict: true,
  });
  const whole = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  return {
    terminals: whole('terminals', 1),
    seconds: whole('seconds', 1),
    changes: whole('changes', 1),
    customers: whole('customers', 100),
    interactions: whole('interactions', 0),
    pg: values.pg ?? process.env.COUNTERPART_PG_URL,
    json: values.json,
    child:
      values['child-hub'] && values['child-code'] ? { hub: values['child-hub'], code: values['child-code'] } : null,
  };
}

/** Padded, so no name is the prefix of thousands of others (Person1 of Person10…Person19999) as no real name is. */
const personName = (n: number) => `Person${String(n).padStart(7, '0')}`;

/** A terminal's SQLite store with one clerk, as `counterpart init` leaves it. */
function newStore(dir: string): { file: string; ctx: ServiceContext } {
  const file = path.join(dir, `${crypto.randomBytes(4).toString('hex')}.db`);
  const db = openDatabase(file, { create: true });
  const ctx = createContext(db);
  addClerk(ctx, 'Bench Clerk', 'manager');
  return { file, ctx };
}

/** An interaction's fields as a terminal's outbox sends them (interactions-out.ts). */
function interactionFields(at: number, n: number): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(INTERACTION_FIELDS.map((f) => [f.field, f.missing]));
  const iso = new Date(at).toISOString();
  Object.assign(fields, {
    createdAt: iso,
    localDay: iso.slice(0, 10),
    kind: 'inquiry',
    outcome: 'resolved',
    notes: `Asked about order ${n}`,
  });
  return { ...fields, clerkId: null, clerkName: 'Bench Clerk', amendsId: null, resolves: [] };
}

/** A terminal driven by hand over HTTP, as tests/helpers/hub-till.ts does in the tests. */
interface Till {
  hubUrl: string;
  credential: string;
  storeId: string;
  clock: HybridClock;
  next: number;
}

async function post(hubUrl: string, route: keyof typeof HUB_API, body: unknown, credential?: string): Promise<any> {
  const res = await fetch(new URL(HUB_API[route].path, hubUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function till(pool: Pool, hubUrl: string, store: string, name: string): Promise<Till> {
  const { code } = await issueEnrolmentCode(pool, { storeName: store, terminalName: name, now: new Date() });
  const t = await post(hubUrl, 'enrol', { code, appVersion: '0.1.0' });
  return { hubUrl, credential: t.credential, storeId: t.store.id, clock: new HybridClock(t.terminal.id), next: 1 };
}

async function push(t: Till, bodies: Omit<Mutation, 'mutationId' | 'hlc'>[]): Promise<void> {
  const mutations = bodies.map((b) => ({ ...b, hlc: t.clock.tick(), mutationId: t.next++ }));
  await post(t.hubUrl, 'push', { storeId: t.storeId, mutations }, t.credential);
}

const customer = (id: string, n: number) =>
  ({
    entity: 'customer',
    kind: 'upsert',
    id,
    fields: {
      firstName: personName(n),
      lastName: LAST_NAMES[n % LAST_NAMES.length],
      phone: `08${String(n).padStart(8, '0')}`,
    },
  }) as const;
const interaction = (customerId: string, n: number) =>
  ({
    entity: 'interaction',
    kind: 'append',
    id: uuidv7(),
    customerId,
    fields: interactionFields(Date.now(), n),
  }) as Omit<Mutation, 'mutationId' | 'hlc'>;

/** 1. N terminals pushing batches of interactions back to back for `seconds`. */
async function ingest(pool: Pool, hubUrl: string, terminals: number, seconds: number) {
  const tills = await Promise.all(
    Array.from({ length: terminals }, (_, i) => till(pool, hubUrl, `Store ${i % 10}`, `ingest-${i}`)),
  );
  const people = Array.from({ length: 100 }, () => uuidv7());
  await push(
    tills[0]!,
    people.map((id, n) => customer(id, n)),
  );
  const latencies: number[] = [];
  let sent = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    tills.map(async (t, i) => {
      while (performance.now() < end) {
        const batch = Array.from({ length: INGEST_BATCH }, (_, j) =>
          interaction(people[(i + j) % people.length]!, sent + j),
        );
        const t0 = performance.now();
        await push(t, batch);
        latencies.push(performance.now() - t0);
        sent += batch.length;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { perSecond: sent / elapsed, sent, seconds: elapsed, latency: stat('push latency', latencies) };
}

/** 2. One terminal pushes, one by one; a second terminal runs the app's background sync on a real SQLite file. */
async function visibility(pool: Pool, hubUrl: string, dir: string, changes: number) {
  const writer = await till(pool, hubUrl, 'Galway', 'writer');
  const person = uuidv7();
  await push(writer, [customer(person, 0)]);
  const reader = newStore(dir);
  const { code } = await issueEnrolmentCode(pool, { storeName: 'Cork', terminalName: 'reader', now: new Date() });
  await joinHub({ dbFile: reader.file, db: reader.ctx.db, hubUrl, code, allowHttp: true });
  const seen = reader.ctx.db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM sync_ids WHERE entity = 'interaction' AND global_id = ?",
  );
  const sync = startBackgroundSync(reader.ctx, readHubLink(reader.file)!);
  const waitFor = async (check: () => boolean, what: string) => {
    const until = Date.now() + 60_000;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  const times: number[] = [];
  try {
    // The reader's bootstrap (all of the ingest's history) is not part of this measure.
    await waitFor(() => !needsBootstrap(reader.ctx.db), 'the reader to catch up');
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < changes; i++) {
      const change = interaction(person, i);
      const t0 = performance.now();
      await push(writer, [change]);
      await waitFor(() => seen.get(change.id)!.n > 0, `change ${i}`);
      times.push(performance.now() - t0);
      // A clerk's pace is seconds; a short gap lets the reader go back to its long poll as it would.
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await sync.stop();
    reader.ctx.db.close();
  }
  return stat('change visible at another terminal', times);
}

/**
 * The bootstrap corpus, written straight into the hub's tables in batches: the rows a push of these customers and
 * interactions would have left (customer, its fields with their stamp, the fact with where it was logged, the feed).
 */
async function loadCorpus(pool: Pool, hubUrl: string, customers: number, interactions: number): Promise<string[]> {
  const origin = await till(pool, hubUrl, 'Limerick', 'importer');
  const { rows } = await pool.query<{ id: string; sid: string; sname: string; tname: string }>(
    'SELECT t.id, s.id AS sid, s.name AS sname, t.name AS tname FROM terminals t JOIN stores s ON s.id = t.store_id ORDER BY t.enrolled_at DESC LIMIT 1',
  );
  const t = rows[0]!;
  const names = factOrigin({ store: { name: t.sname }, terminal: { name: t.tname } });
  const ids: string[] = [];
  const now = Date.now();
  const BATCH = 5_000;
  for (let from = 0; from < customers; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, customers - from) }, (_, k) => {
      const n = from + k;
      const id = uuidv7(now - 3 * 365 * DAY + n);
      ids.push(id);
      return { id, hlc: origin.clock.tick(), fields: customer(id, n).fields };
    });
    await pool.query(
      `WITH c AS (INSERT INTO customers (id, origin_store_id, origin_terminal_id, created_at)
                  SELECT unnest($1::uuid[]), $4, $5, now() RETURNING id),
            f AS (INSERT INTO customer_fields (customer_id, field, value, hlc)
                  SELECT x.id, e.key, e.value, x.hlc FROM unnest($1::uuid[], $2::jsonb[], $3::text[]) AS x(id, fields, hlc), jsonb_each(x.fields) e)
       INSERT INTO changes (entity, entity_id, kind, hlc, body, origin_store_id, origin_terminal_id, committed_at)
       SELECT 'customer', x.id, 'upsert', x.hlc,
              jsonb_build_object('fields', (SELECT jsonb_object_agg(e.key, jsonb_build_object('value', e.value, 'hlc', x.hlc)) FROM jsonb_each(x.fields) e)),
              $4, $5, now()
         FROM unnest($1::uuid[], $2::jsonb[], $3::text[]) AS x(id, fields, hlc)`,
      [batch.map((b) => b.id), batch.map((b) => JSON.stringify(b.fields)), batch.map((b) => b.hlc), t.sid, t.id],
    );
  }
  for (let from = 0; from < interactions; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, interactions - from) }, (_, k) => {
      const n = from + k;
      // Spread over the last year, inside the default two-year history window.
      const at = now - Math.floor(((interactions - n) / interactions) * 365 * DAY);
      return {
        id: uuidv7(at),
        customer: ids[n % ids.length]!,
        hlc: origin.clock.tick(),
        fields: { ...interactionFields(at, n), ...names },
      };
    });
    await pool.query(
      `WITH f AS (INSERT INTO facts (id, entity, customer_id, hlc, fields, origin_store_id, origin_terminal_id, recorded_at)
                  SELECT x.id, 'interaction', x.customer, x.hlc, x.fields, $5, $6, now()
                    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[]) AS x(id, customer, hlc, fields))
       INSERT INTO changes (entity, entity_id, kind, hlc, body, origin_store_id, origin_terminal_id, committed_at)
       SELECT 'interaction', x.id, 'append', x.hlc, NULL, $5, $6, now() FROM unnest($1::uuid[], $3::text[]) AS x(id, hlc)`,
      [
        batch.map((b) => b.id),
        batch.map((b) => b.customer),
        batch.map((b) => b.hlc),
        batch.map((b) => JSON.stringify(b.fields)),
        t.sid,
        t.id,
      ],
    );
  }
  await pool.query('ANALYZE');
  return ids;
}

interface ChildResult {
  wallMs: number;
  /** The child's own CPU time over the bootstrap (user + system): on a shared machine, wall time is mostly waiting. */
  cpuMs: number;
  maxRssMb: number;
  customers: number;
  /** The lookup's own time. */
  lookups: Stat;
  /** From when it was asked: its own time and the wait for the thread the bootstrap shares. */
  felt: Stat;
  /** The same lookups once the bootstrap is done. */
  after: Stat;
}

/** 3, inside the child: join, bootstrap, and look people up every few ms while it runs (as the counter would). */
async function bootstrapChild(hubUrl: string, code: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-sync-bench-child-'));
  try {
    const store = newStore(dir);
    await joinHub({ dbFile: store.file, db: store.ctx.db, hubUrl, code, allowHttp: true });
    // The counter's lookup runs on the same thread as the sync (the app's main process), so what the clerk waits for
    // is the lookup itself plus whatever the bootstrap holds the thread with when it is asked: both are kept.
    const own: number[] = [];
    const felt: number[] = [];
    let copied = false;
    let stopped = false;
    let n = 0;
    const lookup = () => {
      // A person of the first page (copied in id order, so there from the first progress on), by name as typed.
      const k = (n++ * 7919) % 1000;
      const query = `${personName(k)} ${LAST_NAMES[k % LAST_NAMES.length]!.slice(0, 4).toLowerCase()}`;
      const t0 = performance.now();
      searchCustomers(store.ctx, query);
      return performance.now() - t0;
    };
    lookup(); // a running app has looked people up before: its statements are prepared
    let asked = 0;
    const tick = () => {
      if (stopped) return;
      if (copied) {
        const waited = Math.max(0, performance.now() - asked);
        const took = lookup();
        own.push(took);
        felt.push(waited + took);
      }
      asked = performance.now() + LOOKUP_EVERY_MS;
      setTimeout(tick, LOOKUP_EVERY_MS);
    };
    tick();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await bootstrap(store.ctx, readHubLink(store.file)!, {
      onProgress: () => {
        copied = true;
      },
    });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    stopped = true;
    // The same lookups with the bootstrap done: what this machine gives them at all, measured in the same run.
    const after = Array.from({ length: 300 }, lookup);
    const customers = store.ctx.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()!.n;
    const result: ChildResult = {
      wallMs,
      cpuMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      customers,
      lookups: stat('lookup during bootstrap', own),
      felt: stat('lookup during bootstrap, with its wait', felt),
      after: stat('lookup after bootstrap', after),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    store.ctx.db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(hubUrl: string, code: string): Promise<ChildResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    // The same runtime and loader (tsx) as this process.
    const child = spawn(process.execPath, [...process.execArgv, script, '--child-hub', hubUrl, '--child-code', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (status) =>
      status === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult)
        : reject(new Error(`bootstrap child exited ${status}`)),
    );
  });
}

async function startPostgres(given: string | undefined): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  if (given) return { serverUrl: given, stop: async () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-sync-bench-'));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data folder
  const server: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    password: crypto.randomBytes(18).toString('base64url'),
    throwaway: true,
  });
  return {
    serverUrl: server.url,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onServer(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  const a = args();
  if (a.child) return bootstrapChild(a.child.hub, a.child.code);
  const say = (text: string) => !a.json && process.stderr.write(`${text}\n`);
  say(a.pg ? 'Using the given PostgreSQL server …' : 'Starting a throwaway embedded PostgreSQL …');
  const server = await startPostgres(a.pg);
  const database = `counterpart_bench_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(server.serverUrl, `CREATE DATABASE ${database}`);
  const pool = createPool(withDatabase(server.serverUrl, database), { max: 20 });
  const hub = await startHub({ pool, log: () => undefined });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-sync-bench-stores-'));
  try {
    say(`1. ${a.terminals} terminals pushing interactions for ${a.seconds} s …`);
    const ingested = await ingest(pool, hub.url, a.terminals, a.seconds);
    say(`2. ${a.changes} changes, one terminal to another …`);
    const visible = await visibility(pool, hub.url, dir, a.changes);
    say(
      `3. Loading ${a.customers.toLocaleString('en')} customers and ${a.interactions.toLocaleString('en')} interactions into the hub …`,
    );
    const loadStart = performance.now();
    await loadCorpus(pool, hub.url, a.customers, a.interactions);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    say(`   loaded in ${loadSeconds.toFixed(0)} s; bootstrapping a new terminal …`);
    const { code } = await issueEnrolmentCode(pool, { storeName: 'Sligo', terminalName: 'new-till', now: new Date() });
    const boot = await runChild(hub.url, code);
    // The hub's database on disk (tables, indexes, TOAST): what sizing a PostgreSQL for a chain starts from.
    const held = await pool.query<{ c: string; f: string; bytes: string }>(
      'SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM facts) AS f, pg_database_size(current_database()) AS bytes',
    );
    const corpus = {
      customers: Number(held.rows[0]!.c),
      interactions: Number(held.rows[0]!.f),
      databaseMb: Number(held.rows[0]!.bytes) / 2 ** 20,
    };

    const rows = [
      {
        measure: 'hub ingest, interactions/s',
        value: ingested.perSecond,
        target: `≥ ${TARGETS.ingestPerSecond}`,
        pass: ingested.perSecond >= TARGETS.ingestPerSecond,
      },
      {
        measure: 'push latency p50 / p99, ms',
        value: `${ingested.latency.p50.toFixed(0)} / ${ingested.latency.p99.toFixed(0)}`,
        target: '',
        pass: null,
      },
      {
        measure: 'change visible elsewhere p50 / p99, ms',
        value: `${visible.p50.toFixed(0)} / ${visible.p99.toFixed(0)}`,
        target: `p99 ≤ ${TARGETS.visibleP99Ms}`,
        pass: visible.p99 <= TARGETS.visibleP99Ms,
      },
      {
        measure: 'bootstrap wall time, s',
        value: boot.wallMs / 1000,
        target: `≤ ${TARGETS.bootstrapMs / 1000}`,
        pass: boot.wallMs <= TARGETS.bootstrapMs,
      },
      {
        measure: "bootstrap CPU time of the terminal's process, s (its lookups included)",
        value: boot.cpuMs / 1000,
        target: '',
        pass: null,
      },
      {
        measure: 'bootstrap peak RSS, MB',
        value: boot.maxRssMb,
        target: `≤ ${TARGETS.bootstrapRssMb}`,
        pass: boot.maxRssMb <= TARGETS.bootstrapRssMb,
      },
      {
        measure: `lookup during bootstrap p50 / p99, ms (n=${boot.lookups.n})`,
        value: `${boot.lookups.p50.toFixed(2)} / ${boot.lookups.p99.toFixed(2)}`,
        target: `p99 ≤ ${TARGETS.lookupP99Ms}`,
        pass: boot.lookups.p99 <= TARGETS.lookupP99Ms,
      },
      {
        measure: 'the same lookups after the bootstrap p50 / p99, ms',
        value: `${boot.after.p50.toFixed(2)} / ${boot.after.p99.toFixed(2)}`,
        target: '',
        pass: null,
      },
      {
        measure: 'the same, with the wait for the shared thread, p50 / p99, ms',
        value: `${boot.felt.p50.toFixed(2)} / ${boot.felt.p99.toFixed(2)}`,
        target: `p99 ≤ ${TARGETS.lookupP99Ms}`,
        pass: boot.felt.p99 <= TARGETS.lookupP99Ms,
      },
    ];
    if (a.json) {
      process.stdout.write(
        `${JSON.stringify({ terminals: a.terminals, seconds: a.seconds, corpus, loadSeconds, ingest: ingested, visible, bootstrap: boot, targets: TARGETS, rows }, null, 2)}\n`,
      );
      return;
    }
    const fmt = (v: number | string) =>
      typeof v === 'number' ? v.toLocaleString('en', { maximumFractionDigits: 1 }) : v;
    console.log(
      `\n${a.terminals} terminals, ${ingested.sent.toLocaleString('en')} interactions pushed in ${ingested.seconds.toFixed(1)} s; hub corpus ${corpus.customers.toLocaleString('en')} customers, ${corpus.interactions.toLocaleString('en')} interactions, ${corpus.databaseMb.toFixed(0)} MB in PostgreSQL (${os.cpus().length} cores, PostgreSQL on the same machine)`,
    );
    console.log('| measure | value | target | pass |\n| --- | --- | --- | --- |');
    for (const r of rows)
      console.log(`| ${r.measure} | ${fmt(r.value)} | ${r.target} | ${r.pass === null ? '' : r.pass ? 'yes' : 'NO'} |`);
  } finally {
    await hub.close();
    await pool.end();
    await onServer(server.serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
