// The counter at a glance: answers as the clerk types, the result list tells namesakes apart, the idle lock covers
// the screen on its own, and only card-shaped bursts count as scans.
import { expect, test } from './fixtures';
import { wedge } from './keys';
import { CLERK, signIn } from './manager-helpers';

const search = (page: import('@playwright/test').Page) => page.getByRole('combobox', { name: 'Find customer' });

test('every key asks for its own answer at once: no pause in the typing is waited for', async ({ app, page }) => {
  void app;
  await signIn(page, CLERK);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/customers.search'))
      asked.push((JSON.parse(r.postData() ?? '{}') as { query: string }).query);
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

  test('the lock covers an open profile when the minute runs out, with no key pressed, and keeps the draft', async ({
    app: _app,
    page,
  }) => {
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
    const answer = await page.evaluate(() =>
      fetch('/rpc/customers.search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'maguire', limit: 5 }),
      }).then((r) => r.json()),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await signIn(page, CLERK);
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(page.getByLabel('Notes')).toHaveValue('Asked about the blue kettle');
  });
});

test.describe('in a store whose cards are 13 digits starting 2000', () => {
  test.use({ managed: { cardPrefix: '2000', cardLength: 13 } });

  test('a phone number typed as fast as a scanner, then Enter, is a search; a card-shaped burst is a scan', async ({
    app,
    page,
  }) => {
    const c = app.backend.db
      .prepare(
        'SELECT id, first_name, last_name, phone, loyalty_id FROM customers WHERE loyalty_id IS NOT NULL AND phone IS NOT NULL ORDER BY id LIMIT 1 OFFSET 40',
      )
      .get() as { id: number; first_name: string; last_name: string; phone: string; loyalty_id: string };
    const name = `${c.first_name} ${c.last_name}`;
    const phoneDigits = c.phone.replace(/\D/g, '');
    expect(c.loyalty_id).toMatch(/^2000\d{9}$/);
    await signIn(page, CLERK);
    const byCard: string[] = [];
    page.on('request', (r) => r.url().endsWith('/rpc/customers.byCard') && byCard.push(r.postData() ?? ''));

    await search(page).focus();
    await wedge(page, phoneDigits);
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    expect(byCard).toEqual([]);

    await page.keyboard.press('Control+k');
    await wedge(page, c.loyalty_id);
    await expect(page).toHaveURL(new RegExp(`#/customer/${c.id}$`));
    await expect(search(page)).toHaveValue('');
    expect(byCard).toEqual([JSON.stringify({ loyaltyId: c.loyalty_id })]);
  });
});
