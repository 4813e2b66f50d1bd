// Issue #14 at the counter: the clerk closes what is open in their own words, and suggestions never contradict it.
// Real Chromium, the built renderer, the real backend on a copy of the demo store (Tony O'Rourke has three open
// issues: a complaint about a frying pan, an unanswered question and an escalated return).
import type { Page } from '@playwright/test';
import { expect, test, type AppFixture } from './fixtures';
import { CLERK, expectAccessible, MANAGER, openBackOffice, signIn, snap } from './manager-helpers';

const say = (page: Page) => page.getByLabel('What I’ll say');
const issues = (page: Page) => page.getByRole('region', { name: /Open issues/ });
const settles = (page: Page) => page.getByRole('group', { name: /Settles/ });

async function openCustomer(page: Page, query: string, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Find customer' }).fill(query);
  await expect(page.getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** Tony's open complaint, as the backend has it. */
function tonysComplaint(app: AppFixture): { id: number; customer_id: number } {
  return app.backend.db
    .prepare(
      `SELECT oi.interaction_id AS id, oi.customer_id FROM open_issues oi JOIN interactions i ON i.id = oi.interaction_id
       JOIN customers c ON c.id = oi.customer_id
       WHERE c.first_name = 'Tony' AND c.last_name = 'O''Rourke' AND i.kind = 'complaint' AND oi.closed_at IS NULL`,
    )
    .get() as { id: number; customer_id: number };
}

test('resolve Tony’s complaint in his own words from the open issue’s Resolve action', async ({
  app,
  page,
}, testInfo) => {
  const complaint = tonysComplaint(app);
  await signIn(page, CLERK);
  await openCustomer(page, "tony o'rourke", "Tony O'Rourke");
  await expect(issues(page).getByRole('heading')).toContainText('Open issues 3');
  const complaintRow = page.locator('.issue', { hasText: 'Complaint' });
  await expect(complaintRow).toContainText('frying pan');

  // Keyboard only: the Resolve button is a button in the tab order; Enter works it.
  const resolve = complaintRow.getByRole('button', { name: /^Resolve the complaint from/ });
  await resolve.focus();
  await page.keyboard.press('Enter');
  await expect(say(page)).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Complaint', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Resolved', exact: true })).toBeChecked();
  await expect(settles(page).getByRole('checkbox')).toHaveCount(3);
  await expect(settles(page).getByRole('checkbox', { name: /Complaint from/ })).toBeChecked();
  await expect(settles(page).getByRole('checkbox', { name: /Inquiry from/ })).not.toBeChecked();
  await expect(settles(page).getByRole('checkbox', { name: /Return from/ })).not.toBeChecked();
  await expectAccessible(page, testInfo, 'resolve-issue');

  const words = 'Tony, I’m sorry the pan let you down. Here’s a new one, and I checked it with you.';
  await page.keyboard.type(words);
  await page.getByRole('radio', { name: '5', exact: true }).check();
  await page.getByLabel('Notes').fill('Swapped the frying pan for a new one from stock.');
  await snap(page, testInfo, 'resolve-before-save');
  await page.keyboard.press('Control+Enter');

  await expect(page.getByTestId('announcer')).toHaveText('Interaction saved');
  await expect(issues(page).getByRole('heading')).toContainText('Open issues 2');
  await expect(page.locator('.issue', { hasText: 'Complaint' })).toHaveCount(0);
  const newest = page.locator('#timeline-scroll [data-index="0"]');
  await expect(newest).toContainText(`Said: “${words}”`);
  await expect(newest).toContainText('settled an open issue');
  // The fresh form starts on Inquiry: it proposes nothing, so a quick question cannot close Tony's open one.
  await expect(settles(page).getByRole('checkbox', { checked: true })).toHaveCount(0);
  // The complaint's own entry in the history is no longer marked Open.
  const original = page.locator('#timeline-scroll .tl-interaction', { hasText: 'broke within a month' });
  await expect(original).toBeVisible();
  await expect(original.locator('.badge-open')).toHaveCount(0);
  await snap(page, testInfo, 'resolve-after-save');

  const saved = app.backend.db
    .prepare(
      'SELECT i.id, i.said, i.outcome, i.sentiment FROM interactions i JOIN interaction_resolves r ON r.interaction_id = i.id WHERE r.issue_id = ?',
    )
    .all(complaint.id);
  expect(saved).toEqual([{ id: expect.any(Number), said: words, outcome: 'resolved', sentiment: 5 }]);
  expect(
    app.backend.db
      .prepare('SELECT closed_at IS NOT NULL AS closed FROM open_issues WHERE interaction_id = ?')
      .get(complaint.id),
  ).toEqual({ closed: 1 });
});

