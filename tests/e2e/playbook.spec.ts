// Playbook management end to end: a manager edits and previews a template, the clerk at the counter sees the new
// words, a disabled template disappears, and clerks never reach the back office.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { Suggestion } from '@common/domain';
import { expect, test, type AppFixture } from './fixtures';

const PIN = '1234';
const MANAGER = 'Declan Murphy';
const CLERK = 'Aoife Byrne';
const EDITED = 'Good to see you again — this line comes from the edited playbook.';
const GERMAN = 'Schön, Sie wiederzusehen! Diese Zeile kommt aus dem bearbeiteten Playbook.';

const announcer = (page: Page) => page.getByTestId('announcer');
const search = (page: Page) => page.getByRole('combobox', { name: 'Find customer' });

async function signIn(page: Page, who: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(who) }).click();
  await page.getByLabel('Your PIN').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(who);
}

async function switchClerk(page: Page, who: string): Promise<void> {
  await page.getByRole('button', { name: 'Switch clerk' }).click();
  await signIn(page, who);
}

async function openPlaybook(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back office' }).click();
  await page.getByRole('tab', { name: 'Playbook' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Playbook' })).toBeVisible();
}

async function openCustomer(page: Page, phone: string, id: number): Promise<void> {
  await search(page).fill(phone);
  await page.locator(`[role="option"][data-customer-id="${id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/customer/${id}$`));
  await expect(page.locator('.sugg, .suggestions .empty-note').first()).toBeVisible();
}

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
  expect(bad, `accessibility of the ${screen}`).toEqual([]);
}

/** The clerk, and a demo customer with a phone who gets suggestions. */
function demoCustomer(app: AppFixture) {
  const db = app.backend.db;
  const clerkId = (db.prepare('SELECT id FROM clerks WHERE display_name = ?').get(CLERK) as { id: number }).id;
  const customer = db
    .prepare(
      "SELECT id, first_name AS firstName, first_name || ' ' || last_name AS name, phone FROM customers WHERE phone IS NOT NULL ORDER BY id LIMIT 1 OFFSET 60",
    )
    .get() as { id: number; firstName: string; name: string; phone: string };
  return { clerkId, customer };
}

async function firstSuggestion(app: AppFixture, clerkId: number, customerId: number): Promise<Suggestion> {
  const list = await app.call('suggestions.forCustomer', { customerId }, clerkId);
  if (!list.ok) throw new Error(list.error.message);
  expect(list.value[0], 'the demo customer gets at least one suggestion').toBeDefined();
  return list.value[0]!;
}

