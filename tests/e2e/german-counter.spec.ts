// A store in Germany, end to end: locale de-DE (euro, Berlin time) set in the config file IT deploys. The clerk's
// whole flow reads German — sign-in, search, profile, history, the log form — with dates, amounts and counts written
// the German way, and the entry is saved as in any other store.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { MAX_NOTES } from '@common/contract';
import { CATALOGUES, translator } from '@common/i18n';
import { APOLOGY_BY_STYLE } from '@common/recovery';
import { wordText } from '@common/words';
import { MANAGER, TODAY, value } from './manager-helpers';
import { expect, test } from './fixtures';

const CLERK = 'Aoife Byrne';
const search = (page: Page) => page.getByRole('combobox', { name: 'Kunden suchen' });
/** "23. Nov. 2026", "3. Mai 2025": day, month abbreviated the German way, year. */
const GERMAN_DAY = /^\d{1,2}\. \p{L}{3,4}\.? \d{4}$/u;
/** "1.234,50 €": thousands with a dot, cents after a comma, the sign after the amount. */
const GERMAN_EUROS = /^\d{1,3}(\.\d{3})*,\d{2}\s€$/u;

test.use({ managed: { locale: 'de-DE', currency: 'EUR', timeZone: 'Europe/Berlin' } });

/** Someone of the demo store's team signs in with the German PIN prompt. */
async function signInGerman(page: Page, who: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(who) }).click();
  await page.getByLabel('Deine PIN').fill('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(who);
}

/** The manager signs in and opens the back office, all in German. */
async function openGermanBackOffice(page: Page): Promise<void> {
  await signInGerman(page, MANAGER);
  await page.getByRole('button', { name: CATALOGUES.de.counter.backOffice }).click();
  await expect(page.getByRole('tablist', { name: CATALOGUES.de.manager.title })).toBeVisible();
}

