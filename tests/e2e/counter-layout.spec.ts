// The counter's layout on the screens counters have: at 1366×768 each customer starts at the top of the suggestions
// and the log form's essentials stay reachable with the chosen suggestion in view; at 1024 px the back office's
// tables keep their action columns. Axe-scanned at both sizes.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, snap } from './manager-helpers';

const PIN = '1234';

async function signIn(page: Page, clerk: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(clerk) }).click();
  await page.getByLabel('Your PIN').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(clerk);
}

const search = (page: Page) => page.getByRole('combobox', { name: 'Find customer' });
const work = (page: Page) => page.getByRole('complementary', { name: 'Suggestions and log' });

async function open(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await search(page).fill(query);
  await expect(page.getByRole('listbox', { name: 'Matching customers' })).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('Enter');
  await expect(page.locator('.sugg, .suggestions .empty-note').first()).toBeVisible();
}

/** Entirely on screen and not hidden by the panel's own scrolling. */
async function expectInView(page: Page, target: Locator, what: string): Promise<void> {
  const box = await target.boundingBox();
  const panel = await work(page).boundingBox();
  expect(box, what).not.toBeNull();
  const viewport = page.viewportSize()!;
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(panel!.y - 1);
  expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(
    Math.min(viewport.height, panel!.y + panel!.height) + 1,
  );
}

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('each newly opened customer starts at the top of the suggestions', async ({ app, page }, testInfo) => {
    expect(app.url).toContain('127.0.0.1');
    await signIn(page, 'Aoife Byrne');
    await open(page, "mary o'brien");
    // The clerk scrolls down to the form, then the next customer comes to the counter.
    await work(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
    expect(await work(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    // The same customer is looked up and opened again (back at the counter a minute later).
    await open(page, "mary o'brien");
    await expect(page.locator('.sugg').first()).toBeVisible();
    expect(await work(page).evaluate((el) => el.scrollTop)).toBe(0);
    await expectInView(page, page.getByRole('heading', { name: /Suggestions/ }).first(), 'the suggestions heading');
    await snap(page, testInfo, 'counter-1366');
    await expectAccessible(page, testInfo, 'counter at 1366');
  });

  test('Kind, Outcome and Save are reachable with the chosen suggestion still in view', async ({
    app,
    page,
  }, testInfo) => {
    expect(app.url).toContain('127.0.0.1');
    await signIn(page, 'Aoife Byrne');
    await open(page, "mary o'brien");
    await page.keyboard.press('Alt+1');
    const say = page.getByLabel('What I’ll say');
    await expect(say).not.toHaveValue('');
    const title = (await page.locator('.sugg').first().getByRole('heading').first().textContent())!.trim();
    // The clerk moves on to the form by keyboard, straight to the outcome.
    await page
      .getByRole('group', { name: 'Outcome', exact: true })
      .getByRole('radio', { name: 'Resolved', exact: true })
      .focus();
    await expectInView(page, page.getByRole('group', { name: 'Outcome', exact: true }), 'Outcome');
    await expectInView(page, page.getByRole('group', { name: 'Kind', exact: true }), 'Kind');
    await expectInView(page, page.getByRole('button', { name: /^Save/ }), 'Save');
    // The chosen suggestion goes with the form: named beside Save, its words kept in "What I'll say".
    await expect(page.getByTestId('suggestion-used')).toContainText(title);
    await expectInView(page, page.getByTestId('suggestion-used'), 'the suggestion used');
    await expect(say).not.toHaveValue('');
    await snap(page, testInfo, 'log-form-1366');
    await expectAccessible(page, testInfo, 'log form at 1366');
  });
});
