// The managers' daily review end to end: real Chromium, the built renderer, the real backend on a copy of the demo
// store, with a few entries of known content logged for "today" first.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { CSV_COLUMNS } from '../../main/services/reports/csv';
import { expect, test, type AppFixture } from './fixtures';
import {
  ADMIN,
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

const TAG = 'E2E-review';

async function logKnownEntries(app: AppFixture): Promise<{ customerId: number; ids: number[] }> {
  const customer = app.backend.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET 30').get() as {
    id: number;
  };
  const entries = [
    { kind: 'return', outcome: 'resolved', sentiment: 4, notes: `${TAG} alpha: refund for a cracked teapot lid` },
    { kind: 'complaint', outcome: 'escalated', sentiment: 2, notes: `${TAG} beta: kettle switch broke twice` },
    {
      kind: 'inquiry',
      outcome: 'unresolved',
      sentiment: null,
      notes: `${TAG} gamma: asked about a discontinued blender`,
    },
  ] as const;
  const ids: number[] = [];
  for (const e of entries) {
    const logged = await value(app, 'interactions.log', { customerId: customer.id, ...e }, CLERK);
    ids.push(logged.id);
  }
  return { customerId: customer.id, ids };
}

const logRows = (page: Page) => page.locator('.log-table tbody tr');
const row = (page: Page, text: string) => logRows(page).filter({ hasText: text });
const storePicker = (page: Page) => page.getByRole('combobox', { name: 'Store', exact: true });

