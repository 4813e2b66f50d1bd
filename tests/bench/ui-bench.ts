// What the clerk sees: `npm run bench:ui -- [--customers N] [--db FILE] [--rounds N] [--renderer DIR]... [--trace FILE]
// [--json]`
// Drives the built renderer in Chromium over the preview transport (the same server `npm run preview` starts) on a
// demo store of N customers, types a fixed list of queries key by key and opens the best match of each. Measures,
// in the page, from the key's own timestamp to the frame after the list answering exactly what is in the box (or
// the opened profile with its first timeline row) is in the DOM, and where a key's time goes: until its request is
// sent, the round trip until the answer's head is back, reading its body, the answer until the list is in the DOM,
// then until the frame is painted; and the server's own time for the lookup. Given `--renderer` more than once
// (builds of the renderer before and after a change), it signs in once in each and alternates them round by round
// on the same store and server process, so a shared machine's load falls on both alike, and prints each build's
// figures beside the first's as a ratio. `--trace FILE` records a Chromium performance trace of the first build's
// typing (open it in the browser's Performance panel). Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from '@playwright/test';
import { startBackend } from '../../main/backend';
import { CLERKS, DEMO_PIN } from '../../main/services/demo/catalog';
import { startPreviewServer } from '../../main/preview/server';
import { CHROMIUM_ARGS, chromiumExecutable } from '../helpers/chromium';
import { stat, type Stat } from './stats';

/** Name, partial name, typo, run-together, phone tail, email start: the shapes a clerk types. */
export const UI_QUERIES = ['obrien', 'murphy', 'mary k', 'obrein', 'deburca', '4567', 'sean.', 'kelly j'];
/** A quick typist: about 12 keys a second, faster than the old debounce let an answer through. */
const KEY_GAP_MS = 80;

const defaultRenderer = fileURLToPath(new URL('../../out/renderer', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function args() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '20000' },
      db: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      renderer: { type: 'string', multiple: true },
      trace: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const customers = Number(values.customers);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(customers) || customers < 100) fail('--customers must be a whole number of at least 100');
  if (!Number.isInteger(rounds) || rounds < 1) fail('--rounds must be a whole number of at least 1');
  const renderers = (values.renderer ?? [defaultRenderer]).map((dir) => path.resolve(dir));
  for (const dir of renderers)
    if (!fs.existsSync(path.join(dir, 'index.html')))
      fail(`${dir} holds no built renderer; run \`npm run build:renderer\` first.`);
  return { customers, rounds, db: values.db, renderers, trace: values.trace, json: values.json };
}

/**
 * Installed in the page before the app (plain JavaScript: the Node project has no DOM types). Remembers when the
 * last key went down; `arm` makes `done` resolve, in ms since that key, once the screen shows what the key asked for
 * and a frame has been painted with it, with the parts of that time (`parts`) for a search. The page's fetch is
 * wrapped to see when the search for the expected query leaves and when its answer is back.
 */
const PAGE_PROBE = `(() => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  let asked = {};
  const pageFetch = window.fetch.bind(window);
  window.fetch = async (url, init) => {
    if (!String(url).endsWith('/rpc/customers.search')) return pageFetch(url, init);
    const mark = (asked[JSON.parse(init.body).query] = { sent: performance.now(), back: NaN, read: NaN });
    const res = await pageFetch(url, init);
    mark.back = performance.now();
    const read = res.json.bind(res);
    res.json = async () => {
      const value = await read();
      mark.read = performance.now();
      return value;
    };
    return res;
  };
  const ready = {
    results(expected) {
      const box = document.getElementById('customer-search');
      const list = document.getElementById('search-results');
      return box?.value === expected && list?.getAttribute('aria-busy') === 'false' && list.dataset.answers === expected.trim();
    },
    profile(expected) {
      return document.getElementById('customer-name')?.textContent === expected &&
        document.querySelector('#timeline-scroll [data-index="0"], .timeline .empty-note') !== null;
    },
  };
  const bench = {
    lastKey: 0,
    done: Promise.resolve(0),
    parts: null,
    arm(kind, expected) {
      asked = {};
      bench.parts = null;
      bench.done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (!ready[kind](expected)) return;
          observer.disconnect();
          const inDom = performance.now();
          void painted().then((t) => {
            const mark = asked[expected.trim()];
            if (mark)
              bench.parts = [mark.sent - bench.lastKey, mark.back - mark.sent, mark.read - mark.back, inDom - mark.read, t - inDom];
            resolve(t - bench.lastKey);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    },
  };
  window.__bench = bench;
  document.addEventListener('keydown', (e) => { bench.lastKey = e.timeStamp; }, true);
})();`;

/** The parts of a key's time, in the order PAGE_PROBE records them. */
const PARTS = [
  '  key → its request sent',
  '  request round trip (to the answer head)',
  '  answer body read',
  '  answer → list in the DOM',
  '  list in the DOM → painted',
] as const;

async function measure(
  page: Page,
  kind: 'results' | 'profile',
  expected: string,
  key: string,
): Promise<{ ms: number; parts: number[] | null }> {
  await page.evaluate(`window.__bench.arm(${JSON.stringify(kind)}, ${JSON.stringify(expected)})`);
  await page.keyboard.press(key);
  const ms = (await page.evaluate('window.__bench.done')) as number;
  return { ms, parts: (await page.evaluate('window.__bench.parts')) as number[] | null };
}

/** One build of the renderer under test: its own preview server (same backend) and signed-in page. */
interface Lane {
  dir: string;
  page: Page;
  close(): Promise<void>;
  keys: number[];
  parts: number[][];
  lookups: number[];
  opens: number[];
}

