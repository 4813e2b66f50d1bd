// The clerk's counter screen end to end: real Chromium, the built renderer, the real backend on a copy of the demo
// store. Database assertions go through the same backend the page talks to.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { createCustomer } from '../../main/services/customers';
import { expect, test } from './fixtures';
import { wedge } from './keys';
import { watchStart } from './start-watch';

const PIN = '1234';
const CLERK = 'Aoife Byrne';

interface CustomerRow {
  id: number;
  first_name: string;
  last_name: string;
  phone: string | null;
  loyalty_id: string | null;
}
const fullName = (c: CustomerRow) => `${c.first_name} ${c.last_name}`.trim();

async function signIn(page: Page, clerk = CLERK): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(clerk) }).click();
  await page.getByLabel('Your PIN').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(clerk);
  await expect(search(page)).toBeFocused();
}

const search = (page: Page) => page.getByRole('combobox', { name: 'Find customer' });

const notes = (page: Page) => page.getByLabel('Notes');
const announcer = (page: Page) => page.getByTestId('announcer');
const timelineRow = (page: Page, index: number) => page.locator(`#timeline-scroll [data-index="${index}"]`);

/** No serious or critical accessibility violations on what is on screen now. */
async function expectAccessible(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  await testInfo.attach(`axe-${screen}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  expect(bad, `accessibility on the ${screen} screen`).toEqual([]);
}

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

/** Waits until the suggestions panel has answered (suggestions or its empty state). */
async function suggestionsSettled(page: Page): Promise<number> {
  await expect(page.locator('.sugg, .suggestions .empty-note').first()).toBeVisible();
  return page.locator('.sugg').count();
}

async function openFirstResult(page: Page, query: string): Promise<{ name: string; id: number }> {
  await search(page).fill(query);
  const first = page.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const name = (await first.locator('.hit-name').textContent()) ?? '';
  const id = Number(await first.getAttribute('data-customer-id'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  return { name, id };
}

test('starts without console errors or failed requests', async ({ app, page }) => {
  const start = await watchStart(page.context());
  await start.page.goto(app.url);
  // The clerk list is the last thing the start asks for.
  await expect(start.page.getByRole('button', { name: new RegExp(CLERK) })).toBeVisible();
  await start.settled();
  expect(start.problems).toEqual([]);
});

test('the start check counts a call cut short', async ({ app, page }) => {
  const start = await watchStart(page.context());
  await start.page.route('**/rpc/clerks.list', (route) => route.abort('aborted'));
  await start.page.goto(app.url);
  await expect(start.page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await start.settled();
  expect(start.problems).toContain(`failed: ${app.url}rpc/clerks.list (net::ERR_ABORTED)`);
});

test('sign in, find a customer, use a suggestion and log with Ctrl+Enter', async ({ app, page }, testInfo) => {
  await signIn(page);
  await search(page).pressSequentially('obrien', { delay: 40 });
  const options = page.getByRole('option');
  await expect(options.first()).toContainText("O'Brien");
  await expect(announcer(page)).toContainText(/customers? found/);
  await snap(page, testInfo, 'search');

  // Second result by keyboard, then back up to the first: ↓ ↑ Enter.
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  const chosen = options.first();
  const name = (await chosen.locator('.hit-name').textContent())!;
  const customerId = Number(await chosen.getAttribute('data-customer-id'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`#/customer/${customerId}$`));
  await expect(timelineRow(page, 0)).toBeVisible();

  let templateId: string | null = null;
  if ((await suggestionsSettled(page)) > 0) {
    const text = (await page.locator('.sugg-text').first().textContent())!;
    const title = (await page.locator('.sugg-title').first().textContent())!;
    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('What I’ll say')).toHaveValue(text);
    await expect(page.getByLabel('What I’ll say')).toBeFocused();
    await expect(page.getByTestId('suggestion-used')).toHaveText(title);
    templateId = 'used';
  } else {
    await expect(page.getByText('No suggestions for this customer right now')).toBeVisible();
  }
  await snap(page, testInfo, 'profile');

  const note = `E2E flow ${Date.now()}: asked about the lid, swapped it.`;
  await page.keyboard.press('Alt+L');
  await expect(notes(page)).toBeFocused();
  await page.keyboard.type(note);
  await page.getByRole('radio', { name: '4' }).check();
  await page.keyboard.press('Control+Enter');

  await expect(announcer(page)).toHaveText('Interaction saved');
  await expect(notes(page)).toHaveValue('');
  await expect(timelineRow(page, 0)).toContainText(note);
  await expect(timelineRow(page, 0)).toContainText(`by ${CLERK}`);

  const rows = app.backend.db
    .prepare(
      'SELECT customer_id, clerk_id, sentiment, suggestion_template_id, request_id FROM interactions WHERE notes = ?',
    )
    .all(note) as {
    customer_id: number;
    clerk_id: number;
    sentiment: number;
    suggestion_template_id: string | null;
    request_id: string | null;
  }[];
  expect(rows).toHaveLength(1);
  expect(rows[0]!.customer_id).toBe(customerId);
  expect(rows[0]!.sentiment).toBe(4);
  expect(rows[0]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
  if (templateId) expect(rows[0]!.suggestion_template_id).not.toBeNull();
  const clerk = app.backend.db.prepare('SELECT id FROM clerks WHERE display_name = ?').get(CLERK) as { id: number };
  expect(rows[0]!.clerk_id).toBe(clerk.id);
  // The draft is gone once the entry is saved.
  const drafts = app.backend.db.prepare('SELECT key FROM drafts WHERE key LIKE ?').all(`%:log:${customerId}`);
  expect(drafts).toEqual([]);
});