test('daily review: KPIs, charts with tables, filters, flag with a note, open the customer', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const { customerId, ids } = await logKnownEntries(app);
  const kpis = await value(app, 'reports.kpis', { day: TODAY }, MANAGER);
  expect(kpis.kpis.interactions).toBeGreaterThanOrEqual(3);

  await signIn(page, MANAGER);
  await openBackOffice(page);
  await expect(page.getByRole('tab', { name: 'Daily review' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'Daily review' })).toBeVisible();
  await expect(page.getByLabel('Day', { exact: true })).toHaveValue(TODAY);

  // The cards show the backend's figures for the day, with the comparison to the week before.
  const interactionsCard = page.getByTestId('kpi-interactions');
  await expect(interactionsCard).toContainText(String(kpis.kpis.interactions));
  await expect(interactionsCard).toContainText('7-day average');
  await expect(page.getByTestId('kpi-complaints')).toContainText(String(kpis.kpis.complaints));
  await expect(page.getByTestId('log-count')).toHaveText(`${kpis.kpis.interactions} entries`);
  await expect(logRows(page)).toHaveCount(kpis.kpis.interactions);
  await expect(row(page, `${TAG} beta`)).toContainText('Escalated');

  // Each chart is a named picture with its numbers as a real table.
  for (const name of ['Interactions per hour', 'Sentiment', 'Per clerk', 'Last 30 days']) {
    await expect(page.getByRole('figure', { name })).toBeVisible();
  }
  // The figures per clerk: a row a clerk, headed by their name, with the backend's count.
  const perClerk = page.getByRole('table', { name: 'Figures per clerk' });
  expect(kpis.perClerk.length).toBeGreaterThan(0);
  for (const c of kpis.perClerk) {
    const heads = page.getByRole('rowheader', { name: c.clerk.displayName, exact: true });
    await expect(perClerk.getByRole('row').filter({ has: heads })).toContainText(String(c.interactions));
  }
  const hours = page.getByRole('figure', { name: 'Interactions per hour' });
  await expect(hours.locator('.chart-canvas[role="img"]')).toHaveAttribute('aria-label', /Busiest hour/);
  await hours.getByText('Show as table').click();
  await expect(hours.getByRole('table')).toBeVisible();
  await expect(hours.getByRole('columnheader', { name: 'Escalated' })).toBeVisible();
  await snap(page, testInfo, 'review-top');
  await snap(page, testInfo, 'review-full', true);
  await hours.getByText('Show as table').click();

  // Filter by outcome: only escalated entries remain.
  await page.getByRole('combobox', { name: /^Outcome/ }).selectOption('escalated');
  await expect(row(page, `${TAG} beta`)).toBeVisible();
  await expect(row(page, `${TAG} alpha`)).toHaveCount(0);
  const outcomes = await page.locator('.log-table tbody tr .outcome').allTextContents();
  expect(outcomes.length).toBeGreaterThan(0);
  expect(new Set(outcomes)).toEqual(new Set(['Escalated']));
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(logRows(page)).toHaveCount(kpis.kpis.interactions);

  // Notes search, debounced: typing fast sends one query for the whole word.
  await page.getByLabel('Notes contain').pressSequentially('teapot', { delay: 30 });
  await expect(logRows(page)).toHaveCount(1);
  await expect(logRows(page).first()).toContainText(`${TAG} alpha`);
  await expect(page.getByTestId('log-count')).toContainText(`1 of ${kpis.kpis.interactions} entries match`);
  await expect(page.getByTestId('announcer')).toHaveText('1 entry matches');

  // Flag it with a review note. The dialog keeps focus inside and Esc closes it without leaving the back office.
  const flagButton = logRows(page)
    .first()
    .getByRole('button', { name: /Flag or add a review note/ });
  await flagButton.click();
  const dialog = page.getByRole('dialog', { name: 'Review entry' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /Flag this entry/ })).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(flagButton).toBeFocused();
  await expect(page.getByRole('tablist', { name: 'Back office' })).toBeVisible();

  await flagButton.click();
  await dialog.getByLabel('Review note').fill('Refund over the limit without a manager: talk to Aoife.');
  await snap(page, testInfo, 'review-dialog');
  await expectAccessible(page, testInfo, 'review dialog');
  await dialog.getByRole('button', { name: 'Save review' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText('Entry flagged');
  const flagged = logRows(page).first();
  await expect(flagged.locator('.badge-flag')).toHaveText('Flagged');
  await expect(flagged).toContainText('Refund over the limit without a manager');
  await expect(flagged).toContainText(`— ${MANAGER}`);

  // Stored as a review amendment by the manager; the original entry is untouched.
  const review = app.backend.db
    .prepare(
      'SELECT flagged, review_note, clerk_id, amend_reason FROM interactions WHERE amends_id = ? AND flagged IS NOT NULL',
    )
    .all(ids[0]) as { flagged: number; review_note: string; clerk_id: number; amend_reason: string }[];
  expect(review).toEqual([
    {
      flagged: 1,
      review_note: 'Refund over the limit without a manager: talk to Aoife.',
      clerk_id: clerkId(app, MANAGER),
      amend_reason: 'manager review',
    },
  ]);
  const flaggedNow = await value(app, 'reports.day', { day: TODAY, filters: { flagged: true } }, MANAGER);
  expect(flaggedNow.entries.map((e) => e.id)).toEqual([ids[0]]);

  // The "Flagged" filter finds it after a reload of the tab.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Flagged').check();
  await expect(logRows(page)).toHaveCount(1);
  await page.getByLabel('Flagged').uncheck();

  // Previous day and back: the day picker drives every part of the page.
  const yesterday = await value(app, 'reports.kpis', { day: '2026-11-22' }, MANAGER);
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page.getByLabel('Day', { exact: true })).toHaveValue('2026-11-22');
  await expect(page.getByTestId('log-count')).toHaveText(`${yesterday.kpis.interactions} entries`);
  await expect(page.getByRole('button', { name: 'Next day' })).toBeEnabled();
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByRole('button', { name: 'Next day' })).toBeDisabled();

  // The customer's name opens them on the counter.
  const name = (await row(page, `${TAG} gamma`).locator('.link-button').textContent())!;
  await row(page, `${TAG} gamma`).locator('.link-button').click();
  await expect(page).toHaveURL(new RegExp(`#/customer/${customerId}$`));
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back office' })).toBeVisible();
});

