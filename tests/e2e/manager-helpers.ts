// Shared steps of the back-office end-to-end tests: sign in as someone, open a tab, scan it, keep a screenshot.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '@common/contract';
import { expect, type AppFixture } from './fixtures';

export const PIN = '1234';
export const MANAGER = 'Declan Murphy';
export const ADMIN = 'Siobhán Kelly';
export const CLERK = 'Aoife Byrne';
/** The fixture's "now" (10:30 UTC) is 10:30 in Dublin in November: the store's today. */
export const TODAY = '2026-11-23';

export function clerkId(app: AppFixture, name: string): number {
  return (app.backend.db.prepare('SELECT id FROM clerks WHERE display_name = ?').get(name) as { id: number }).id;
}

/** Calls a method as the named clerk and returns the value, failing the test on an error envelope. */
export async function value<M extends MethodName>(
  app: AppFixture,
  method: M,
  input: MethodInput<M>,
  as: string,
): Promise<MethodOutput<M>> {
  const r = await app.call(method, input, clerkId(app, as));
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function signIn(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByLabel('Your PIN').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(name);
}

export async function openBackOffice(page: Page, tab?: string): Promise<void> {
  await page.getByRole('button', { name: 'Back office' }).click();
  await expect(page.getByRole('tablist', { name: 'Back office' })).toBeVisible();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

export async function expectAccessible(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
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

export async function snap(page: Page, testInfo: TestInfo, name: string, fullPage = false): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** No element of the locator's subtree is cut off sideways: its content fits the width it is given. */
export async function fitsItsWidth(page: Page, selector: string): Promise<void> {
  const over = await page
    .locator(selector)
    .evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.outerHTML.slice(0, 80)),
    );
  expect(over, `${selector} cut off`).toEqual([]);
}

/**
 * Every row's last cell (its actions) lies wholly inside the table's scroll box and the viewport: nobody has to scroll
 * sideways to reach a row's button.
 */
export async function actionsInView(page: Page, table: string): Promise<void> {
  const cut = await page.locator(table).evaluate((t) => {
    const box = t.closest('.table-scroll')!.getBoundingClientRect();
    const right = Math.min(box.right, t.ownerDocument.documentElement.clientWidth);
    return [...t.querySelectorAll('tbody tr > td:last-child')]
      .map((td) => ({ td, r: td.getBoundingClientRect() }))
      .filter(({ r }) => r.left < box.left - 1 || r.right > right + 1)
      .map(
        ({ td, r }) =>
          `${td.textContent?.trim()} at ${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(right)}`,
      );
  });
  expect(cut, `${table}: action cells cut off`).toEqual([]);
}
