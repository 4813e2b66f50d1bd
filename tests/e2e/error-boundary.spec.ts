// One part of the counter that fails to render shows a message with "Try again" in its place, and the rest of the
// counter keeps working (#18), and the failure reaches the main log: here the profile card meets a malformed answer
// from the backend.
import type { Route } from '@playwright/test';
import type { CustomerProfile } from '@common/domain';
import type { Envelope } from '@common/errors';
import { expect, test } from './fixtures';
import { CLERK, expectAccessible, signIn, value } from './manager-helpers';

test('a profile that fails to render leaves search and the work panel usable, and Try again brings it back', async ({
  app,
  page,
}, testInfo) => {
  const ids = app.backend.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 2').pluck().all() as number[];
  const [first, second] = await Promise.all(
    ids.map(async (id) => ({ id, name: (await value(app, 'customers.get', { id }, CLERK)).customer.displayName })),
  );
  if (!first || !second) throw new Error('the demo store has customers');
  const logged: string[] = [];
  page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));

  // The profile arrives without its address block: ProfileSummary throws while drawing it.
  const malformed = async (route: Route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Envelope<CustomerProfile>;
    if (body.ok) (body.value as { address: unknown }).address = null;
    await route.fulfill({ response: res, json: body });
  };
  await page.route('**/rpc/customers.get', malformed);

  await signIn(page, CLERK);
  await page.evaluate(`location.hash = '#/customer/${first.id}'`);
  const alert = page.getByRole('alert').filter({ hasText: "The customer's profile could not be shown." });
  await expect(alert).toBeVisible();
  expect(logged.some((t) => t.includes("[render] The customer's profile failed"))).toBe(true);
  // The main log gets a line naming the part, the error and the components, and nothing of the customer on screen.
  const reported = expect.stringMatching(
    /^render failure: The customer's profile could not be shown: TypeError: .* \[in .+\]$/,
  );
  await expect.poll(() => app.mainLog).toEqual([reported]);
  expect(app.mainLog[0]).not.toContain(first.name);

  // The rest of the counter is still there and answers: the work panel's form, the header, the search.
  await expect(page.getByRole('group', { name: 'Kind', exact: true })).toBeVisible();
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(CLERK);
  await expectAccessible(page, testInfo, 'render-failure');
  const search = page.getByRole('combobox', { name: 'Find customer' });
  await search.fill(second.name);
  await expect(page.getByRole('option', { name: new RegExp(second.name) }).first()).toBeVisible();
  await search.fill('');

  // With the backend answering properly again, Try again fetches and draws the profile.
  await page.unroute('**/rpc/customers.get', malformed);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.locator('#customer-name')).toHaveText(first.name);
  // Try again draws the answer it has once more while the reload is on its way, which may fail and report again.
  for (const line of app.mainLog.splice(0)) expect(line).toEqual(reported);
});
