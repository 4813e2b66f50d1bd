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
