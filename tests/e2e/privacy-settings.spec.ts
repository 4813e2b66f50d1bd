// The Settings tab with a managed config in place (what IT fixed is read-only, a policy is edited and audited) and a
// customer's data requests from the profile: export as a JSON download, erasure behind a typed confirmation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SettingView } from '@common/settings';
import { backupNow } from '../../main/services/backup';
import { createCustomer } from '../../main/services/customers';
import { storagePolicy } from '../../main/services/store-settings';
import { expect, test } from './fixtures';
import {
  ADMIN,
  CLERK,
  MANAGER,
  clerkId,
  expectAccessible,
  openBackOffice,
  signIn,
  snap,
  value,
} from './manager-helpers';

const setting = (page: Page, key: string) => page.locator(`[data-setting="${key}"]`);

test.describe('settings with a managed config', () => {
  test.use({ managed: { storeId: 'dub-01', returnWindowDays: 28 } });

  test('locked keys are read-only, a policy is saved with the server’s checks, and the change is audited', async ({
    app,
    page,
  }, testInfo) => {
    test.setTimeout(60_000);
    await signIn(page, MANAGER);
    await openBackOffice(page, 'Settings');
    await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    for (const group of ['Store', 'Policies', 'Terminal & security', 'Backups & retention', 'Updates']) {
      await expect(page.getByRole('heading', { level: 3, name: group, exact: true })).toBeVisible();
    }

    // IT fixed the return window: shown, not editable, and says who decided.
    const window = page.getByLabel('Return window');
    await expect(window).toHaveValue('28 days');
    await expect(window).not.toBeEditable();
    await expect(setting(page, 'returnWindowDays')).toContainText('Set by your IT department (managed config)');
    await expect(page.getByLabel('Store id')).toHaveValue('dub-01');
    await expect(page.getByLabel('Store id')).not.toBeEditable();
    // An admin's key is read-only for a manager, for a different reason.
    await expect(page.getByLabel('Store name')).not.toBeEditable();
    await expect(setting(page, 'storeName')).toContainText('Only an admin can change this.');
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await expectAccessible(page, testInfo, `settings at ${width}`);
    }
    await snap(page, testInfo, 'settings', true);

    // A value out of range comes back with the server's message, naming the setting.
    const goodwill = page.getByLabel('Goodwill allowance');
    await expect(goodwill).toHaveValue('7');
    await goodwill.fill('400');
    const policies = page.locator('[data-group="policies"]');
    await policies.getByRole('button', { name: 'Save policies' }).click();
    await expect(policies.getByRole('alert')).toHaveText(
      'Goodwill allowance (goodwillDays) must be a whole number from 0 to 365 days.',
    );

    await goodwill.fill('3');
    await policies.getByRole('button', { name: 'Save policies' }).click();
    await expect(policies.getByRole('status')).toHaveText('Policies saved.');
    await expect(policies.getByRole('alert')).toHaveCount(0);
    await expect(setting(page, 'goodwillDays')).toContainText('Changed in the app');

    const saved = (await value(app, 'settings.get', {}, MANAGER)).find((s: SettingView) => s.key === 'goodwillDays');
    expect(saved).toMatchObject({ value: 3, source: 'store' });
    const audit = await value(app, 'audit.list', {}, MANAGER);
    expect(audit.find((a) => a.event === 'settings_change')).toMatchObject({
      subject: 'goodwillDays',
      clerkName: MANAGER,
      details: { from: 7, to: 3 },
    });
    // The managed value is in force in the backend too.
    expect(app.backend.ctx.config.returnWindowDays).toBe(28);
  });
});

test('a manager moves the tier thresholds and the counter shows the new tier at once', async ({ app, page }) => {
  const c = createCustomer(app.backend.ctx, { firstName: 'Ciarán', lastName: 'Tiernan' });
  app.backend.db
    .prepare(
      "INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, '2026-11-20T11:00:00.000Z', '2026-11-20', 'TIER-1', 15000)",
    )
    .run(c.id);
  await signIn(page, MANAGER);
  await openBackOffice(page, 'Settings');
  const policies = page.locator('[data-group="policies"]');
  await expect(page.getByLabel('Gold tier from')).toHaveValue('2000');
  await page.getByLabel('Silver tier from').fill('100');
  await page.getByLabel('Gold tier from').fill('100');
  await policies.getByRole('button', { name: 'Save policies' }).click();
  await expect(policies.getByRole('alert')).toHaveText(
    'Silver tier from (tierSilverFrom) must be below gold tier from (tierGoldFrom): €100.00 is not below €100.00.',
  );
  await page.getByLabel('Gold tier from').fill('120');
  await policies.getByRole('button', { name: 'Save policies' }).click();
  await expect(policies.getByRole('status')).toHaveText('Policies saved.');

  await page.getByRole('button', { name: 'Back to counter' }).click();
  await page.getByRole('combobox', { name: 'Find customer' }).fill('Tiernan');
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Ciarán Tiernan' })).toBeVisible();
  await expect(page.locator('.tier')).toHaveText('Gold'); // €150 spent: bronze under the default thresholds
});

