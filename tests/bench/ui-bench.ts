// What the clerk sees: `npm run bench:ui -- [--customers N] [--db FILE] [--rounds N] [--json]`
// Drives the built renderer in Chromium over the preview transport (the same server `npm run preview` starts) on a
// demo store of N customers, types a fixed list of queries key by key and opens the best match of each. Measures,
// in the page, from the key's own timestamp to the frame after the list answering exactly what is in the box (or
// the opened profile with its first timeline row) is in the DOM, and where a key's time goes: until its request is
// sent, the round trip, the answer until the list is in the DOM, then until the frame is painted; and the server's
// own time for the lookup. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { startBackend } from '../../main/backend';
import { CLERKS, DEMO_PIN } from '../../main/services/demo/catalog';
import { startPreviewServer } from '../../main/preview/server';
import { CHROMIUM_ARGS, chromiumExecutable } from '../helpers/chromium';
import { stat, type Stat } from './stats';

/** Name, partial name, typo, run-together, phone tail, email start: the shapes a clerk types. */
export const UI_QUERIES = ['obrien', 'murphy', 'mary k', 'obrein', 'deburca', '4567', 'sean.', 'kelly j'];
/** A quick typist: about 12 keys a second, faster than the old debounce let an answer through. */
const KEY_GAP_MS = 80;

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

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
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const customers = Number(values.customers);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(customers) || customers < 100) fail('--customers must be a whole number of at least 100');
  if (!Number.isInteger(rounds) || rounds < 1) fail('--rounds must be a whole number of at least 1');
  return { customers, rounds, db: values.db, json: values.json };
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
    const mark = (asked[JSON.parse(init.body).query] = { sent: performance.now(), back: NaN });
    const res = await pageFetch(url, init);
    mark.back = performance.now();
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
            if (mark) bench.parts = [mark.sent - bench.lastKey, mark.back - mark.sent, inDom - mark.back, t - inDom];
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
  '  request round trip',
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

async function main(): Promise<void> {
  const a = args();
  if (!fs.existsSync(path.join(rendererDir, 'index.html')))
    fail('The renderer is not built; run `npm run build:renderer` first.');
  const say = (text: string) => !a.json && process.stderr.write(`${text}\n`);
  const temp = a.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-ui-bench-'));
  const dbPath = a.db ? path.resolve(a.db) : path.join(temp!, 'bench.db');
  if (!fs.existsSync(dbPath)) say(`Seeding ${a.customers.toLocaleString('en')} customers into ${dbPath} …`);
  const backend = startBackend({ dbPath, demo: true, demoCustomers: a.customers, log: () => {} });
  const held = backend.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  if (a.db && Math.abs(held - a.customers) > 1)
    say(`${dbPath} holds ${held.toLocaleString('en')} customers; measuring on that.`);
  // The server's own time for each lookup (validation, session, the search), around the same dispatcher it calls.
  const lookups: number[] = [];
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
  const server = await startPreviewServer({ backend: timed, staticDir: rendererDir });
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    headless: true,
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  const keys: number[] = [];
  const parts: number[][] = PARTS.map(() => []);
  const opens: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript({ content: PAGE_PROBE });
    await page.goto(server.newLink());
    const clerk = CLERKS[0]!.name;
    await page.getByRole('button', { name: new RegExp(clerk) }).click();
    await page.getByLabel('Your PIN').fill(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Find customer' }).waitFor();
    for (let round = 0; round < a.rounds; round++) {
      for (const query of UI_QUERIES) {
        await page.keyboard.press('Control+k');
        await page.keyboard.press('Backspace');
        for (let i = 1; i <= query.length; i++) {
          const key = await measure(page, 'results', query.slice(0, i), query[i - 1]!);
          if (query.slice(0, i).trim()) {
            keys.push(key.ms);
            for (const [p, ms] of (key.parts ?? []).entries()) parts[p]!.push(ms);
          }
          await page.waitForTimeout(KEY_GAP_MS);
        }
        const first = page.locator('#search-results [role="option"][data-customer-id] .hit-name').first();
        if ((await first.count()) === 0) continue;
        const name = (await first.textContent()) ?? '';
        opens.push((await measure(page, 'profile', name, 'Enter')).ms);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    backend.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
  const rows: Stat[] = [
    stat('keystroke → results painted', keys),
    ...PARTS.map((name, p) => stat(name, parts[p]!)),
    stat('  server: customers.search dispatched', lookups),
    stat('profile open → painted', opens),
  ];
  if (a.json) {
    process.stdout.write(
      `${JSON.stringify({ customers: held, rounds: a.rounds, queries: UI_QUERIES, results: rows }, null, 2)}\n`,
    );
    return;
  }
  const fmt = (x: number) => x.toFixed(1);
  console.log(
    `\n${held.toLocaleString('en')} customers, Chromium over the preview transport, ${a.rounds} round(s) of ${UI_QUERIES.length} queries`,
  );
  console.log('| measure | n | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} |`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
