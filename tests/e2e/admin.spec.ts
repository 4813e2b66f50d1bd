// The admin's back office end to end: importing a till export with its progress, refused rows and a second run,
// backups with a restore, the diagnostics file, an accessibility scan of both tabs, and what a manager is not offered.
// The store here is opened the way the desktop app opens it (with a backup folder and restores that reopen the file),
// served over the same loopback preview transport as the other end-to-end tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '@common/contract';
import type { Envelope } from '@common/errors';
import type { DB } from '../../main/db/connection';
import { newSession } from '../../main/ipc/session';
import { startPreviewServer } from '../../main/preview/server';
import { openStore, type StoreLifecycle } from '../../main/store-lifecycle';
import { E2E_NOW, expect, test as base } from './fixtures';
import { ADMIN, MANAGER, expectAccessible, openBackOffice, signIn, snap } from './manager-helpers';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const CUSTOMERS_CSV = fileURLToPath(new URL('../fixtures/import/admin-customers.csv', import.meta.url));

interface AdminApp {
  page: Page;
  store: StoreLifecycle;
  /** The open database; a restore replaces it, so ask again after one. */
  db(): DB;
  call<M extends MethodName>(method: M, input: MethodInput<M>, as: string): Promise<Envelope<MethodOutput<M>>>;
}