test('an admin renames the store and the header shows the new name at once', async ({ app, page }) => {
  await signIn(page, ADMIN);
  const header = page.locator('.store-name');
  await expect(header).toHaveText(app.backend.ctx.config.storeName);
  await openBackOffice(page, 'Settings');
  const store = page.locator('[data-group="store"]');
  await page.getByLabel('Store name').fill('Counterpart Galway');
  await store.getByRole('button', { name: 'Save store' }).click();
  await expect(store.getByRole('status')).toHaveText('Store saved.');
  expect(app.backend.ctx.config.storeName).toBe('Counterpart Galway');
  await expect(header).toHaveText('Counterpart Galway');

  // How long copies of the store stay beside it is the admin's to choose too; the scheduled job reads it per run.
  const backups = page.locator('[data-group="backups"]');
  const keep = page.getByLabel('Store copies kept');
  await expect(keep).toHaveValue('30');
  await keep.fill('14');
  await backups.getByRole('button', { name: 'Save backups & retention' }).click();
  await expect(backups.getByRole('status')).toHaveText('Backups & retention saved.');
  expect(storagePolicy(app.backend.ctx).storeCopyDays).toBe(14);
});

// The terminal's backup folder, fixed by IT, so the erasure has a backup to name.
const BACKUPS = path.join(os.tmpdir(), `counterpart-e2e-erase-backups-${process.pid}`);

test.describe('customer data requests', () => {
  test.use({ managed: { backupDirectory: BACKUPS } });
  test.afterEach(() => fs.rmSync(BACKUPS, { recursive: true, force: true }));

  test('export and erase a customer from the profile; a clerk is not offered either', async ({
    app,
    page,
  }, testInfo) => {
    const c = createCustomer(app.backend.ctx, {
      firstName: 'Úna',
      lastName: 'Fitzgerald',
      phone: '087 555 0101',
      notes: 'allergic to wool',
      tags: ['likes: hiking'],
    });
    const logged = await app.call(
      'interactions.log',
      {
        customerId: c.id,
        kind: 'complaint',
        outcome: 'follow_up',
        followUpDue: '2026-11-27',
        notes: 'boots leaking, call back',
      },
      clerkId(app, CLERK),
    );
    expect(logged.ok).toBe(true);
    const backup = await backupNow(app.backend.db, BACKUPS, { keep: 14, now: app.backend.ctx.now() });
    const open = (p: Page) => p.evaluate(`window.location.hash = '#/customer/${c.id}'`);

    // A clerk sees the profile without the menu.
    await signIn(page, CLERK);
    await open(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Úna Fitzgerald' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Customer data…' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Switch clerk' }).click();

    await signIn(page, MANAGER);
    await open(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Úna Fitzgerald' })).toBeVisible();
    const toggle = page.getByRole('button', { name: 'Customer data…' });

    // Export: a JSON file with everything held.
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export data (JSON)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^customer-${c.id}-data-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      customer: { notes: string };
      interactions: unknown[];
    };
    expect(exported.customer.notes).toBe('allergic to wool');
    expect(exported.interactions).toHaveLength(1);
    await expect(page.getByTestId('announcer')).toHaveText('Data of Úna Fitzgerald exported');

    // Erase: the dialog takes focus, Esc closes it and gives focus back.
    await toggle.click();
    await page.getByRole('button', { name: 'Erase customer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Úna Fitzgerald?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('This cannot be undone.');
    await expect(dialog.getByLabel(/Reason/)).toBeFocused();
    await expectAccessible(page, testInfo, 'erase-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(toggle).toBeFocused();
    await expect(page.getByRole('heading', { level: 2, name: 'Úna Fitzgerald' })).toBeVisible();

    await toggle.click();
    await page.getByRole('button', { name: 'Erase customer…' }).click();
    await dialog.getByLabel(/Reason/).fill('customer request by email of 20 Nov');
    const confirm = dialog.getByLabel(/Type the customer’s name to confirm/);
    const erase = dialog.getByRole('button', { name: 'Erase customer' });
    await confirm.fill('Una Fitzgerald');
    await expect(erase).toBeDisabled();
    await confirm.fill('Úna Fitzgerald');
    await expect(erase).toBeEnabled();
    await snap(page, testInfo, 'erase-dialog');
    await erase.click();

    // The result: what was done, and the backup made before that still holds the customer, with when it goes.
    const result = page.getByRole('dialog', { name: 'Customer erased' });
    await expect(result).toContainText('1 interaction entry anonymised, 1 open issue closed');
    const held = result.getByRole('table', { name: /still holds the customer/ });
    await expect(held.getByRole('row')).toHaveCount(2);
    await expect(held.getByRole('row').nth(1)).toContainText(`Backup ${backup.name}`);
    await expect(result).toContainText('The store file is compacted when Counterpart closes');
    await expect(result.getByRole('button', { name: 'Done' })).toBeFocused();
    await expectAccessible(page, testInfo, 'erased-dialog');
    await snap(page, testInfo, 'erased-dialog');
    await page.keyboard.press('Enter');

    await expect(result).toHaveCount(0);
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Unnamed customer' })).toBeVisible();
    await expect(page.locator('.profile-card')).not.toContainText('087 555 0101');
    await expect(page.locator('.profile-card')).not.toContainText('allergic to wool');
    await expect(page.getByText('boots leaking, call back')).toHaveCount(0);
    await expect(page.getByTestId('announcer')).toContainText('Customer erased: 1 interaction entry anonymised');
    await snap(page, testInfo, 'erased-profile');

    const row = app.backend.db.prepare('SELECT first_name, phone, notes FROM customers WHERE id = ?').get(c.id);
    expect(row).toEqual({ first_name: '', phone: null, notes: '' });
    const audit = await value(app, 'audit.list', {}, MANAGER);
    expect(
      audit
        .filter((a) => a.subject === `customer:${c.id}`)
        .map((a) => a.event)
        .sort(),
    ).toEqual(['erase', 'export']);
  });
});