async function expectAccessible(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
  await testInfo.attach(`axe-${screen}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  expect(bad, `accessibility on the ${screen} screen`).toEqual([]);
}

test('a German store: sign in, search, open a profile and log an entry, all in German', async ({
  app,
  page,
}, testInfo) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
  await expect(page.getByRole('heading', { name: 'Wer steht an der Theke?' })).toBeVisible();
  await expectAccessible(page, testInfo, 'Anmeldung');
  await page.getByRole('button', { name: new RegExp(CLERK) }).click();
  await expect(page.getByRole('heading', { name: `Hallo, ${CLERK}` })).toBeVisible();
  await page.getByLabel('Deine PIN').fill('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(CLERK);
  await expect(page.getByRole('button', { name: 'Person wechseln' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wen bedienst du gerade?' })).toBeVisible();

  // A customer with purchases, so the profile shows an amount and a history.
  const c = app.backend.db
    .prepare(
      `SELECT id, first_name || ' ' || last_name AS name FROM customers WHERE lifetime_spend_cents > 100000 ORDER BY id LIMIT 1`,
    )
    .get() as { id: number; name: string };
  await search(page).pressSequentially(c.name, { delay: 20 });
  const option = page.locator(`[role="option"][data-customer-id="${c.id}"]`);
  await expect(option).toBeVisible();
  await expect(page.locator('.search-status')).toHaveText(
    /^\d+ Kunden?( \(beste Treffer; tippe weiter, um einzugrenzen\))?$/,
  );
  await expect(option).toHaveAttribute(
    'aria-label',
    /Stufe (Neu|Bronze|Silber|Gold), (letzter Besuch (heute|gestern|vor \d+ (Tag|Tagen|Woche|Wochen|Monat|Monaten|Jahr|Jahren))|noch keine Besuche)/,
  );
  await expect(page.locator('.result-head')).toContainText('Letzter Besuch');
  await option.click();

  await expect(page.getByRole('heading', { level: 2, name: c.name })).toBeVisible();
  const fact = (label: string) =>
    page
      .locator('.facts > div')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd');
  await expect(fact('Umsatz gesamt')).toHaveText(GERMAN_EUROS);
  await expect(fact('Kunde seit')).toHaveText(GERMAN_DAY);
  await expect(fact('Letzter Besuch')).toHaveText(GERMAN_DAY);
  await expect(page.getByRole('heading', { name: 'Verlauf' })).toBeVisible();
  await expect(page.locator('.timeline-head')).toContainText(/Einträge?, neueste zuerst/);
  const purchase = page.locator('.tl-purchase').first();
  await expect(purchase).toContainText('Kauf');
  await expect(purchase.locator('.amount')).toHaveText(GERMAN_EUROS);
  await expect(purchase.locator('.tl-icon')).toHaveText('€');
  await expect(purchase.locator('time').first()).toHaveText(/^\d{1,2}\. \p{L}{3,4}\.? \d{4}, \d{2}:\d{2}$/u);
  await expect(page.getByRole('heading', { name: 'Gespräch festhalten' })).toBeVisible();
  await expectAccessible(page, testInfo, 'Kundenprofil');
  await page.screenshot({ path: testInfo.outputPath('profil.png') });

  const note = `E2E auf Deutsch ${Date.now()}: Deckel getauscht.`;
  await page.getByRole('radio', { name: 'Anfrage' }).check();
  await page.getByRole('radio', { name: 'Erledigt' }).check();
  await page.getByLabel('Notizen').fill(note);
  // The limit with a German thousands dot ("4.000"), read back as the code's own number.
  await expect(page.getByTestId('notes-count')).toHaveText(new RegExp(`^${note.length} / \\d{1,3}\\.\\d{3} Zeichen$`));
  expect(Number((await page.getByTestId('notes-count').textContent())!.split('/')[1]!.replace(/\D/g, ''))).toBe(
    MAX_NOTES,
  );
  await page.getByRole('button', { name: /Gespräch speichern/ }).click();
  await expect(page.getByTestId('announcer')).toHaveText('Gespräch gespeichert');
  await expect(page.getByTestId('saved-note')).toHaveText(
    /^Gespeichert: Anfrage · Erledigt, 23\. Nov\. 2026, \d{2}:\d{2}\.$/,
  );
  const first = page.locator('#timeline-scroll [data-index="0"]');
  await expect(first).toContainText(note);
  await expect(first).toContainText(`von ${CLERK}`);
  const saved = app.backend.db.prepare('SELECT customer_id, kind, outcome FROM interactions WHERE notes = ?').all(note);
  expect(saved).toEqual([{ customer_id: c.id, kind: 'inquiry', outcome: 'resolved' }]);
});

test('a German store’s suggestions and complaint steps: why, the suggested remedy and the apology in German', async ({
  app,
  page,
}, testInfo) => {
  const de = CATALOGUES.de;
  const t = translator('de-DE');
  await signInGerman(page, CLERK);
  // A regular who names no language of their own: the store's, German, is what they hear.
  const c = app.backend.db
    .prepare(
      `SELECT id, first_name || ' ' || last_name AS name, style FROM customers
       WHERE lifetime_spend_cents > 100000 AND language IS NULL ORDER BY id LIMIT 1`,
    )
    .get() as { id: number; name: string; style: keyof typeof APOLOGY_BY_STYLE.de };
  await search(page).pressSequentially(c.name, { delay: 20 });
  await page.locator(`[role="option"][data-customer-id="${c.id}"]`).click();
  await expect(page.getByRole('heading', { level: 2, name: c.name })).toBeVisible();

  // Why each suggestion: the backend's own reasons, as the German screen words them.
  const suggestions = await value(app, 'suggestions.forCustomer', { customerId: c.id }, CLERK);
  const why = page.locator('.sugg-why');
  await expect(why).toHaveCount(suggestions.length);
  await expect(why.first()).toHaveText(
    `${de.suggestions.why} ${suggestions[0]!.reasons.map((r) => wordText(t, r.fact)).join('; ')}`,
  );

  // A complaint: the suggested remedy says why in German, the apology is the German one in the customer's style.
  await page.getByRole('radio', { name: de.label.kind.complaint, exact: true }).check();
  const steps = page.getByRole('group', { name: new RegExp(de.recovery.legend) });
  await steps.getByRole('radio', { name: de.recovery.severity.serious, exact: true }).check();
  const guide = await value(app, 'recovery.guide', { customerId: c.id, severity: 'serious' }, CLERK);
  expect(guide).toMatchObject({ language: 'de', apology: APOLOGY_BY_STYLE.de[c.style] });
  await expect(steps.getByTestId('suggested-remedy')).toContainText(
    t('recovery.suggested', { why: wordText(t, guide.suggestion.why) }),
  );
  await expect(steps.locator('.apology [lang="de"]')).toHaveText(`“${guide.apology}”`);
  await expectAccessible(page, testInfo, 'Reklamation');
});

test('the back office of a German store reads German: tabs, team, follow-up counts and the audit log', async ({
  app,
  page,
}, testInfo) => {
  const de = CATALOGUES.de;
  const t = translator('de-DE');
  await openGermanBackOffice(page);
  const tabs = page.getByRole('tablist', { name: de.manager.title });
  await expect(tabs.getByRole('tab', { name: de.manager.tab.followups })).toBeVisible();

  await tabs.getByRole('tab', { name: de.manager.tab.followups }).click();
  const open = (await value(app, 'followups.list', {}, MANAGER)).length;
  await expect(page.getByTestId('followup-summary')).toContainText(t('followUps.open', { count: open }));
  await expectAccessible(page, testInfo, 'Rückrufe');

  await tabs.getByRole('tab', { name: de.manager.tab.team }).click();
  await expect(page.getByRole('heading', { name: de.team.addTitle })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: de.team.col.role })).toBeVisible();
  await expectAccessible(page, testInfo, 'Team');

  await tabs.getByRole('tab', { name: de.manager.tab.audit }).click();
  await expect(page.getByRole('cell', { name: de.audit.event.sign_in }).first()).toBeVisible();
  await expect(page.getByTestId('audit-count')).toHaveText(/^[\d.]+ Ereignis(se)?( \(die letzten 500\))?$/u);
});

test('the daily review of a German store: days, counts, shares and averages written the German way', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const de = CATALOGUES.de;
  const t = translator('de-DE');
  const customerId = (app.backend.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1').get() as { id: number })
    .id;
  const note = 'E2E Prüfung: Wasserkocher schaltet nicht ab';
  await value(
    app,
    'interactions.log',
    { customerId, kind: 'complaint', outcome: 'escalated', sentiment: 2, notes: note },
    CLERK,
  );
  const kpis = await value(app, 'reports.kpis', { day: TODAY }, MANAGER);

  await openGermanBackOffice(page);
  await expect(page.getByRole('heading', { level: 2, name: de.manager.tab.review })).toBeVisible();
  // "Mo., 23. Nov. 2026 (heute)": weekday and month abbreviated the German way, the day with its dot.
  await expect(page.locator('.day-long')).toHaveText(/^\p{L}{2}\., 23\. Nov\. 2026 \(heute\)$/u);
  await expect(page.getByRole('button', { name: de.review.day.previous })).toBeVisible();
  await expect(page.getByTestId('log-count')).toHaveText(t('review.log.entries', { count: kpis.kpis.interactions }));
  await expect(page.locator('#log-page')).toHaveText(
    new RegExp(`^Zeilen 1–${kpis.kpis.interactions} von ${kpis.kpis.interactions} · Seite 1 von 1$`),
  );

  // Charts: German names and summaries; their tables write days, shares and averages the German way.
  const hours = page.getByRole('figure', { name: de.review.chart.hours });
  await expect(hours.locator('.chart-canvas[role="img"]')).toHaveAttribute(
    'aria-label',
    /Am meisten los war um \d{2}:00/,
  );
  const trend = page.getByRole('figure', { name: de.review.chart.trend });
  await trend.getByText(de.review.chart.showTable).click();
  const trendRows = trend.locator('tbody tr');
  await expect(trendRows.last().locator('th')).toHaveText('23. Nov.');
  const cells = async (col: number) => trendRows.locator(`td:nth-child(${col})`).allTextContents();
  const shares = await cells(3);
  expect(shares.length).toBeGreaterThan(0);
  // "66,7 %": a decimal comma and a (non-breaking) space before the sign.
  for (const v of shares) expect(v).toMatch(/^(\d{1,3}(,\d)?\s%|—)$/u);
  expect(shares.some((v) => v !== '—')).toBe(true);
  for (const v of await cells(4)) expect(v).toMatch(/^(\d,\d{2}|—)$/);
  // The share axis too: "100 %".
  await expect(trend.locator('.chart-canvas')).toContainText(/100\s%/u);

  // The review dialog: German kind and outcome as the catalogue writes them (no lower-casing as in English).
  const row = page.locator('.log-table tbody tr').filter({ hasText: note });
  await row.getByRole('button', { name: /^Markieren oder Prüfnotiz schreiben/ }).click();
  const dialog = page.getByRole('dialog', { name: de.review.dialog.title });
  await expect(dialog).toContainText(`${de.label.kind.complaint}, ${de.label.outcome.escalated}`);
  await expect(dialog.getByLabel(de.review.dialog.flag)).toBeChecked();
  await dialog.getByRole('button', { name: de.common.cancel }).click();

  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await expectAccessible(page, testInfo, `Tagesrückblick ${width}`);
  }
});

test('the settings of a German store: names, reasons and the server’s refusal in German', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const de = CATALOGUES.de;
  const t = translator('de-DE');
  await openGermanBackOffice(page);
  await page.getByRole('tab', { name: de.manager.tab.settings }).click();
  // The config file IT deploys fixed the locale: read-only, and says so.
  await expect(page.getByLabel(de.settings.field.locale.label)).toHaveValue('de-DE');
  await expect(page.locator('[data-setting="locale"]')).toContainText(de.settings.readOnly.managed);
  await expect(page.locator('[data-setting="storeName"]')).toContainText(de.settings.readOnly.admin);
  const goodwill = page.getByLabel(de.settings.field.goodwillDays.label);
  await goodwill.fill('400');
  const policies = page.locator('[data-group="policies"]');
  await policies.getByRole('button', { name: de.settings.save.policies }).click();
  await expect(policies.getByRole('alert')).toHaveText(
    new RegExp(
      `^${de.settings.field.goodwillDays.label} \\(goodwillDays\\) .*${t('settings.unit.days', { count: 365, n: '365' })}`,
    ),
  );
  expect((await value(app, 'settings.get', {}, MANAGER)).find((x) => x.key === 'goodwillDays')?.source).toBe('default');
  // The goodwill limits are amounts in the store's currency, written the German way.
  await expect(page.locator('[data-setting="goodwillClerkPerDay"]')).toContainText(/Standard: 75,00\s€/u);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await expectAccessible(page, testInfo, `Einstellungen ${width}`);
  }
});

test('the Playbook tab of a German store reads German: list, editor, conditions in words and the preview', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const de = CATALOGUES.de.playbook;
  const t = translator('de-DE');
  const { templates } = await value(app, 'playbook.list', {}, MANAGER);
  const target = templates.find((x) => x.id === 'welcome-back')!;
  expect(target, 'the shipped playbook has the welcome-back template').toBeDefined();
  await page.getByRole('button', { name: new RegExp(MANAGER) }).click();
  await page.getByLabel('Deine PIN').fill('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toHaveText(MANAGER);
  await page.getByRole('button', { name: CATALOGUES.de.counter.backOffice }).click();
  await page.getByRole('tab', { name: CATALOGUES.de.manager.tab.playbook }).click();

  await expect(page.getByRole('heading', { level: 2, name: CATALOGUES.de.manager.tab.playbook })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: de.col.success })).toBeVisible();
  await expect(page.locator('.pb-count')).toHaveText(
    t('playbook.count', { shown: templates.length, count: templates.length }),
  );
  const row = page.locator(`tr[data-template-id="${target.id}"]`);
  await expect(row.locator('td').first()).toHaveText(de.kind.greeting);
  await expectAccessible(page, testInfo, 'Gesprächsleitfaden');

  // The filter finds a template by its kind's German name.
  await page.getByLabel(de.find).fill(de.kind.greeting);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: t('playbook.edit', { title: target.title }) }).click();
  await expect(page.getByRole('heading', { level: 2, name: target.title })).toBeFocused();

  // The store speaks German: the editor opens on the German texts and names the languages in German.
  await expect(page.getByLabel(de.language.label)).toHaveValue('de');
  await expect(page.locator('#pb-lang-help')).toContainText(
    t('playbook.language.speaks', { languages: 'Englisch und Deutsch' }),
  );
  await expect(page.getByRole('group', { name: de.conditions.legend })).toBeVisible();
  const rows = page.getByTestId('pb-condition-rows');
  await expect(rows.getByLabel(t('playbook.conditions.rowField', { n: 1 })).locator('option:checked')).toHaveText(
    de.field.daysSinceLastVisit,
  );
  await expect(page.getByTestId('pb-condition-summary')).toContainText(`${de.field.daysSinceLastVisit} ${de.op.ge} 90`);
  // A walk-in has no last visit: the preview says so, and why it is not offered, in German.
  await expect(page.getByTestId('pb-preview-customer')).toHaveText(de.preview.walkIn);
  await expect(page.getByTestId('pb-verdict')).toHaveText(
    `${t('playbook.preview.notOffered', { who: de.preview.walkIn })} ${de.preview.why.conditions}`,
  );
  const checks = page.locator('.pb-checks-list li');
  await expect(checks.first()).toContainText(`${de.preview.holdsNot} ${de.preview.group.all}`);
  await expect(checks.nth(1)).toContainText(de.preview.unknownFact);
  await expectAccessible(page, testInfo, 'Vorlage bearbeiten');
  await page.screenshot({ path: testInfo.outputPath('leitfaden-vorlage.png') });
});