const test = base.extend<{ admin: AdminApp }>({
  admin: async ({ page, demoTemplate }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-e2e-admin-'));
    const dbPath = path.join(dir, 'store.db');
    fs.copyFileSync(demoTemplate, dbPath);
    const offset = new Date(E2E_NOW).getTime() - Date.now();
    const errors: string[] = [];
    const store = openStore({
      dbPath,
      backupDir: path.join(dir, 'backups'),
      now: () => new Date(Date.now() + offset),
      log: (message, err) => errors.push(`${message}: ${err instanceof Error ? err.stack : String(err)}`),
    });
    const db = () => store.current()!.db;
    const server = await startPreviewServer({ backend: store, staticDir: rendererDir });
    await page.clock.install({ time: new Date(E2E_NOW) });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.newLink());

    const session = newSession();
    const call: AdminApp['call'] = async (method, input, as) => {
      const row = db().prepare('SELECT id FROM clerks WHERE display_name = ?').get(as) as { id: number };
      session.clerkId = row.id;
      session.lastActivityAt = Date.now() + offset;
      return (await store.dispatch(method, input, session)) as never;
    };
    await use({ page, store, db, call });

    await server.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(errors, 'backend logged internal errors').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

const countOf = (db: DB, where: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM customers WHERE ${where}`).get() as { n: number }).n;
const savedText = async (d: Download) => fs.readFileSync((await d.path())!, 'utf8');

/** The count shown on the result card under a label. */
const count = (page: Page, label: string) =>
  page
    .getByTestId('import-summary')
    .locator('.kpi', { has: page.getByText(label, { exact: true }) })
    .locator('.kpi-value');

test('import: dry run, real import with progress and refused rows, then the same file again adds nothing', async ({
  admin,
  page,
}, testInfo) => {
  const imported = "loyalty_id LIKE 'ADM%'";
  expect(countOf(admin.db(), imported)).toBe(0);
  await signIn(page, ADMIN);
  await openBackOffice(page, 'Import');
  await expect(page.getByRole('heading', { level: 2, name: 'Import' })).toBeVisible();
  await expectAccessible(page, testInfo, 'import');

  // Starting without a file says so.
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose the CSV file' })).toBeVisible();

  await expect(page.getByRole('radio', { name: 'Customers' })).toBeChecked();
  await page.getByLabel('CSV file').setInputFiles(CUSTOMERS_CSV);
  await expect(page.getByRole('checkbox', { name: /^Dry run/ })).toBeChecked();
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByRole('heading', { name: 'Dry run of admin-customers.csv' })).toBeVisible();
  await expect(page.getByTestId('import-progress-text')).toHaveText('100% — line 7 (finished)');
  await expect(count(page, 'Would be inserted')).toHaveText('5');
  await expect(count(page, 'Refused')).toHaveText('1');
  await expect(page.getByTestId('announcer')).toHaveText(
    'Dry run of admin-customers.csv finished: 6 rows read, 5 would be inserted, 1 refused',
  );
  expect(countOf(admin.db(), imported)).toBe(0);

  // After a clean dry run the box is cleared: the next run is the real one.
  await expect(page.getByRole('checkbox', { name: /^Dry run/ })).not.toBeChecked();
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByRole('heading', { name: 'Import of admin-customers.csv' })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(page.getByTestId('import-progress-text')).toHaveText('100% — line 7 (finished)');
  expect(
    await bar.evaluate(
      (el) => (el as unknown as { value: number; max: number }).value === (el as unknown as { max: number }).max,
    ),
  ).toBe(true);
  await expect(count(page, 'Inserted')).toHaveText('5');
  await expect(count(page, 'Refused')).toHaveText('1');
  await expect(page.getByTestId('announcer')).toHaveText(
    'Import of admin-customers.csv finished: 6 rows read, 5 inserted, 1 refused',
  );
  expect(countOf(admin.db(), imported)).toBe(5);
  await snap(page, testInfo, 'import-result');
  await expectAccessible(page, testInfo, 'import result');

  // The refused row comes back with its line number and the reason.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download rejected rows (1 row)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('admin-customers.rejected-rows.csv');
  const rows = (await savedText(download))
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/);
  expect(rows[0]).toBe('line,reason,reason_code,Card No,First Name,Surname,E-mail,Opt-in');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toMatch(/^5,.*e-?mail.*,importRow\.invalidValue,ADM-0004,Bad,Address,not-an-email,no$/i);
  await expect(page.getByTestId('announcer')).toHaveText('Refused rows saved as admin-customers.rejected-rows.csv');

  // The same file again: everything is already there.
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByTestId('announcer')).toHaveText(
    'Import of admin-customers.csv finished: 6 rows read, 0 inserted, 1 refused',
  );
  await expect(count(page, 'Inserted')).toHaveText('0');
  await expect(count(page, 'Unchanged')).toHaveText('5');
  expect(countOf(admin.db(), imported)).toBe(5);

  // Leaving the tab and coming back finds the last import where it was.
  await page.getByRole('tab', { name: 'Team' }).click();
  await page.getByRole('tab', { name: 'Import' }).click();
  await expect(count(page, 'Unchanged')).toHaveText('5');
});

test('import: a dry run lists by name the rows whose card belongs to someone else, and nothing changes', async ({
  admin,
  page,
}, testInfo) => {
  const mary = admin
    .db()
    .prepare("SELECT * FROM customers WHERE first_name = 'Mary' AND last_name = 'O''Brien' ORDER BY id LIMIT 1")
    .get() as { id: number; loyalty_id: string };
  const file = testInfo.outputPath('pos-export.csv');
  fs.writeFileSync(
    file,
    `First Name,Last Name,Phone,Email,Card,Birthday,Opt-in\nNuala,Quinn,0851112223,nuala.quinn@example.ie,${mary.loyalty_id},1975-07-01,yes\n`,
  );
  await signIn(page, ADMIN);
  await openBackOffice(page, 'Import');
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(count(page, 'Conflicts')).toHaveText('1');
  await expect(count(page, 'Would be updated')).toHaveText('0');
  const conflicts = page.getByRole('table', { name: 'Conflicts: refused, nothing changed' });
  await expect(conflicts.getByRole('row').nth(1)).toHaveText(
    ['2', 'Nuala Quinn', `loyalty card ${mary.loyalty_id}`, `Mary O'Brien (customer ${mary.id})`].join(''),
  );
  await expect(page.getByTestId('import-encoding')).toContainText(
    'Read as utf-8 because the whole file is valid UTF-8',
  );
  await expectAccessible(page, testInfo, 'import conflicts');
  await conflicts.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'import-conflicts');
  expect(
    admin.db().prepare('SELECT first_name, last_name, loyalty_id FROM customers WHERE id = ?').get(mary.id),
  ).toEqual({ first_name: 'Mary', last_name: "O'Brien", loyalty_id: mary.loyalty_id });
});