test('the issue’s own steps: Kind Complaint, Outcome Resolved, sentiment 5, own notes, Ctrl+Enter settles the complaint', async ({
  app,
  page,
}) => {
  const complaint = tonysComplaint(app);
  await signIn(page, CLERK);
  await openCustomer(page, "tony o'rourke", "Tony O'Rourke");
  await page.getByRole('radio', { name: 'Complaint', exact: true }).check();
  await page.getByRole('radio', { name: 'Resolved', exact: true }).check();
  // The one open complaint is proposed; the clerk could untick it, or tick the others too.
  await expect(settles(page).getByRole('checkbox', { name: /Complaint from/ })).toBeChecked();
  await page.getByRole('radio', { name: '5', exact: true }).check();
  await page.getByLabel('Notes').fill('Refunded the pan, customer happy.');
  await page.keyboard.press('Control+Enter');
  await expect(issues(page).getByRole('heading')).toContainText('Open issues 2');
  expect(
    app.backend.db
      .prepare('SELECT closed_by IS NOT NULL AS closed FROM open_issues WHERE interaction_id = ?')
      .get(complaint.id),
  ).toEqual({ closed: 1 });
});

test('settling two issues at once, and none', async ({ app, page }) => {
  await signIn(page, CLERK);
  await openCustomer(page, "tony o'rourke", "Tony O'Rourke");
  await page.getByRole('radio', { name: 'Other', exact: true }).check();
  // Nothing of kind Other is open: nothing proposed, the entry may settle none.
  await expect(settles(page).getByRole('checkbox', { checked: true })).toHaveCount(0);
  await settles(page)
    .getByRole('checkbox', { name: /Inquiry from/ })
    .check();
  await settles(page)
    .getByRole('checkbox', { name: /Return from/ })
    .check();
  await page.keyboard.press('Control+Enter');
  await expect(issues(page).getByRole('heading')).toContainText('Open issues 1');
  // A resolved entry about something else settles nothing.
  await page.getByRole('radio', { name: 'Other', exact: true }).check();
  await expect(settles(page).getByRole('checkbox', { checked: true })).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('announcer')).toHaveText('Interaction saved');
  await expect(issues(page).getByRole('heading')).toContainText('Open issues 1');
  const customer = tonysComplaint(app).customer_id;
  expect(
    app.backend.db
      .prepare('SELECT count(*) AS n FROM open_issues WHERE customer_id = ? AND closed_at IS NULL')
      .get(customer),
  ).toEqual({ n: 1 });
});

test('a suggestion about an open issue ties the entry to it; nothing cheerful is offered beside an overdue callback', async ({
  app,
  page,
}) => {
  void app; // starts the store and opens the app
  await signIn(page, CLERK);
  // The gold customer owed an overdue callback about an overcharge.
  await page.getByRole('combobox', { name: 'Find customer' }).fill('dmytro bondarenko');
  const gold = page.getByRole('option', { name: /Dmytro Bondarenko/ }).filter({ hasText: 'bondarenkod57@ukr.net' });
  await gold.click();
  await expect(issues(page).getByRole('heading')).toContainText('Open issues 1');
  const list = page.locator('.sugg');
  await expect(list.first()).toContainText('Follow-up we owe (overdue)');
  await expect(page.locator('.suggestions')).not.toContainText(/gold customer|thanks for sticking with us|on offer/i);
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('suggestion-used')).toHaveText('Follow-up we owe (overdue)');
  await page.getByRole('radio', { name: 'Resolved', exact: true }).check();
  await expect(settles(page).getByRole('checkbox', { name: /Complaint from/ })).toBeChecked();
});

test('the daily review shows what the clerk said', async ({ app, page }, testInfo) => {
  const complaint = tonysComplaint(app);
  const clerk = app.backend.db.prepare('SELECT id FROM clerks WHERE display_name = ?').get(CLERK) as { id: number };
  const logged = await app.call(
    'interactions.log',
    {
      customerId: complaint.customer_id,
      kind: 'complaint',
      outcome: 'resolved',
      sentiment: 5,
      resolves: [complaint.id],
      said: 'Tony, here is a new pan — sorry for the trouble.',
    },
    clerk.id,
  );
  expect(logged.ok).toBe(true);
  await signIn(page, MANAGER);
  await openBackOffice(page, 'Daily review');
  const row = page.locator('tr', { hasText: 'Tony, here is a new pan' });
  await expect(row).toContainText('Said: “Tony, here is a new pan — sorry for the trouble.”');
  await expectAccessible(page, testInfo, 'review-said');
});
