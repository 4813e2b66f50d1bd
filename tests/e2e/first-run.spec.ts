// First run on a new store file: `npm run preview -- --db new.db` opens on the first-run screen (the demo is one
// choice there and stays the default without --db); setting up asks for the store, then its first admin, and then
// says what to do next. Axe-scanned at 1366×768 and 1024×768.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from '../helpers/processes';
import { expect, test } from './fixtures';
import { expectAccessible, snap } from './manager-helpers';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];

/** `npm run preview` as a person runs it, until it prints its one-time link. */
async function preview(args: string[]): Promise<{ child: ChildProcess; link: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/preview/cli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, COUNTERPART_DB: '' },
  });
  let output = '';
  const link = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (t: string) => {
      output += t;
      const m = /http:\/\/127\.0\.0\.1:\d+\/open\?key=\S+/.exec(output);
      if (m) resolve(m[0]);
    });
    child.stderr!.setEncoding('utf8').on('data', (t: string) => (output += t));
    child.on('exit', (code) => reject(new Error(`the preview exited (${code}): ${output}`)));
  });
  return { child, link, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const setupForm = (page: Page) => page.getByRole('region', { name: 'Set up your store' });

test.describe('npm run preview', () => {
  test('on a file that does not exist opens the first-run screen, with the demo as one choice', async ({ page }) => {
    test.setTimeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-e2e-first-'));
    const file = path.join(dir, 'new.db');
    const p = await preview(['--db', file]);
    try {
      expect(p.output()).toContain('the page opens on the first-run screen');
      await page.goto(p.link);
      await expect(page.getByRole('heading', { name: 'Welcome to Counterpart' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Load the demo store' })).toBeVisible();
      await expect(setupForm(page).getByLabel('Store name')).toBeFocused();
    } finally {
      await stop(p.child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without --db starts on the demo store, as before', async ({ page }) => {
    test.setTimeout(120_000);
    const p = await preview([]);
    try {
      await page.goto(p.link);
      await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByText('Demo store', { exact: false }).first()).toBeVisible();
    } finally {
      await stop(p.child);
    }
  });
});

test.describe('first run on an empty database', () => {
  test.use({ store: 'empty' });

  for (const size of SIZES) {
    test(`is accessible and fits at ${size.width}×${size.height}`, async ({ app, page }, testInfo) => {
      expect(app.url).toContain('127.0.0.1');
      await page.setViewportSize(size);
      await expect(page.getByRole('heading', { name: 'Welcome to Counterpart' })).toBeVisible();
      await snap(page, testInfo, `first-run-${size.width}`);
      await expectAccessible(page, testInfo, `first run at ${size.width}`);
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('asks for the store, then its first admin, then says what to do next', async ({ app, page }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize(SIZES[0]!);
    const form = setupForm(page);
    await expect(form.getByLabel('Store name')).toBeFocused();
    await page.keyboard.type('Galway Hardware');
    await expect(form.getByText('store id galway-hardware')).toBeVisible();
    // The guesses come from this computer: the browser runs in Europe/Dublin with en-IE.
    await expect(form.getByLabel('Time zone')).toHaveValue('Europe/Dublin');
    await expect(form.getByLabel('Locale')).toHaveValue('en-IE');
    await expect(form.getByLabel('Currency')).toHaveValue('EUR');

    // A wrong value is named at its field, which gets the focus; nothing is sent.
    await form.getByLabel('Locale').fill('en_IE');
    await form.getByLabel('Your name').fill('Nuala Brennan');
    await form.getByLabel('Choose a PIN (4–8 digits)').fill('2468');
    await form.getByLabel('PIN again').fill('2460');
    await form.getByRole('button', { name: 'Set up the store' }).click();
    await expect(form.getByRole('alert')).toHaveText(/^Locale: a locale such as "en-IE"/);
    await expect(form.getByLabel('Locale')).toBeFocused();
    await expect(form.getByLabel('Locale')).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('de-IE');
    await form.getByLabel('Currency').selectOption('EUR');
    await page.keyboard.press('Enter');
    await expect(form.getByRole('alert')).toHaveText('The two PINs differ; type the same PIN twice.');
    await expect(form.getByLabel('PIN again')).toBeFocused();
    expect(app.backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 0 });
    await expectAccessible(page, testInfo, 'first run with a mistake');

    await page.keyboard.press('Control+a');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Galway Hardware is set up' })).toBeVisible();
    await expect(page.getByText('Counterpart Demo Store')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add clerks' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Set the backup folder' })).toBeVisible();
    await snap(page, testInfo, 'next-steps');
    await expectAccessible(page, testInfo, 'next steps');
    expect(app.backend.ctx.config).toMatchObject({
      storeName: 'Galway Hardware',
      storeId: 'galway-hardware',
      locale: 'de-IE',
      currency: 'EUR',
    });
    expect(app.backend.db.prepare('SELECT display_name, role FROM clerks').all()).toEqual([
      { display_name: 'Nuala Brennan', role: 'admin' },
    ]);

    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in-clerk')).toHaveText('Nuala Brennan');
    await expect(page.getByRole('tab', { name: 'Team', selected: true })).toBeVisible();
  });

  test('going straight to the counter signs the admin in there', async ({ app, page }) => {
    expect(app.url).toContain('127.0.0.1');
    const form = setupForm(page);
    await form.getByLabel('Store name').fill('Kelly & Sons');
    await form.getByLabel('Your name').fill('Siobhán Kelly');
    await form.getByLabel('Choose a PIN (4–8 digits)').fill('97531');
    await form.getByLabel('PIN again').fill('97531');
    await form.getByRole('button', { name: 'Set up the store' }).click();
    await page.getByRole('button', { name: 'Go to the counter' }).click();
    await expect(page.getByTestId('signed-in-clerk')).toHaveText('Siobhán Kelly');
    await expect(page.getByRole('combobox', { name: 'Find customer' })).toBeFocused();
  });

  test('loading the demo store leads to the clerk picker with the demo PIN hint', async ({ app, page }) => {
    test.setTimeout(60_000);
    await page.getByRole('button', { name: 'Load the demo store' }).click();
    await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible({ timeout: 30_000 });
    expect((app.backend.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBeGreaterThan(
      1000,
    );
    expect(app.backend.ctx.config.storeId).toBe('demo-store');
    await page.getByRole('button', { name: /Aoife Byrne/ }).click();
    await expect(page.getByText('Demo store: every clerk’s PIN is 1234.')).toBeVisible();
    await page.getByLabel('Your PIN').fill('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong PIN' })).toBeVisible();
    await expect(page.getByLabel('Your PIN')).toHaveValue('');
    // Typing goes on where it was: the PIN field has the focus again after the refusal.
    await expect(page.getByLabel('Your PIN')).toBeFocused();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in-clerk')).toHaveText('Aoife Byrne');
  });
});
