// The counter at a glance: answers as the clerk types, the result list tells namesakes apart, the idle lock covers
// the screen on its own, and only card-shaped bursts count as scans.
import { expect, test } from './fixtures';
import { CLERK, signIn } from './manager-helpers';

const search = (page: import('@playwright/test').Page) => page.getByRole('combobox', { name: 'Find customer' });

test('every key asks for its own answer at once: no pause in the typing is waited for', async ({ app, page }) => {
  void app;
  await signIn(page, CLERK);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/customers.search')) asked.push((JSON.parse(r.postData() ?? '{}') as { query: string }).query);
  });
  await search(page).focus();
  await page.keyboard.type('murphy', { delay: 40 });
  const list = page.getByRole('listbox', { name: 'Matching customers' });
  await expect(list).toHaveAttribute('data-answers', 'murphy');
  await expect(list).toHaveAttribute('aria-busy', 'false');
  expect(asked).toEqual(['m', 'mu', 'mur', 'murp', 'murph', 'murphy']);
});

test.describe('with a one-minute idle lock', () => {
  test.use({ managed: { idleLockMinutes: 1 } });

  test('the lock covers an open profile when the minute runs out, with no key pressed, and keeps the draft', async ({ app, page }) => {
    await signIn(page, CLERK);
    await search(page).fill('maguire');
    const first = page.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    const name = (await first.locator('.hit-name').textContent()) ?? '';
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await page.getByLabel('Notes').fill('Asked about the blue kettle');
    await expect(page.getByTestId('draft-state')).toHaveText('Draft saved');

    // Nobody touches anything: just before the minute she is still on screen, just after it she is not.
    await page.clock.runFor(55_000);
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await page.clock.runFor(10_000);
    await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
    await expect(page.getByText('The terminal locked itself after being idle.')).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);
    // Locked in the main process too, not only covered: the page's session can no longer read anything.
    const answer = await page.evaluate(() => fetch('/rpc/customers.search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'maguire', limit: 5 }) }).then((r) => r.json()));
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await signIn(page, CLERK);
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(page.getByLabel('Notes')).toHaveValue('Asked about the blue kettle');
  });
});