test('import: a Shopify export as it comes, by keyboard: the dry run shows what each column fills, then the import keeps consent, town and the spend before', async ({
  admin,
  page,
}, testInfo) => {
  const file = fileURLToPath(new URL('../fixtures/import/shopify-customers.csv', import.meta.url));
  await signIn(page, ADMIN);
  await openBackOffice(page, 'Import');
  const format = page.getByLabel('Export format');
  await expect(format).toHaveValue('auto');
  await format.focus();
  await page.keyboard.press('ArrowDown');
  await expect(format).toHaveValue('shopify');
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Check file' }).focus();
  await page.keyboard.press('Enter');
  // The demo store already holds one of the file's people under another name: that row is a conflict.
  await expect(page.getByTestId('announcer')).toHaveText(
    'Dry run of shopify-customers.csv finished: 4 rows read, 2 would be inserted, 1 refused (1 conflict)',
  );
  const columns = page.getByRole('table', { name: 'Columns, read as a Shopify customer export' });
  await expect(columns.getByRole('row', { name: 'Accepts Email Marketing marketing consent' })).toBeVisible();
  await expect(columns.getByRole('row', { name: 'Total Spent spend before Counterpart' })).toBeVisible();
  await expect(columns.getByRole('row', { name: 'Tax Exempt not imported' })).toBeVisible();
  const tillIds = "id IN (SELECT customer_id FROM customer_external_ids WHERE source = 'shopify')";
  expect(countOf(admin.db(), tillIds)).toBe(0);
  await expectAccessible(page, testInfo, 'import columns');
  await columns.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'import-shopify-columns');

  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByTestId('announcer')).toHaveText(
    'Import of shopify-customers.csv finished: 4 rows read, 2 inserted, 1 refused (1 conflict)',
  );
  // Two new customers and one the demo store already knew (same name and phone) now carry their Shopify id.
  expect(countOf(admin.db(), tillIds)).toBe(3);
  const tillCustomer =
    "SELECT customer_id FROM customer_external_ids WHERE source = 'shopify' AND external_id = '7390116167982'";
  expect(
    admin
      .db()
      .prepare(
        `SELECT phone, marketing_consent, sms_consent, city, opening_spend_cents FROM customers WHERE id = (${tillCustomer})`,
      )
      .get(),
  ).toEqual({
    phone: '+353871234599',
    marketing_consent: 1,
    sms_consent: 0,
    city: 'Galway',
    opening_spend_cents: 41250,
  });
});

test('backups: back up now, restore with a confirmation, export diagnostics', async ({ admin, page }, testInfo) => {
  await signIn(page, ADMIN);
  await openBackOffice(page, 'Backups');
  await expect(page.getByRole('heading', { level: 2, name: 'Backups' })).toBeVisible();
  await expect(page.getByText('No backups yet.')).toBeVisible();
  await expectAccessible(page, testInfo, 'backups');

  await page.getByRole('button', { name: 'Back up now' }).click();
  const rows = page.getByTestId('backup-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('(newest)');
  await expect(page.getByTestId('announcer')).toHaveText(/^Backup made: 23 Nov 2026, 10:\d\d, \d+(\.\d)? MB$/);
  const made = await admin.call('backups.list', {}, ADMIN);
  expect(made.ok && made.value).toHaveLength(1);

  // Something recorded after the backup, which the restore takes away.
  const created = await admin.call(
    'customers.create',
    { firstName: 'After', lastName: 'Backup', email: 'after.backup@import.example' },
    ADMIN,
  );
  expect(created.ok).toBe(true);
  expect(countOf(admin.db(), "email = 'after.backup@import.example'")).toBe(1);

  // Cancel changes nothing.
  const restoreButton = rows.first().getByRole('button', { name: /^Restore the backup from 23 Nov 2026/ });
  await restoreButton.click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('The store goes back to how it was on 23 Nov 2026');
  await expect(dialog).toContainText('The current database is not deleted');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await snap(page, testInfo, 'restore-dialog');
  await expectAccessible(page, testInfo, 'restore dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(restoreButton).toBeFocused();
  expect(countOf(admin.db(), "email = 'after.backup@import.example'")).toBe(1);

  await restoreButton.click();
  await dialog.getByRole('button', { name: 'Restore backup' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText(
    /^Restored the backup from 23 Nov 2026, 10:\d\d\. The store now shows the data as it was then\.$/,
  );
  expect(countOf(admin.db(), "email = 'after.backup@import.example'")).toBe(0);
  expect(admin.db().prepare("SELECT COUNT(*) AS n FROM audit_log WHERE event = 'restore'").get()).toEqual({ n: 1 });
  // Still signed in and working against the restored store.
  await expect(rows).toHaveCount(1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export diagnostics' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^counterpart-diagnostics-2026-11-23T.*\.json$/);
  const bundle = JSON.parse(await savedText(download)) as { format: string; database: { quickCheck: string } };
  expect(bundle).toMatchObject({ format: 'counterpart.diagnostics.v1', database: { quickCheck: 'ok' } });
  await expect(page.getByTestId('announcer')).toHaveText(/^Diagnostics saved as counterpart-diagnostics-/);
});

test('a manager is offered neither import nor backups, and the main process refuses them too', async ({
  admin,
  page,
}) => {
  await signIn(page, MANAGER);
  await openBackOffice(page);
  await expect(page.getByRole('tab', { name: 'Team' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Import' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Backups' })).toHaveCount(0);
  for (const [method, input] of [
    ['imports.begin', { entity: 'customers', fileName: 'a.csv', size: 10 }],
    ['imports.latest', {}],
    ['backups.run', {}],
    ['diagnostics.export', {}],
  ] as const) {
    expect(await admin.call(method, input as never, MANAGER), method).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  }
});
