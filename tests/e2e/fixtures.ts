import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '@common/contract';
import type { Envelope } from '@common/errors';
import { startBackend, type Backend } from '../../main/backend';
import type { ManagedConfig } from '../../main/config/managed-config';
import { newSession } from '../../main/ipc/session';
import { startPreviewServer } from '../../main/preview/server';

/** "Today" for every end-to-end test, in the browser and in the backend, so dates on screen are stable. */
export const E2E_NOW = '2026-11-23T10:30:00.000Z';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface AppFixture {
  /** The page, already showing the app. Same object as the test's `page`. */
  page: Page;
  /** The app's address; a browser that has not opened a link from newLink() gets no further than the start. */
  url: string;
  /** A one-time link giving the browser that opens it a preview session of its own. */
  newLink(): string;
  dbPath: string;
  /** The real backend behind the page; query backend.db to check what was written. */
  backend: Backend;
  /**
   * What the backend wrote to the main log so far. Anything still here when the test ends fails it, so a test that
   * expects a line takes it out (splice) after checking it.
   */
  mainLog: string[];
  /** Calls a contract method as `clerkId` (freshly signed in) with a session of its own, not the page's; for preparing data. */
  call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    clerkId?: number | null,
  ): Promise<Envelope<MethodOutput<M>>>;
}

interface Options {
  /** 'demo': the deterministic demo store; 'empty': a brand-new database (first-launch screens). */
  store: 'demo' | 'empty';
  /** Start of the clock (it runs from there); null uses the real time. */
  now: string | null;
  /** The config file IT would deploy (its keys are read-only in the app); null: none. */
  managed: ManagedConfig | null;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-e2e-'));
}

/** A clock that starts at `start` and then advances in real time, so entries still get increasing timestamps. */
function runningClock(start: string | null): (() => Date) | undefined {
  if (start === null) return undefined;
  const offset = new Date(start).getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export const test = base.extend<Options & { app: AppFixture }, { demoTemplate: string }>({
  store: ['demo', { option: true }],
  now: [E2E_NOW, { option: true }],
  managed: [null, { option: true }],

  // The demo store is generated once per worker, on its own timeout, and copied per test: every test gets its own
  // file and nobody waits for the generator twice.
  demoTemplate: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this object pattern; it has none
    async ({}, use) => {
      const dir = tempDir();
      const file = path.join(dir, 'demo-template.db');
      startBackend({ dbPath: file, demo: true, now: () => new Date(E2E_NOW), log: () => {} }).close();
      await use(file);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  app: async ({ page, store, now, managed, demoTemplate }, use) => {
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw new Error(
        'The renderer is not built; run `npm run build:renderer` before the end-to-end tests (npm test does).',
      );
    }
    const dir = tempDir();
    const dbPath = path.join(dir, 'store.db');
    if (store === 'demo') fs.copyFileSync(demoTemplate, dbPath);
    const mainLog: string[] = [];
    const backend = startBackend({
      dbPath,
      demo: store === 'demo',
      now: runningClock(now),
      managed,
      log: (message, err) =>
        mainLog.push(err === undefined ? message : `${message}: ${err instanceof Error ? err.stack : String(err)}`),
    });
    const server = await startPreviewServer({ backend, staticDir: rendererDir });
    if (now !== null) await page.clock.install({ time: new Date(now) });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The one-time link gives this page its own preview session (a cookie), as `npm run preview` prints it.
    await page.goto(server.newLink());

    const session = newSession();
    const call: AppFixture['call'] = async (method, input, clerkId = null) => {
      // Acts as that clerk having just signed in, so the idle lock does not apply.
      session.clerkId = clerkId;
      session.lastActivityAt = backend.ctx.now().getTime();
      return (await backend.dispatch(method, input, session)) as never;
    };
    await use({ page, url: server.url, newLink: () => server.newLink(), dbPath, backend, mainLog, call });

    await server.close();
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
    // An INTERNAL error, a line no test expected or an uncaught exception in the page is a bug even when the screen
    // looked fine.
    expect(mainLog, 'backend logged lines the test did not expect').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
