// The rest of the back office end to end: the follow-up queue, the team, the audit log, what a clerk may not do,
// and an accessibility scan of every tab.
import { expect, test } from './fixtures';
import {
  ADMIN,
  CLERK,
  MANAGER,
  clerkId,
  expectAccessible,
  openBackOffice,
  signIn,
  snap,
  value,
} from './manager-helpers';

test('follow-up queue: overdue first, assign a clerk, log the follow-up on the counter', async ({
  app,
  page,
}, testInfo) => {
  const queue = await value(app, 'followups.list', {}, MANAGER);
  expect(queue.some((f) => f.overdue)).toBe(true);
  await signIn(page, MANAGER);
  await openBackOffice(page, 'Follow-ups');
  await expect(page.getByRole('heading', { level: 2, name: 'Follow-ups' })).toBeVisible();
  const overdue = queue.filter((f) => f.overdue).length;
  await expect(page.getByTestId('followup-summary')).toContainText(
    `${queue.length} open follow-ups, ${overdue} overdue.`,
  );

  const rows = page.locator('tbody tr[data-followup-id]');
  await expect(rows).toHaveCount(queue.length);
  await expect(rows.first()).toHaveClass(/row-overdue/);
  await expect(rows.first()).toContainText(/overdue by \d+ days?/);
  // Every overdue row comes before every other row.
  const flags = await rows.evaluateAll((trs) => trs.map((tr) => tr.classList.contains('row-overdue')));
  expect(flags.indexOf(false) === -1 || flags.lastIndexOf(true) < flags.indexOf(false)).toBe(true);
  await snap(page, testInfo, 'followups');

  const first = rows.first();
  const id = Number(await first.getAttribute('data-followup-id'));
  await first.getByRole('combobox', { name: /Assign the follow-up for/ }).selectOption({ label: 'Grace Okafor' });
  await expect(page.getByTestId('announcer')).toHaveText('Assigned to Grace Okafor');
  const after = await value(app, 'followups.list', {}, MANAGER);
  expect(after.find((f) => f.interactionId === id)?.assignedClerk?.displayName).toBe('Grace Okafor');

  // "Unassigned only" hides it.
  await page.getByLabel('Unassigned only').check();
  await expect(page.locator(`tr[data-followup-id="${id}"]`)).toHaveCount(0);
  await page.getByLabel('All', { exact: true }).check();

  const target = queue.find((f) => f.interactionId === id)!;
  await first.getByRole('button', { name: /Log follow-up for/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/customer/${target.customer!.id}$`));
  await expect(page.getByRole('heading', { level: 2, name: target.customer!.displayName })).toBeVisible();
});

test('team: add a clerk, refuse bad input with the server’s message, reset a PIN; audit shows both', async ({
  app,
  page,
}, testInfo) => {
  await signIn(page, MANAGER);
  await openBackOffice(page, 'Team');
  await expect(page.getByRole('heading', { level: 2, name: 'Team' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Aoife Byrne/ })).toContainText('Clerk');

  // A manager is only offered the clerk role.
  const role = page.getByLabel('Role');
  await expect(role.locator('option')).toHaveText(['Clerk']);

  await page.getByLabel('Name').fill('Niamh Walsh');
  await page.getByLabel('PIN (4–8 digits)').fill('5678');
  await page.getByLabel('PIN again').fill('5679');
  await page.getByRole('button', { name: 'Add clerk' }).click();
  await expect(page.locator('.review-section [role="alert"]')).toHaveText('The two PINs differ.');
  await page.getByLabel('PIN again').fill('5678');
  await page.getByRole('button', { name: 'Add clerk' }).click();
  await expect(page.getByRole('row', { name: /Niamh Walsh/ })).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText('Niamh Walsh added as clerk');
  expect(app.backend.db.prepare("SELECT role FROM clerks WHERE display_name = 'Niamh Walsh'").all()).toEqual([
    { role: 'clerk' },
  ]);
  await expect(page.getByLabel('Name')).toHaveValue('');

  // Reset Aoife's PIN in the dialog; the new PIN signs her in.
  await page.getByRole('button', { name: 'Reset PIN for Aoife Byrne' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset PIN for Aoife Byrne' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('New PIN (4–8 digits)')).toBeFocused();
  await dialog.getByLabel('New PIN (4–8 digits)').fill('12');
  await dialog.getByLabel('New PIN again').fill('12');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A PIN is 4 to 8 digits.');
  await dialog.getByLabel('New PIN (4–8 digits)').fill('4321');
  await dialog.getByLabel('New PIN again').fill('4321');
  await snap(page, testInfo, 'team-reset-pin');
  await expectAccessible(page, testInfo, 'reset PIN dialog');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText('PIN reset for Aoife Byrne');
  const aoife = clerkId(app, CLERK);
  expect((await app.call('session.signIn', { clerkId: aoife, pin: '4321' })).ok).toBe(true);
  expect((await app.call('session.signIn', { clerkId: aoife, pin: '1234' })).ok).toBe(false);

  // The server's refusal reaches the screen: a manager may not reset the admin's PIN.
  await page.getByRole('button', { name: `Reset PIN for ${ADMIN}` }).click();
  const adminDialog = page.getByRole('dialog', { name: `Reset PIN for ${ADMIN}` });
  await adminDialog.getByLabel('New PIN (4–8 digits)').fill('9999');
  await adminDialog.getByLabel('New PIN again').fill('9999');
  await adminDialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(adminDialog.getByRole('alert')).toHaveText(`Only an admin can reset ${ADMIN}'s PIN.`);
  await page.keyboard.press('Escape');
  await expect(adminDialog).toBeHidden();
  await snap(page, testInfo, 'team');

  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Audit log' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table.getByRole('row').filter({ hasText: 'Clerk added' })).toContainText(MANAGER);
  await expect(table.getByRole('row').filter({ hasText: 'PIN reset' })).toHaveCount(1);
  await snap(page, testInfo, 'audit');
  // A date range after today holds nothing.
  await page.getByLabel('From (UTC day)').fill('2026-12-01');
  await expect(page.getByText('No events in this range.')).toBeVisible();
  await page.getByRole('button', { name: 'All dates' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'PIN reset' })).toHaveCount(1);
});

test('an admin may add a manager', async ({ app, page }) => {
  await signIn(page, ADMIN);
  await openBackOffice(page, 'Team');
  await expect(page.getByLabel('Role').locator('option')).toHaveText(['Clerk', 'Manager', 'Admin']);
  await page.getByLabel('Name').fill('Ruairí Daly');
  await page.getByLabel('Role').selectOption('manager');
  await page.getByLabel('PIN (4–8 digits)').fill('24680');
  await page.getByLabel('PIN again').fill('24680');
  await page.getByRole('button', { name: 'Add clerk' }).click();
  await expect(page.getByRole('row', { name: /Ruairí Daly/ })).toContainText('Manager');
  expect(app.backend.db.prepare("SELECT role FROM clerks WHERE display_name = 'Ruairí Daly'").get()).toEqual({
    role: 'manager',
  });
});

test('a clerk sees no back office and every manager method answers FORBIDDEN', async ({ app, page }) => {
  await signIn(page, CLERK);
  await expect(page.getByRole('navigation', { name: 'Counter actions' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back office' })).toHaveCount(0);
  // Typing the address does not open it either.
  await page.evaluate("window.location.hash = '#/manage/review'");
  await expect(page.getByRole('tablist', { name: 'Back office' })).toHaveCount(0);

  const aoife = clerkId(app, CLERK);
  const attempts = [
    app.call('reports.day', { day: '2026-11-23' }, aoife),
    app.call('reports.kpis', { day: '2026-11-23' }, aoife),
    app.call('reports.trend', { to: '2026-11-23' }, aoife),
    app.call('reports.exportCsv', { from: '2026-11-23', to: '2026-11-23' }, aoife),
    app.call('reports.exportPdf', { from: '2026-11-23', to: '2026-11-23' }, aoife),
    app.call('followups.assign', { interactionId: 1, clerkId: aoife }, aoife),
    app.call('interactions.review', { interactionId: 1, flagged: true }, aoife),
    app.call('audit.list', {}, aoife),
    app.call('clerks.create', { displayName: 'Sneaky', pin: '1111' }, aoife),
    app.call('clerks.resetPin', { clerkId: aoife, pin: '1111' }, aoife),
  ];
  for (const r of await Promise.all(attempts)) {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  }
  // And a manager may not create a manager, whatever the screen offers.
  const r = await app.call(
    'clerks.create',
    { displayName: 'Promoted', role: 'manager', pin: '1111' },
    clerkId(app, MANAGER),
  );
  expect(r.ok ? null : r.error).toEqual({
    code: 'FORBIDDEN',
    message: 'Only an admin can add managers or admins.',
    reason: 'accounts.adminAddsManagers',
  });
});

test('every back-office tab passes an axe scan and works by keyboard', async ({ app, page }, testInfo) => {
  test.setTimeout(90_000);
  expect(app.url).toContain('127.0.0.1');
  await signIn(page, MANAGER);
  await openBackOffice(page);
  const review = page.getByRole('tab', { name: 'Daily review' });
  await expect(page.getByTestId('log-count')).toContainText('entries');
  await expect(page.getByRole('figure', { name: 'Last 30 days' })).toBeVisible();
  await expectAccessible(page, testInfo, 'daily review');

  // Arrow keys move between tabs (other areas may sit between these); each tab has its own heading.
  await review.focus();
  const tabCount = await page.getByRole('tab').count();
  for (const name of ['Follow-ups', 'Team', 'Audit log']) {
    for (let i = 0; i < tabCount; i++) {
      await page.keyboard.press('ArrowRight');
      if ((await page.evaluate('document.activeElement?.textContent ?? ""')) === name) break;
    }
    await expect(page.getByRole('tab', { name })).toBeFocused();
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(page.locator('.manager-panel tbody tr').first()).toBeVisible();
    await expectAccessible(page, testInfo, name.toLowerCase());
    await snap(page, testInfo, `tab-${name.toLowerCase().replace(/\W+/g, '-')}`);
  }
  // Esc leaves the back office for the counter.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tablist', { name: 'Back office' })).toHaveCount(0);
});
