// The browser preview's sessions in a real browser: the page holds no credential, a browser that did not open a
// one-time link gets no further than the start screen, and two browsers signed in as different clerks stay apart.
import { expect, test } from './fixtures';
import { CLERK, MANAGER, signIn } from './manager-helpers';

test('each browser needs its own one-time link and keeps its own clerk', async ({ app, page, browser }) => {
  await signIn(page, MANAGER);
  // The session cookie is HttpOnly: nothing in the page can read it, and the page's HTML carries no secret.
  expect(await page.evaluate('document.cookie')).toBe('');
  expect(await page.context().cookies()).toMatchObject([{ httpOnly: true, sameSite: 'Strict', path: '/' }]);
  expect(await page.content()).not.toMatch(/token|key=/i);

  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await second.goto(app.url);
    await expect(second.getByRole('heading', { name: 'Counterpart could not start' })).toBeVisible();
    await expect(second.getByText(/open the one-time link/)).toBeVisible();

    await second.goto(app.newLink());
    await expect(second).toHaveURL(app.url);
    await signIn(second, CLERK);
    await page.reload();
    await expect(page.getByTestId('signed-in-clerk')).toHaveText(MANAGER);
    await expect(page.getByRole('button', { name: 'Back office' })).toBeVisible();
    await expect(second.getByRole('button', { name: 'Back office' })).toHaveCount(0);
  } finally {
    await other.close();
  }
});
