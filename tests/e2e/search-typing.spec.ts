// Search as the clerk types, with the network slow on purpose: one answer is held back in the page's own fetch (as
// a loaded machine might delay it) while the clerk goes on typing. What is in the box always wins: the held answer
// never replaces a newer one, never comes back after the box was emptied, and Enter opens the best match of what was
// typed, not of a query typed past.
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';

const search = (page: Page) => page.getByRole('combobox', { name: 'Find customer' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Matching customers' });

async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Aoife Byrne/ }).click();
  await page.getByLabel('Your PIN').fill('1234');
  await page.keyboard.press('Enter');
  await expect(search(page)).toBeFocused();
}

/** Holds the search for `query` until release() is called; every other call goes through at once. */
async function holdSearch(page: Page, query: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  let held = false;
  await page.route('**/rpc/customers.search', async (route: Route) => {
    const input = route.request().postDataJSON() as { query: string };
    if (input.query === query) {
      held = true;
      await released;
    }
    await route.continue();
  });
  return { release, wasHeld: () => held };
}

/** Every query the list has said it answers (data-answers) from now on. Plain JavaScript: tests have no DOM types. */
async function recordAnswers(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(`(() => {
    const list = document.getElementById('search-results');
    const seen = (window.__answers = []);
    new MutationObserver(() => seen.push(list.dataset.answers ?? '')).observe(list, {
      attributes: true,
      attributeFilter: ['data-answers'],
    });
  })()`);
  return async () => (await page.evaluate('window.__answers')) as string[];
}

test('a held answer to an earlier query never replaces the answer to what is in the box', async ({ app, page }) => {
  await signIn(page);
  const gate = await holdSearch(page, 'mu');
  const answers = await recordAnswers(page);
  await page.keyboard.type('mu');
  await expect.poll(gate.wasHeld).toBe(true);
  await page.keyboard.type('rphy');
  gate.release();
  await expect(results(page)).toHaveAttribute('aria-busy', 'false');
  await expect(results(page)).toHaveAttribute('data-answers', 'murphy');
  await expect(page.getByRole('option').first()).toContainText('Murphy');
  // The answer to "mu" may show while "murphy" is asked, never after it.
  const seen = await answers();
  expect(seen.at(-1)).toBe('murphy');
  expect(seen.slice(seen.indexOf('murphy'))).not.toContain('mu');
  expect(app.mainLog).toEqual([]);
});

test('an answer held while the box was emptied does not come back', async ({ app, page }) => {
  await signIn(page);
  const gate = await holdSearch(page, 'mu');
  await page.keyboard.type('mu');
  await expect.poll(gate.wasHeld).toBe(true);
  await page.keyboard.press('Escape');
  await expect(search(page)).toHaveValue('');
  const answers = await recordAnswers(page);
  await page.keyboard.type('obrien');
  gate.release();
  await expect(results(page)).toHaveAttribute('data-answers', 'obrien');
  await expect(results(page)).toHaveAttribute('aria-busy', 'false');
  expect(await answers()).not.toContain('mu');
  expect(app.mainLog).toEqual([]);
});

test('Enter typed before the answer opens the best match of what was typed, not of a query typed past', async ({
  app,
  page,
}) => {
  await signIn(page);
  const gate = await holdSearch(page, 'mu');
  await page.keyboard.type('mu');
  await expect.poll(gate.wasHeld).toBe(true);
  await page.keyboard.type('rphy');
  await page.keyboard.press('Enter');
  gate.release();
  await expect(page.locator('#customer-name')).toContainText('Murphy');
  expect(app.mainLog).toEqual([]);
});