test('a manager edits, previews and saves a template; the clerk sees it; a disabled template is gone', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const db = app.backend.db;
  const { clerkId, customer } = demoCustomer(app);
  const target = await firstSuggestion(app, clerkId, customer.id);

  // The manager edits the text for this customer's style and previews it for this customer.
  await signIn(page, MANAGER);
  await openPlaybook(page);
  await page.getByLabel('Find template').fill(target.title);
  await page.getByRole('button', { name: `Edit ${target.title}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: target.title })).toBeFocused();
  const text = page.locator(`textarea[data-style="${target.style}"]`);
  await text.fill(EDITED);
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();

  await page.getByLabel('Preview for customer').fill(customer.phone);
  await page.locator('.pb-hit').filter({ hasText: customer.name }).first().click();
  await expect(page.getByTestId('pb-preview-customer')).toHaveText(customer.name);
  await expect(page.getByTestId('pb-verdict')).toContainText(`Applies to ${customer.name}.`);
  await expect(page.locator(`.pb-preview-texts li[data-style="${target.style}"]`)).toContainText(EDITED);
  await expect(page.locator(`.pb-preview-texts li[data-style="${target.style}"]`)).toHaveClass(/is-customer-style/);

  // A broken condition is explained before saving, and Ctrl+S refuses it.
  const conditions = page.getByLabel('Conditions (JSON)');
  const original = await conditions.inputValue();
  await conditions.fill('{"all": [{"field": "visitcount", "op": ">=", "value": 3}]}');
  await expect(page.getByTestId('pb-invalid')).toContainText('unknown condition field "visitcount"');
  await expect(page.getByTestId('pb-invalid')).toContainText('did you mean "visitCount"?');
  await conditions.fill(original);
  await expect(page.getByTestId('pb-invalid')).toBeHidden();
  await expect(page.getByTestId('pb-verdict')).toContainText('Applies to');

  await text.focus();
  await page.keyboard.press('Control+s');
  await expect(announcer(page)).toHaveText(/Saved “.*” as version \d+\./);
  const row = db
    .prepare(`SELECT version, text_${target.style} AS text FROM playbook_templates WHERE id = ?`)
    .get(target.templateId) as {
    version: number;
    text: string;
  };
  expect(row.text).toBe(EDITED);
  expect(row.version).toBeGreaterThan(1);
  await expect(page.locator('.pb-history li').first()).toContainText(MANAGER);
  const audited = db.prepare("SELECT subject FROM audit_log WHERE event = 'playbook_change'").all();
  expect(audited).toEqual([{ subject: target.templateId }]);
  await page.locator('.pb-history').scrollIntoViewIfNeeded();
  await page.evaluate("document.querySelector('.manager-panel')?.scrollTo(0, 0)");
  await page.screenshot({ path: testInfo.outputPath('playbook-editor.png') });
  await expectAccessible(page, testInfo, 'playbook editor');

  // The clerk at the counter gets the new words for this customer.
  await switchClerk(page, CLERK);
  await expect(page.getByRole('button', { name: 'Back office' })).toHaveCount(0);
  await openCustomer(page, customer.phone, customer.id);
  await expect(page.locator('.sugg').filter({ hasText: target.title }).locator('.sugg-text')).toHaveText(EDITED);

  // The manager switches it off in the list; it disappears from the counter.
  await switchClerk(page, MANAGER);
  await openPlaybook(page);
  await page.getByLabel('Find template').fill('');
  await expect(page.locator('.pb-table tbody tr').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('playbook-list.png'), fullPage: false });
  await expectAccessible(page, testInfo, 'playbook list');
  await page.getByRole('switch', { name: `Enabled: ${target.title}` }).click();
  await expect(announcer(page)).toContainText(`${target.title} disabled`);
  await expect(page.getByRole('switch', { name: `Enabled: ${target.title}` })).not.toBeChecked();
  expect(db.prepare('SELECT enabled FROM playbook_templates WHERE id = ?').get(target.templateId)).toEqual({
    enabled: 0,
  });

  await switchClerk(page, CLERK);
  await openCustomer(page, customer.phone, customer.id);
  await expect(page.locator('.sugg').first()).toBeVisible();
  await expect(page.locator('.sugg').filter({ hasText: target.title })).toHaveCount(0);
  await expect(page.getByText(EDITED)).toHaveCount(0);
});

test('a manager edits the German texts, by keyboard, without losing the English; a German-speaking customer hears them', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const db = app.backend.db;
  const { clerkId, customer } = demoCustomer(app);
  const changed = await app.call('customers.update', { id: customer.id, changes: { language: 'Deutsch' } }, clerkId);
  if (!changed.ok) throw new Error(changed.error.message);
  const target = await firstSuggestion(app, clerkId, customer.id);
  expect(target, 'the German-speaking customer hears German').toMatchObject({ language: 'de' });
  const stored = () =>
    db
      .prepare(`SELECT text_${target.style} AS english, translations FROM playbook_templates WHERE id = ?`)
      .get(target.templateId) as {
      english: string;
      translations: string;
    };
  const english = stored().english;

  await signIn(page, MANAGER);
  await openPlaybook(page);
  await page.getByLabel('Find template').fill(target.title);
  await page.getByRole('button', { name: `Edit ${target.title}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: target.title })).toBeFocused();
  // The store speaks English: the editor opens on its texts; the language is picked with the keyboard.
  const language = page.getByLabel('Language of the texts');
  await expect(language).toHaveValue('en');
  await expect(page.getByText('This template speaks English and German.')).toBeVisible();
  await language.focus();
  await page.keyboard.press('ArrowDown');
  await expect(language).toHaveValue('de');
  const text = page.locator(`textarea[data-style="${target.style}"]`);
  await expect(text).toHaveAttribute('lang', 'de');
  await expect(text).toHaveValue(JSON.parse(stored().translations).de[target.style]);
  await text.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(GERMAN);
  await expect(page.locator(`.pb-preview-texts li[data-style="${target.style}"]`)).toContainText(GERMAN);
  await page.screenshot({ path: testInfo.outputPath('playbook-editor-german.png') });
  await expectAccessible(page, testInfo, 'playbook editor in German');
  await page.keyboard.press('Control+s');
  await expect(announcer(page)).toHaveText(/Saved “.*” as version \d+\./);
  expect(JSON.parse(stored().translations).de[target.style]).toBe(GERMAN);
  expect(stored().english, 'the English text is untouched').toBe(english);
  // Back to English, by keyboard: its text is there as it was.
  await language.focus();
  await page.keyboard.press('ArrowUp');
  await expect(text).toHaveValue(english);

  await switchClerk(page, CLERK);
  await openCustomer(page, customer.phone, customer.id);
  const shown = page.locator('.sugg').filter({ hasText: target.title });
  await expect(shown.locator('.sugg-text')).toHaveText(GERMAN);
  await expect(shown.locator('.sugg-text')).toHaveAttribute('lang', 'de');
  await expect(shown.locator('.sugg-why')).toContainText(`in German — ${customer.firstName} prefers German`);
});

test('a clerk has no way into the playbook', async ({ app, page }) => {
  await signIn(page, CLERK);
  await expect(page.getByRole('button', { name: 'Back office' })).toHaveCount(0);
  // Even typing the address of the tab keeps the counter, and the server refuses the calls.
  await page.evaluate("window.location.hash = '#/manage/playbook'");
  await expect(page.getByRole('tab', { name: 'Playbook' })).toHaveCount(0);
  const clerkId = (app.backend.db.prepare('SELECT id FROM clerks WHERE display_name = ?').get(CLERK) as { id: number })
    .id;
  expect(await app.call('playbook.list', {}, clerkId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