test('exports: CSV with and without a BOM, and a PDF for a range', async ({ app, page }, testInfo) => {
  await logKnownEntries(app);
  await signIn(page, ADMIN);
  await openBackOffice(page, 'Daily review');
  await expect(page.getByTestId('log-count')).toContainText('entries');

  const csv = async (bom: boolean) => {
    const box = page.getByLabel('BOM for Excel');
    if (bom) await box.check();
    else await box.uncheck();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = testInfo.outputPath(`${bom ? 'bom' : 'plain'}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    return fs.readFileSync(file);
  };

  const plain = await csv(false);
  expect(plain.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  const text = plain.toString('utf8');
  expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  expect(text).toContain(`${TAG} beta: kettle switch broke twice`);
  await expect(page.getByTestId('announcer')).toContainText('CSV exported');

  const withBom = await csv(true);
  expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(withBom.subarray(3).toString('utf8').startsWith('date,time,clerk')).toBe(true);

  // A range: from three days before to today.
  await page.getByLabel('From', { exact: true }).fill('2026-11-20');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfFile = testInfo.outputPath(pdf.suggestedFilename());
  await pdf.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('announcer')).toContainText('PDF exported');

  // A backwards range is refused on the screen.
  await page.getByLabel('From', { exact: true }).fill('2026-11-23');
  await page.getByLabel('To', { exact: true }).fill('2026-11-21');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.locator('.review-section [role="alert"]')).toHaveText('The start date is after the end date.');

  const events = app.backend.db.prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'export'").get() as {
    n: number;
  };
  expect(events.n).toBe(3);
});

test('a 5,000-entry day pages through 100 rows at a time and stays quick', async ({ app, page }, testInfo) => {
  test.setTimeout(60_000);
  const BUSY_DAY = '2026-11-20';
  const clerks = app.backend.db.prepare('SELECT id FROM clerks').all() as { id: number }[];
  const insert = app.backend.db.prepare(
    `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, clerk_id, terminal_id)
     VALUES (NULL, ?, ?, 'inquiry', 'resolved', 3, ?, ?, 'counter-1')`,
  );
  app.backend.db.transaction(() => {
    const start = Date.parse(`${BUSY_DAY}T08:00:00Z`);
    for (let i = 0; i < 5000; i++) {
      insert.run(new Date(start + i * 7_000).toISOString(), BUSY_DAY, `Bulk entry ${i}`, clerks[i % clerks.length]!.id);
    }
  })();
  const total = (await value(app, 'reports.day', { day: BUSY_DAY }, MANAGER)).total;
  expect(total).toBeGreaterThanOrEqual(5000);

  await signIn(page, MANAGER);
  await openBackOffice(page);
  await page.getByLabel('Day', { exact: true }).fill(BUSY_DAY);
  await expect(page.getByTestId('log-count')).toHaveText(`${total.toLocaleString('en-IE')} entries`);
  await expect(logRows(page)).toHaveCount(100);
  const pages = Math.ceil(total / 100);
  await expect(page.locator('#log-page')).toContainText(`page 1 of ${pages}`);

  // The pager by keyboard: focus Next, Enter; then Last.
  await page.getByRole('button', { name: 'Next', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#log-page')).toContainText(`Rows 101–200 of ${total.toLocaleString('en-IE')}`);
  await expect(page.getByTestId('announcer')).toHaveText(`Page 2 of ${pages}`);
  await page.getByRole('button', { name: 'Last', exact: true }).click();
  await expect(page.locator('#log-page')).toContainText(`page ${pages} of ${pages}`);
  await expect(logRows(page)).toHaveCount(total - (pages - 1) * 100);

  // A filter goes back to page 1 and answers quickly.
  await page.getByLabel('Notes contain').fill('Bulk entry 4999');
  await expect(logRows(page)).toHaveCount(1);
  await expect(page.locator('#log-page')).toContainText('page 1 of 1');
  await snap(page, testInfo, 'review-busy-day');
});

test('daily review: a store selector for a manager with the chain scope, by keyboard, with exports of the selection', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(120_000); // three axe scans and two exports on a shared machine
  // The store as the chain leaves it: joined as "Galway" (sync_state, recorded at join), one entry pulled from Cork
  // (interaction_origins, as interactions-apply.ts writes it), and the chain scope the hub granted the manager
  // (review_scope, as the clerk sync brings it). The chain tests cover how each gets there.
  const db = app.backend.db;
  const galway = { id: '01930000-0000-7000-8000-000000000001', name: 'Galway' };
  const cork = { id: '01930000-0000-7000-8000-000000000002', name: 'Cork' };
  db.prepare("INSERT INTO sync_state (key, value) VALUES ('hubStore', ?)").run(JSON.stringify(galway));
  const customer = app.backend.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET 40').get() as {
    id: number;
  };
  const here = await value(
    app,
    'interactions.log',
    { customerId: customer.id, kind: 'inquiry', outcome: 'resolved', notes: `${TAG} logged in Galway` },
    CLERK,
  );
  const there = await value(
    app,
    'interactions.log',
    { customerId: customer.id, kind: 'inquiry', outcome: 'resolved', notes: `${TAG} logged in Cork` },
    CLERK,
  );
  db.prepare(
    "INSERT INTO interaction_origins (interaction_id, store_id, store_name, terminal_id, terminal_name) VALUES (?, ?, ?, ?, 'till-1')",
  ).run(there.id, cork.id, cork.name, '01930000-0000-7000-8000-0000000000aa');
  expect(here.id).toBeLessThan(there.id);

  // Without the scope: the store is named, there is nothing to choose, and Cork's entry is not in Galway's review.
  await signIn(page, MANAGER);
  await openBackOffice(page);
  await expect(page.getByText('Store: Galway')).toBeVisible();
  await expect(storePicker(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Log: Galway' })).toBeVisible();
  await expect(row(page, `${TAG} logged in Galway`)).toHaveCount(1);
  await expect(row(page, `${TAG} logged in Cork`)).toHaveCount(0);
  await expectAccessible(page, testInfo, 'review of this store only');

  db.prepare("UPDATE clerks SET review_scope = 'chain' WHERE display_name = ?").run(MANAGER);
  await page.reload(); // the session outlives a reload; the review asks again which stores it may show
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(MANAGER);
  await openBackOffice(page);
  const picker = storePicker(page);
  await expect(picker).toHaveValue('this');
  await expect(picker.locator('option')).toHaveText(['Galway (this store)', 'Cork', 'All stores']);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await expectAccessible(page, testInfo, `review store selector at ${width}`);
    await fitsItsWidth(page, '.review .page-head');
  }
  await snap(page, testInfo, 'review-store-selector');

  // Keyboard only: focus the selector, the arrow key picks Cork; the log, the figures and the export follow.
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await expect(picker).toHaveValue(cork.id);
  await expect(row(page, `${TAG} logged in Cork`)).toHaveCount(1);
  await expect(logRows(page)).toHaveCount(1);
  await expect(page.getByTestId('kpi-interactions').locator('.kpi-value')).toHaveText('1');
  await expect(page.getByRole('heading', { name: 'Log: Cork' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Export: Cork' })).toBeVisible();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`counterpart-cork-${TODAY}.csv`);
  const file = testInfo.outputPath(csv.suggestedFilename());
  await csv.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${TAG} logged in Cork`);

  // The selector sits in the tab order just before the day: Shift+Tab from the day's first button reaches it.
  await page.getByRole('button', { name: 'Previous day' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(picker).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(picker).toHaveValue('all');
  await expect(page.getByRole('heading', { name: 'Log: All stores' })).toBeVisible();
  await expect(row(page, `${TAG} logged in Galway`)).toHaveCount(1);
  await expect(row(page, `${TAG} logged in Cork`)).toHaveCount(1);
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`counterpart-all-stores-${TODAY}.pdf`);
  await snap(page, testInfo, 'review-all-stores');
});
