// The back office's wide tables at the counter PC's sizes: the daily review's log and the Follow-ups queue keep each
// row's action button on screen (#17, layout), and both screens pass axe at each size.
import { expect, test } from './fixtures';
import {
  CLERK,
  MANAGER,
  actionsInView,
  expectAccessible,
  fitsItsWidth,
  openBackOffice,
  signIn,
  snap,
  value,
} from './manager-helpers';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];

test('review log and follow-ups: no action column cut off at 1366 and 1024 wide', async ({ app, page }, testInfo) => {
  // Four axe scans and two sizes: slower than most.
  test.setTimeout(120_000);
  // A long note and a follow-up with a review mark: the widest content a row of the log holds.
  const customer = app.backend.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET 12').get() as {
    id: number;
  };
  await value(
    app,
    'interactions.log',
    {
      customerId: customer.id,
      kind: 'complaint',
      outcome: 'escalated',
      sentiment: 2,
      notes:
        'E2E-layout a long note about a dishwasher that leaked twice and a replacement that never arrived on the day promised',
    },
    CLERK,
  );

  await signIn(page, MANAGER);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await openBackOffice(page, 'Daily review');
    await expect(page.locator('.log-table tbody tr').first()).toBeVisible();
    await actionsInView(page, '.log-table');
    await fitsItsWidth(page, '.log-table');
    await snap(page, testInfo, `review-${size.width}`, true);
    await expectAccessible(page, testInfo, `review-${size.width}`);

    await page.getByRole('tab', { name: 'Follow-ups' }).click();
    const queue = page.getByRole('table', { name: 'Queue' });
    await expect(queue.locator('tbody tr').first()).toBeVisible();
    await actionsInView(page, 'table[aria-labelledby="queue-h"]');
    await snap(page, testInfo, `followups-${size.width}`, true);
    await expectAccessible(page, testInfo, `followups-${size.width}`);
    await page.getByRole('button', { name: /Back to counter/ }).click();
  }
});

test('the back office is a separate chunk, fetched only when a manager opens it', async ({ app, page }) => {
  const scripts: string[] = [];
  page.on(
    'request',
    (r) => r.resourceType() === 'script' && r.url().startsWith(app.url) && scripts.push(new URL(r.url()).pathname),
  );
  await signIn(page, MANAGER);
  // The counter is up with the scripts it loaded at start (before this listener): none more.
  expect(scripts).toEqual([]);
  await openBackOffice(page, 'Daily review');
  await expect(page.getByRole('heading', { level: 2, name: 'Daily review' })).toBeVisible();
  // Opening the back office fetched its own script.
  expect(scripts.length).toBeGreaterThan(0);
});
