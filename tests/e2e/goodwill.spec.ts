// Issue #14, section 4 at the counter: a complaint's recovery steps, and a goodwill grant above the clerk's own
// authority approved on the spot with a manager's PIN. Real Chromium, the built renderer, the real backend on a copy
// of the demo store; keyboard only from the Kind onwards.
import { createFormat } from '@common/format';
import { DEFAULT_CONFIG } from '../../main/services/context';
import { translator } from '@common/i18n';
import { DEFAULT_CLERK_GOODWILL } from '@common/recovery';
import { amountProblemText } from '../../renderer/src/lib/recovery-draft';
import { expect, test } from './fixtures';
import { CLERK, clerkId, expectAccessible, MANAGER, openBackOffice, signIn, snap, value } from './manager-helpers';

/** Amounts as the store (default settings) writes them. */
const formatMoney = createFormat(DEFAULT_CONFIG).money;

const AMOUNT = DEFAULT_CLERK_GOODWILL.perInteraction + 35;

test("a goodwill grant above the clerk's limit needs the manager's PIN", async ({ app, page }, testInfo) => {
  test.setTimeout(90_000); // two axe runs and two scrypt checks on the demo store
  await signIn(page, CLERK);
  await page.getByRole('combobox', { name: 'Find customer' }).fill("tony o'rourke");
  await expect(page.getByRole('option').first()).toContainText("Tony O'Rourke");
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: "Tony O'Rourke" })).toBeVisible();

  // Kind Complaint by keyboard: the recovery steps appear under the outcome.
  await page.getByRole('radio', { name: 'Inquiry', exact: true }).focus();
  await page.keyboard.press('ArrowRight'); // purchase
  await page.keyboard.press('ArrowRight'); // return
  await page.keyboard.press('ArrowRight'); // complaint
  await expect(page.getByRole('radio', { name: 'Complaint', exact: true })).toBeChecked();
  const steps = page.getByRole('group', { name: /Recovery/ });
  await expect(steps).toBeVisible();

  // Saving with the steps started but incomplete names what is missing and puts the cursor there.
  await steps.getByRole('radio', { name: 'Severe' }).check();
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.log-form .form-error')).toContainText('Say what went wrong');
  await expect(steps.getByLabel(/what went wrong/)).toBeFocused();
  await page.keyboard.type('The frying pan broke within a month; second time');

  // The suggestion says why; the apology is in Tony's style and goes into "What I'll say".
  await expect(steps.getByTestId('suggested-remedy')).toContainText(
    /Severe · \w+ · .* → refund or replacement up to €/,
  );
  await steps.getByRole('button', { name: /Say this/ }).click();
  await expect(page.getByLabel('What I’ll say')).not.toHaveValue('');

  await steps.getByLabel('Remedy').selectOption({ label: 'Refund' });
  // More decimals than the store's currency has: the box says so next to it, in the store's words.
  await steps.getByLabel(/Amount/).fill(`${AMOUNT}.505`);
  await expect(steps.getByLabel(/Amount/)).toHaveAttribute('aria-invalid', 'true');
  await expect(steps.getByTestId('recovery-amount-problem')).toHaveText(
    amountProblemText(translator(DEFAULT_CONFIG.locale), DEFAULT_CONFIG, 'tooManyDecimals'),
  );
  await steps.getByLabel(/Amount/).fill(String(AMOUNT));
  await expect(steps.getByTestId('recovery-amount-problem')).toHaveCount(0);
  await expect(steps.getByTestId('recovery-authority')).toContainText(
    `Above your authority (up to ${formatMoney(DEFAULT_CLERK_GOODWILL.perInteraction * 100)} per complaint and ${formatMoney(DEFAULT_CLERK_GOODWILL.perDay * 100)} left today): saving asks for a manager's PIN.`,
  );
  await steps.getByRole('radio', { name: 'Product fault' }).check();
  await expectAccessible(page, testInfo, 'recovery-steps');
  await snap(page, testInfo, 'recovery-before-save');

  // Ctrl+Enter: the manager's PIN is asked for in a dialog, the PIN box focused.
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Granting ${formatMoney(AMOUNT * 100)} is above your authority`);
  await expect(dialog.getByLabel('Manager', { exact: true })).toHaveValue(String(clerkId(app, MANAGER)));
  await expect(dialog.getByLabel("Manager's PIN")).toBeFocused();
  await expectAccessible(page, testInfo, 'manager-approval');

  // A wrong PIN: refused with the attempts left, counted like a sign-in; nothing saved, the dialog stays.
  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('Wrong PIN. 4 attempts left');
  await expect(dialog.getByLabel("Manager's PIN")).toBeFocused();
  const grants = () =>
    app.backend.db
      .prepare(
        'SELECT recovery_amount_minor AS amount, goodwill_approved_by AS approvedBy, clerk_id AS clerk FROM interactions WHERE recovery_amount_minor > 0',
      )
      .all();
  expect(grants()).toEqual([]);

  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText('Interaction saved');
  expect(grants()).toEqual([{ amount: AMOUNT * 100, approvedBy: clerkId(app, MANAGER), clerk: clerkId(app, CLERK) }]);
  const audit = app.backend.db.prepare("SELECT details FROM audit_log WHERE event = 'goodwill_grant'").all() as {
    details: string;
  }[];
  expect(audit.map((a) => JSON.parse(a.details) as unknown)).toMatchObject([
    { amountMinor: AMOUNT * 100, approvedBy: clerkId(app, MANAGER), withinAuthority: false },
  ]);
  // The form starts afresh, and the clerk is still the one signed in.
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(CLERK);
  await snap(page, testInfo, 'recovery-after-save');
});

test('the daily review shows goodwill per clerk and complaints by root cause', async ({ app, page }, testInfo) => {
  const tony = (
    app.backend.db.prepare("SELECT id FROM customers WHERE first_name = 'Tony' AND last_name = 'O''Rourke'").get() as {
      id: number;
    }
  ).id;
  const recovery = {
    severity: 'minor',
    whatWentWrong: 'waited twenty minutes at the till',
    remedy: 'gift',
    amountMinor: 1000,
    rootCause: 'wait',
  } as const;
  await value(app, 'interactions.log', { customerId: tony, kind: 'complaint', outcome: 'resolved', recovery }, CLERK);
  await signIn(page, MANAGER);
  await openBackOffice(page, 'Daily review');
  const block = page.getByRole('region', { name: 'Complaints put right' });
  const goodwill = block.getByRole('table', { name: 'Goodwill granted per clerk' });
  await expect(goodwill.getByRole('row', { name: new RegExp(CLERK) })).toContainText(formatMoney(recovery.amountMinor));
  await expect(
    block.getByRole('table', { name: 'Complaints by root cause' }).getByRole('row', { name: /Wait/ }),
  ).toContainText('1');
  await expectAccessible(page, testInfo, 'review-recovery');
});
