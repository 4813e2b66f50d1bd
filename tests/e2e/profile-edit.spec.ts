// Editing a profile in place, by keyboard, and the managers' "Opened by" list: real Chromium, the built renderer and
// the real backend on a copy of the demo store.
import type { Page } from '@playwright/test';
import { STYLE_GUIDE } from '@common/styles';
import { expect, test, type AppFixture } from './fixtures';
import { CLERK, clerkId, expectAccessible, MANAGER, signIn, snap, value } from './manager-helpers';

interface Row {
  id: number;
  first_name: string;
  last_name: string;
  phone: string;
}

/** A demo customer with a phone and no style yet, and another one whose phone the first must not take. */
function customers(app: AppFixture): [Row, Row] {
  const rows = app.backend.db
    .prepare(
      "SELECT id, first_name, last_name, phone FROM customers WHERE phone IS NOT NULL AND style = 'unknown' ORDER BY id LIMIT 2 OFFSET 40",
    )
    .all() as Row[];
  return [rows[0]!, rows[1]!];
}
const fullName = (c: Row) => `${c.first_name} ${c.last_name}`.trim();
const changes = (app: AppFixture, id: number) =>
  app.backend.db
    .prepare('SELECT field, clerk_id FROM customer_field_changes WHERE customer_id = ? ORDER BY id')
    .all(id) as { field: string; clerk_id: number }[];

async function openCustomer(page: Page, c: Row): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Find customer' });
  await search.fill(c.phone);
  await expect(page.getByRole('option').first()).toHaveAttribute('data-customer-id', String(c.id));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: fullName(c) })).toBeVisible();
}

const form = (page: Page) => page.getByRole('form', { name: 'Edit profile' });
const editButton = (page: Page) => page.getByRole('button', { name: /Edit profile/ });
const contact = (page: Page, term: string) =>
  page
    .locator('.contact div')
    .filter({ has: page.getByText(term, { exact: true }) })
    .locator('dd');

test('edit a profile by keyboard: Alt+P opens the form, Ctrl+Enter saves, the change shows at once', async ({
  app,
  page,
}, testInfo) => {
  const [c] = customers(app);
  await signIn(page, CLERK);
  await openCustomer(page, c);
  await expect(page.getByTestId('style-line')).toHaveText(new RegExp(`^Style: ${STYLE_GUIDE.unknown.name}`));

  await page.keyboard.press('Alt+P');
  await expect(form(page)).toBeVisible();
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Phone')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('087 555 0199');
  const green = page.getByRole('radio', { name: STYLE_GUIDE.green.name });
  await expect(green).toHaveAccessibleDescription(
    `Recognise: ${STYLE_GUIDE.green.recognise} Talk: ${STYLE_GUIDE.green.approach}`,
  );
  await green.press('Space');
  await expect(green).toBeChecked();
  await expectAccessible(page, testInfo, 'profile-edit');
  await snap(page, testInfo, 'profile-edit');
  await page.keyboard.press('Control+Enter');

  await expect(form(page)).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText('Profile saved: phone and style changed');
  await expect(editButton(page)).toBeFocused();
  await expect(contact(page, 'Phone')).toHaveText('087 555 0199');
  await expect(page.getByTestId('style-line')).toHaveText(
    `Style: ${STYLE_GUIDE.green.name} — set by ${CLERK}, 23 Nov 2026${STYLE_GUIDE.green.approach}`,
  );
  expect(changes(app, c.id)).toEqual([
    { field: 'phone', clerk_id: clerkId(app, CLERK) },
    { field: 'style', clerk_id: clerkId(app, CLERK) },
  ]);
  await snap(page, testInfo, 'profile-saved');
});

test('Esc cancels the edit: nothing is saved and focus returns to the profile', async ({ app, page }) => {
  const [c] = customers(app);
  await signIn(page, CLERK);
  await openCustomer(page, c);
  await page.keyboard.press('Alt+P');
  await page.getByLabel('Phone').fill('01 000 0000');
  await page.keyboard.press('Escape');
  await expect(form(page)).toBeHidden();
  await expect(editButton(page)).toBeFocused();
  await expect(contact(page, 'Phone')).toHaveText(c.phone);
  expect(changes(app, c.id)).toEqual([]);
});

test("another customer's phone: warned while typing, refused on save, nothing typed is lost", async ({
  app,
  page,
}, testInfo) => {
  const [c, other] = customers(app);
  await signIn(page, CLERK);
  await openCustomer(page, c);
  await editButton(page).click();
  await page.getByLabel('Phone').fill(other.phone);
  await page.getByLabel('Notes about the customer').fill('Moved house');
  await expect(page.getByText(`Possible duplicate: ${fullName(other)}`)).toBeVisible();
  await expectAccessible(page, testInfo, 'profile-edit-duplicate');
  await page.keyboard.press('Control+Enter');
  await expect(form(page).getByRole('alert')).toHaveText(
    `Phone ${other.phone} already belongs to ${fullName(other)} (customer ${other.id}).`,
  );
  await expect(page.getByLabel('Phone')).toHaveValue(other.phone);
  await expect(page.getByLabel('Notes about the customer')).toHaveValue('Moved house');
  expect(changes(app, c.id)).toEqual([]);
});

test('managers see who opened the profile, newest first; clerks do not', async ({ app, page }, testInfo) => {
  const [c] = customers(app);
  await value(app, 'customers.get', { id: c.id }, CLERK);
  await signIn(page, MANAGER);
  await openCustomer(page, c);
  const opened = page.locator('details.profile-views');
  await expect(opened.locator('summary')).toContainText(`Opened by · 2 openings, last by ${MANAGER}`);
  await opened.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(opened.getByRole('listitem')).toHaveText([
    new RegExp(`^${MANAGER} · counter-1 · `),
    new RegExp(`^${CLERK} · counter-1 · `),
  ]);
  await expectAccessible(page, testInfo, 'profile-opened-by');
  await snap(page, testInfo, 'profile-opened-by');

  await page.getByRole('button', { name: 'Switch clerk' }).click();
  await signIn(page, CLERK);
  await openCustomer(page, c);
  await expect(page.locator('details.profile-views')).toHaveCount(0);
});