test('a card scan opens the profile directly; slow typing is a search, not a scan', async ({ app, page }) => {
  const [c, other] = app.backend.db
    .prepare(
      'SELECT id, first_name, last_name, phone, loyalty_id FROM customers WHERE loyalty_id IS NOT NULL ORDER BY id LIMIT 2 OFFSET 120',
    )
    .all() as CustomerRow[];
  await signIn(page);
  const byCard: string[] = [];
  page.on('request', (r) => r.url().endsWith('/rpc/customers.byCard') && byCard.push(r.postData() ?? ''));

  await wedge(page, c!.loyalty_id!);
  await expect(page.getByRole('heading', { level: 2, name: fullName(c!) })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/customer/${c!.id}$`));
  await expect(search(page)).toHaveValue('');
  expect(byCard).toEqual([JSON.stringify({ loyaltyId: c!.loyalty_id })]);

  // The same kind of number typed by hand goes through the normal search (which also finds the card).
  await page.keyboard.press('Control+k');
  await expect(search(page)).toBeFocused();
  await page.keyboard.type(other!.loyalty_id!, { delay: 90 });
  await expect(page.getByRole('option').first()).toContainText(fullName(other!));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: fullName(other!) })).toBeVisible();
  expect(byCard).toHaveLength(1);

  // A card nobody has: say so, keep the number, offer to create the customer with it.
  await page.keyboard.press('Control+k');
  await wedge(page, '9999999999999');
  await expect(page.getByText('No customer has loyalty card 9999999999999.').first()).toBeVisible();
  await expect(search(page)).toHaveValue('9999999999999');
});

test('a slow answer to an earlier query never replaces the results of the newer one', async ({ app, page }) => {
  void app; // starts the store and opens the app
  await signIn(page);
  const hits = page.locator('[role="option"][data-customer-id]');
  // Hold the answer to "mar" back until the answer to "murphy" has been shown.
  let releaseEarly!: () => void;
  const early = new Promise<void>((resolve) => (releaseEarly = resolve));
  await page.route('**/rpc/customers.search', async (route) => {
    const { query } = JSON.parse(route.request().postData() ?? '{}') as { query: string };
    if (query === 'mar') await early;
    await route.continue();
  });
  const olderAsked = page.waitForRequest(
    (r) => r.url().endsWith('/rpc/customers.search') && r.postData()?.includes('"mar"') === true,
  );
  await search(page).fill('mar');
  await olderAsked; // past the debounce: the request for "mar" is on its way and held
  await search(page).fill('murphy');
  await expect(hits.first()).toContainText(/murphy/i);
  const olderAnswered = page.waitForResponse(
    (r) => r.url().endsWith('/rpc/customers.search') && r.request().postData()?.includes('"mar"') === true,
  );
  releaseEarly();
  const older = (await (await olderAnswered).json()) as { value: { displayName: string }[] };
  // The held answer did arrive, and it held other names (Mary, Martin...) than the newer one shows.
  expect(older.value.some((h) => !/murphy/i.test(h.displayName))).toBe(true);
  await page.waitForTimeout(300);
  const shown = await hits.allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  for (const text of shown) expect(text).toMatch(/murphy/i);
  await expect(search(page)).toHaveValue('murphy');
  await page.unroute('**/rpc/customers.search');
});

test('quick-create warns about a duplicate phone and can open that customer instead', async ({
  app,
  page,
}, testInfo) => {
  const existing = app.backend.db
    .prepare(
      "SELECT id, first_name, last_name, phone, loyalty_id FROM customers WHERE phone LIKE '08%' ORDER BY id LIMIT 1 OFFSET 40",
    )
    .get() as CustomerRow;
  await signIn(page);
  await search(page).fill('zzqx nobody');
  await expect(page.getByRole('option', { name: /Create a new customer/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No customer matches “zzqx nobody”.')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveValue('Zzqx');
  await expect(page.getByLabel('Last name')).toHaveValue('Nobody');
  await expect(page.getByLabel('First name')).toBeFocused();

  await page.getByLabel('Phone').fill(existing.phone!);
  const warning = page.locator('.dup').filter({ hasText: `Possible duplicate: ${fullName(existing)}` });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('same phone');
  await snap(page, testInfo, 'quick-create');
  await expectAccessible(page, testInfo, 'quick-create');

  await warning.getByRole('button', { name: `Open ${fullName(existing)}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: fullName(existing) })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/customer/${existing.id}$`));

  // A refused save shows the service's message and keeps what was typed.
  const carded = app.backend.db
    .prepare('SELECT loyalty_id FROM customers WHERE loyalty_id IS NOT NULL LIMIT 1')
    .get() as {
    loyalty_id: string;
  };
  await page.keyboard.press('Alt+n');
  await page.getByLabel('First name').fill('Cardholder');
  await page.getByLabel('Loyalty card').fill(carded.loyalty_id);
  // The card's holder is a possible duplicate: Ctrl+Enter does not create past the warning, "create anyway" tries.
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.create-form [role="alert"]')).toContainText('Not created');
  await page.getByRole('button', { name: /create anyway/ }).click();
  await expect(page.locator('.create-form [role="alert"]')).toContainText('already belongs to another customer');
  await expect(page.getByLabel('First name')).toHaveValue('Cardholder');
  await page.keyboard.press('Escape');

  // A genuinely new customer: Alt+N, fill in, Ctrl+Enter, and the new profile opens.
  await page.keyboard.press('Alt+n');
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.keyboard.type('Fionnuala');
  await page.getByLabel('Last name').fill('Quinlan-E2E');
  await page.getByRole('textbox', { name: 'Email' }).fill('fionnuala.e2e@example.ie');
  await page.getByLabel(/Agrees to receive marketing/).check();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Fionnuala Quinlan-E2E' })).toBeVisible();
  const created = app.backend.db
    .prepare("SELECT email, marketing_consent FROM customers WHERE last_name = 'Quinlan-E2E'")
    .all() as { email: string; marketing_consent: number }[];
  expect(created).toEqual([{ email: 'fionnuala.e2e@example.ie', marketing_consent: 1 }]);
});

test('a walk-in is logged from the header without a customer', async ({ app, page }, testInfo) => {
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Counter actions' })
    .getByRole('button', { name: /Walk-in/ })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Walk-in' })).toBeFocused();
  await suggestionsSettled(page);
  const note = `Walk-in E2E ${Date.now()}: asked for opening hours.`;
  await page.getByRole('radio', { name: 'Inquiry' }).check();
  await notes(page).fill(note);
  await page.getByRole('button', { name: /Save interaction/ }).click();
  await expect(announcer(page)).toHaveText('Interaction saved');
  await expect(page.getByRole('region', { name: 'Walk-ins logged on this screen' })).toContainText(note);
  await snap(page, testInfo, 'walk-in');
  const rows = app.backend.db.prepare('SELECT customer_id, kind, outcome FROM interactions WHERE notes = ?').all(note);
  expect(rows).toEqual([{ customer_id: null, kind: 'inquiry', outcome: 'resolved' }]);

  // A follow-up without a date is refused in the form, values kept.
  await page.keyboard.press('Alt+w');
  await page.getByRole('radio', { name: 'Follow-up' }).check();
  await notes(page).fill('Call back about the order');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.log-form [role="alert"]')).toContainText('A follow-up needs a date');
  await expect(notes(page)).toHaveValue('Call back about the order');
});

test('the log draft survives a reload', async ({ app, page }) => {
  await signIn(page);
  const { id } = await openFirstResult(page, 'murphy');
  await page.getByRole('radio', { name: 'Complaint' }).check();
  await page.keyboard.press('Alt+L');
  const text = 'Half-written note about a cracked lid';
  await page.keyboard.type(text);
  await expect(page.getByTestId('draft-state')).toHaveText('Draft saved');
  const stored = app.backend.db.prepare('SELECT body FROM drafts WHERE key LIKE ?').get(`%:log:${id}`) as {
    body: string;
  };
  expect(JSON.parse(stored.body)).toMatchObject({ notes: text, kind: 'complaint' });

  await page.reload();
  if (await page.getByRole('heading', { name: 'Who is at the counter?' }).isVisible()) await signIn(page);
  await expect(notes(page)).toHaveValue(text);
  await expect(page.getByRole('radio', { name: 'Complaint' })).toBeChecked();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
});

test('keyboard only: sign in, search, open, log, timeline, walk-in, new customer, help', async ({ app, page }) => {
  test.setTimeout(60_000);
  // No mouse at all from here on.
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  const clerks = (await app.call('clerks.list', {})) as { ok: true; value: { displayName: string }[] };
  const steps = clerks.value.findIndex((c) => c.displayName === CLERK);
  expect(steps).toBeGreaterThanOrEqual(0);
  await expect(page.getByRole('button', { name: new RegExp(clerks.value[0]!.displayName) })).toBeFocused();
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: new RegExp(CLERK) })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Your PIN')).toBeFocused();
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(search(page)).toBeFocused();

  await page.keyboard.type('obrien', { delay: 40 });
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(search(page)).toHaveValue('');
  await page.keyboard.type('obrien', { delay: 40 });
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  const name = (await page.getByRole('option').first().locator('.hit-name').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();

  if ((await suggestionsSettled(page)) > 0) {
    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('What I’ll say')).toBeFocused();
  }
  await page.keyboard.press('Alt+L');
  await page.keyboard.type('Keyboard-only entry');
  await page.keyboard.press('Control+Enter');
  await expect(announcer(page)).toHaveText('Interaction saved');
  await expect(timelineRow(page, 0)).toContainText('Keyboard-only entry');

  await page.keyboard.press('Escape');
  await expect(search(page)).toBeFocused();
  await page.keyboard.press('Alt+t');
  await expect(page.locator('#timeline-scroll')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(timelineRow(page, 0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(timelineRow(page, 1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(timelineRow(page, 0)).toBeFocused();

  // "/" from outside a text field goes back to the search box.
  await page.keyboard.press('/');
  await expect(search(page)).toBeFocused();

  await page.keyboard.press('Alt+w');
  await expect(page.getByRole('heading', { level: 2, name: 'Walk-in' })).toBeFocused();
  await page.keyboard.press('Alt+n');
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search(page)).toBeFocused();

  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  // Tab reaches the header actions and the clerk switch.
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Shift+Tab');
    reached = (await page.evaluate("document.activeElement?.textContent ?? ''")) === 'Switch clerk';
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
});

test('a 10,000-entry timeline stays virtualised and loads older pages while scrolling', async ({ app, page }) => {
  test.setTimeout(60_000);
  const customerId = createCustomer(app.backend.ctx, { firstName: 'Hugo', lastName: 'Manyvisits' }).id;
  const insertPurchase = app.backend.db.prepare(
    'INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, ?, ?, ?)',
  );
  const insertItem = app.backend.db.prepare(
    'INSERT INTO purchase_items (purchase_id, sku, description, quantity, unit_price_cents) VALUES (?, ?, ?, 1, ?)',
  );
  app.backend.db.transaction(() => {
    const start = Date.parse('2026-11-22T12:00:00Z');
    for (let i = 0; i < 10_000; i++) {
      const at = new Date(start - i * 3 * 3600_000).toISOString();
      const id = Number(
        insertPurchase.run(customerId, at, at.slice(0, 10), `E2E-${customerId}-${i}`, 1250).lastInsertRowid,
      );
      insertItem.run(id, 'SKU-E2E', `Item ${i}`, 1250);
    }
  })();

  await signIn(page);
  await openFirstResult(page, 'hugo manyvisits');
  await expect(timelineRow(page, 0)).toContainText('Item 0');
  const scroller = page.locator('#timeline-scroll');
  for (let round = 0; round < 6; round++) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForTimeout(150);
  }
  await expect(page.locator('.timeline-head')).toContainText(/[1-9],?\d{3}\+? entries/);
  const rendered = await page.locator('#timeline-scroll [data-index]').count();
  expect(rendered).toBeLessThan(60);

  // End jumps to the oldest loaded entry, and keyboard focus follows it.
  await page.keyboard.press('Alt+t');
  await page.keyboard.press('End');
  // The row is focused once the virtualiser has scrolled it into the DOM: wait for that, not one frame.
  await expect
    .poll(async () => Number(await page.evaluate("document.activeElement?.getAttribute('data-index') ?? '-1'")))
    .toBeGreaterThan(300);
});

test('every counter screen passes an axe scan', async ({ app, page }, testInfo) => {
  test.setTimeout(90_000);
  expect(app.url).toContain('127.0.0.1');
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await snap(page, testInfo, 'clerk-picker');
  await expectAccessible(page, testInfo, 'clerk picker');

  await page.getByRole('button', { name: new RegExp(CLERK) }).click();
  await expect(page.getByLabel('Your PIN')).toBeFocused();
  await expectAccessible(page, testInfo, 'PIN');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(search(page)).toBeFocused();
  await expectAccessible(page, testInfo, 'empty counter');

  await page.keyboard.type('obrien', { delay: 30 });
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  // Scan the answer to the last key, not the dimmed results of an earlier one still on screen while it is asked for.
  await expect(page.getByRole('listbox', { name: 'Matching customers' })).toHaveAttribute('aria-busy', 'false');
  await expectAccessible(page, testInfo, 'search results');

  await page.keyboard.press('Enter');
  await expect(timelineRow(page, 0)).toBeVisible();
  await suggestionsSettled(page);
  await expectAccessible(page, testInfo, 'profile');

  await page.keyboard.press('Alt+w');
  await suggestionsSettled(page);
  await expectAccessible(page, testInfo, 'walk-in');

  await page.keyboard.press('Alt+n');
  await expect(page.getByLabel('First name')).toBeFocused();
  await expectAccessible(page, testInfo, 'quick-create');

  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectAccessible(page, testInfo, 'shortcuts');
});

test('the counter fits a 1024×700 screen', async ({ app, page }, testInfo) => {
  expect(app.url).toContain('127.0.0.1');
  await page.setViewportSize({ width: 1024, height: 700 });
  await signIn(page);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('obrien', { delay: 30 });
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(timelineRow(page, 0)).toBeVisible();
  const overflow = Number(
    await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(page, testInfo, 'profile-1024x700');
});