async function openLane(
  backend: ReturnType<typeof startBackend>,
  browser: Browser,
  dir: string,
  trace: string | undefined,
): Promise<Lane> {
  const lookups: number[] = [];
  // The server's own time for each lookup (validation, session, the search), around the same dispatcher it calls.
  const timed: Pick<typeof backend, 'dispatch'> = {
    dispatch: async (method, input, session) => {
      const started = performance.now();
      try {
        return await backend.dispatch(method, input, session);
      } finally {
        if (method === 'customers.search') lookups.push(performance.now() - started);
      }
    },
  };
  const server = await startPreviewServer({ backend: timed, staticDir: dir });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript({ content: PAGE_PROBE });
  await page.goto(server.newLink());
  await page.getByRole('button', { name: new RegExp(CLERKS[0]!.name) }).click();
  await page.getByLabel('Your PIN').fill(DEMO_PIN);
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Find customer' }).waitFor();
  if (trace)
    await browser.startTracing(page, {
      path: trace,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'loading',
        'disabled-by-default-v8.cpu_profiler',
      ],
    });
  return {
    dir,
    page,
    close: async () => {
      if (trace) await browser.stopTracing();
      await context.close();
      await server.close();
    },
    keys: [],
    parts: PARTS.map(() => []),
    lookups,
    opens: [],
  };
}

/** Types every query key by key into one build, then opens its best match. */
async function round(lane: Lane): Promise<void> {
  const { page } = lane;
  for (const query of UI_QUERIES) {
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Backspace');
    for (let i = 1; i <= query.length; i++) {
      const key = await measure(page, 'results', query.slice(0, i), query[i - 1]!);
      if (query.slice(0, i).trim()) {
        lane.keys.push(key.ms);
        for (const [p, ms] of (key.parts ?? []).entries()) lane.parts[p]!.push(ms);
      }
      await page.waitForTimeout(KEY_GAP_MS);
    }
    const first = page.locator('#search-results [role="option"][data-customer-id] .hit-name').first();
    if ((await first.count()) === 0) continue;
    const name = (await first.textContent()) ?? '';
    lane.opens.push((await measure(page, 'profile', name, 'Enter')).ms);
  }
}

const statsOf = (lane: Lane): Stat[] => [
  stat('keystroke → results painted', lane.keys),
  ...PARTS.map((name, p) => stat(name, lane.parts[p]!)),
  stat('  server: customers.search dispatched', lane.lookups),
  stat('profile open → painted', lane.opens),
];

async function main(): Promise<void> {
  const a = args();
  const say = (text: string) => !a.json && process.stderr.write(`${text}\n`);
  const temp = a.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-ui-bench-'));
  const dbPath = a.db ? path.resolve(a.db) : path.join(temp!, 'bench.db');
  if (!fs.existsSync(dbPath)) say(`Seeding ${a.customers.toLocaleString('en')} customers into ${dbPath} …`);
  const backend = startBackend({ dbPath, demo: true, demoCustomers: a.customers, log: () => {} });
  const held = backend.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  if (a.db && Math.abs(held - a.customers) > 1)
    say(`${dbPath} holds ${held.toLocaleString('en')} customers; measuring on that.`);
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    headless: true,
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  const lanes: Lane[] = [];
  try {
    for (const [i, dir] of a.renderers.entries())
      lanes.push(await openLane(backend, browser, dir, i === 0 ? a.trace : undefined));
    // Alternating, and in the other order every second round, so neither build always runs first.
    for (let r = 0; r < a.rounds; r++) for (const lane of r % 2 ? [...lanes].reverse() : lanes) await round(lane);
  } finally {
    for (const lane of lanes) await lane.close();
    await browser.close();
    backend.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
  const results = lanes.map((lane) => ({ renderer: lane.dir, results: statsOf(lane) }));
  if (a.json) {
    process.stdout.write(
      `${JSON.stringify({ customers: held, rounds: a.rounds, queries: UI_QUERIES, builds: results }, null, 2)}\n`,
    );
    return;
  }
  const fmt = (x: number) => x.toFixed(1);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\n${held.toLocaleString('en')} customers, Chromium over the preview transport, ${a.rounds} round(s) of ${UI_QUERIES.length} queries, load average ${load}`,
  );
  const [base, ...others] = results;
  for (const [i, r] of results.entries()) console.log(`build ${String.fromCharCode(65 + i)}: ${r.renderer}`);
  const head = results.map((_, i) => `${String.fromCharCode(65 + i)} n | p50 ms | p99 ms | max ms`).join(' | ');
  const ratios = others.map((_, i) => ` | ${String.fromCharCode(66 + i)}/A p50 | p99`).join('');
  console.log(`| measure | ${head}${ratios} |`);
  console.log(`| --- |${' --- |'.repeat(results.length * 4 + others.length * 2)}`);
  for (const [row, s] of base!.results.entries()) {
    const cells = results.map(({ results: rs }) => {
      const x = rs[row]!;
      return `${x.n} | ${fmt(x.p50)} | ${fmt(x.p99)} | ${fmt(x.max)}`;
    });
    const ratio = others.map(({ results: rs }) => {
      const x = rs[row]!;
      return ` | ${(x.p50 / s.p50).toFixed(2)} | ${(x.p99 / s.p99).toFixed(2)}`;
    });
    console.log(`| ${s.name} | ${cells.join(' | ')}${ratio.join('')} |`);
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
