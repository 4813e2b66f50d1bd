// The counter's home view and the result rows that tell namesakes apart: what is due today is on screen before anyone
// is searched, one key opens its customer, and each result says what the customer is owed in words.
import type { Page } from '@playwright/test';
import { cardEnd } from '@common/card-shape';
import { translator } from '@common/i18n';
import { agoWording as agoIn, dueWording as dueIn } from '@common/relative-day';
import { expect, test } from './fixtures';
import {
  CLERK,
  MANAGER,
  TODAY,
  clerkId,
  expectAccessible,
  fitsItsWidth,
  openBackOffice,
  signIn,
  snap,
  value,
} from './manager-helpers';

const en = translator('en');
const dueWording = (due: string, today: string) => dueIn(due, today, en);
const agoWording = (day: string, today: string) => agoIn(day, today, en);
const search = (page: Page) => page.getByRole('combobox', { name: 'Find customer' });
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];

test('home: due today and overdue (promised callbacks first) and mine; ↓ enters the list, a digit opens', async ({
  app,
  page,
}, testInfo) => {
  const open = await value(app, 'followups.list', {}, MANAGER);
  const later = open.find((f) => f.customer && f.dueDate && f.dueDate > TODAY)!;
  await value(app, 'followups.assign', { interactionId: later.interactionId, clerkId: clerkId(app, CLERK) }, MANAGER);
  const q = await value(app, 'followups.counter', {}, CLERK);
  expect(q.today).toBe(TODAY);
  expect(q.due.length).toBeGreaterThan(3);
  expect(q.mine.map((f) => f.interactionId)).toEqual([later.interactionId]);

  await signIn(page, CLERK);
  const due = page.getByRole('region', { name: /Due today and overdue/ });
  const rows = due.locator('[data-followup-id]');
  await expect(rows).toHaveCount(q.due.length);
  expect(await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-followup-id'))))).toEqual(
    q.due.map((f) => f.interactionId),
  );
  // Said in days, counted in the store's calendar, not as a date.
  await expect(rows.first()).toContainText(dueWording(q.due[0]!.dueDate!, TODAY));
  await expect(page.getByRole('region', { name: /Assigned to you/ })).toContainText(later.customer!.displayName);
  await expect(page.getByRole('region', { name: /Assigned to you/ })).toContainText(dueWording(later.dueDate!, TODAY));

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await fitsItsWidth(page, '.home-row');
    await snap(page, testInfo, `home-${size.width}`);
    await expectAccessible(page, testInfo, `counter home at ${size.width}×${size.height}`);
  }

  // Keyboard: the search box has the focus; ↓ with nothing typed enters the list, ↑ from its top goes back.
  await expect(search(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(search(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  // A digit opens its row at once.
  const third = q.due.filter((f) => f.customer)[2]!;
  await page.keyboard.press('3');
  await expect(page).toHaveURL(new RegExp(`#/customer/${third.customer!.id}$`));
  await expect(page.getByRole('heading', { level: 2, name: third.customer!.displayName })).toBeVisible();
  // The profile's open issues say it the same way.
  await expect(page.getByRole('region', { name: /Open issues/ })).toContainText(dueWording(third.dueDate!, TODAY));

  // Back home: ↓ and Enter open the first.
  await page.evaluate("window.location.hash = '#/'");
  await expect(rows.first()).toBeVisible();
  await search(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/customer/${q.due[0]!.customer!.id}$`));
});

test('Follow-ups tab: "Due today" and "Mine" filters', async ({ app, page }) => {
  const open = await value(app, 'followups.list', {}, MANAGER);
  const later = open.find((f) => f.customer && f.dueDate && f.dueDate > TODAY)!;
  await value(app, 'followups.assign', { interactionId: later.interactionId, clerkId: clerkId(app, MANAGER) }, MANAGER);
  await signIn(page, MANAGER);
  await openBackOffice(page, 'Follow-ups');
  const ids = () =>
    page
      .locator('tbody tr[data-followup-id]')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-followup-id'))));
  await page.getByLabel('Mine', { exact: true }).check();
  await expect.poll(ids).toEqual([later.interactionId]);
  await page.getByLabel('Due today', { exact: true }).check();
  const dueToday = open.filter((f) => f.dueDate === TODAY).map((f) => f.interactionId);
  await expect.poll(ids).toEqual(dueToday);
  if (dueToday.length) await expect(page.locator('tbody tr').first()).toContainText('due today');
});

test.describe('in a store whose cards are 13 digits starting 2000', () => {
  test.use({ managed: { cardPrefix: '2000', cardLength: 13 } });

  test('results: column headers, the card by its end, tier, last visit in days, what is owed in words', async ({
    app,
    page,
  }, testInfo) => {
    const open = await value(app, 'followups.list', {}, MANAGER);
    const waiting = open.find((f) => f.kind === 'pickup' && f.customer)!;
    const overdue = open.find((f) => f.overdue && f.customer && f.customer.id !== waiting.customer!.id)!;
    for (const who of [waiting, overdue]) {
      const name = who.customer!.displayName;
      const hits = await value(app, 'customers.search', { query: name, limit: 20 }, CLERK);
      const hit = hits.find((h) => h.id === who.customer!.id)!;
      await signInOnce(page);
      await search(page).fill(name);
      const row = page.locator(`[role="option"][data-customer-id="${hit.id}"]`);
      await expect(row).toBeVisible();
      const label = (await row.getAttribute('aria-label')) ?? '';
      if (who === waiting) {
        expect(hit.markers.ordersWaiting).toBeGreaterThan(0);
        await expect(row.locator('.marker-order')).toHaveText('Order');
        expect(label).toMatch(/\d+ orders? waiting/);
      } else {
        expect(hit.markers.overduePromises).toBeGreaterThan(0);
        await expect(row.locator('.marker-overdue')).toHaveText('Overdue');
        expect(label).toMatch(/\d+ promises? overdue/);
      }
      if (hit.loyaltyId) {
        await expect(row.locator('.hit-card')).toHaveText(cardEnd(hit.loyaltyId, { prefix: '2000', length: 13 }));
        expect(label).toContain(`card ${hit.loyaltyId}`);
      }
      await expect(row.locator('.hit-tier')).toHaveText(new RegExp(hit.tier, 'i'));
      if (hit.lastVisitAt) {
        // Dublin in November keeps UTC's calendar day.
        const words = agoWording(hit.lastVisitAt.slice(0, 10), TODAY);
        await expect(row.locator('.hit-visit')).toHaveText(words);
        expect(label).toContain(`last visit ${words}`);
      }
    }
    const head = page.locator('.result-head');
    await expect(head).toHaveText(/Customer.*Owed.*Phone.*Card.*Tier.*Last visit.*Matched by/);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(head.getByText('Card')).toBeVisible();
      // Every cell of the rows and of the headers shows whole (a long name or email may be cut, nothing else).
      await fitsItsWidth(page, '.search-dropdown .result > span:not(.hit-name):not(.hit-email)');
      await snap(page, testInfo, `results-${size.width}`);
      await expectAccessible(page, testInfo, `search results at ${size.width}×${size.height}`);
    }
  });
});

/** Signs the clerk in unless someone already is. */
async function signInOnce(page: Page): Promise<void> {
  if ((await page.getByTestId('signed-in-clerk').count()) === 0) await signIn(page, CLERK);
  else await search(page).focus();
}
