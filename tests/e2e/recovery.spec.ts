// The recovery screen over a store damaged while the app was closed: the sentence, the newest backup that passes its
// check offered first (not a newer broken one), keyboard-first (focus on its Restore button), and the restore itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newSession } from '../../main/ipc/session';
import { startPreviewServer } from '../../main/preview/server';
import { openStore } from '../../main/store-lifecycle';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

test('a damaged store opens on the recovery screen, which restores the newest good backup from the keyboard', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-e2e-'));
  const dbPath = path.join(dir, 'store.db');
  const backupDir = path.join(dir, 'backups');
  const first = openStore({ dbPath, backupDir, log: () => {} });
  const admin = newSession();
  await first.dispatch('app.setupEmpty', { clerkName: 'Ada Byrne', pin: '9999' }, admin);
  const made = await first.dispatch('backups.run', {}, admin);
  if (!made.ok) throw new Error(made.error.message);
  const good = (made.value as { name: string }).name;
  first.close();
  // a newer backup that fails its check, and the store cut short
  fs.writeFileSync(
    path.join(backupDir, 'counterpart-29991231T000000000Z.db'),
    fs.readFileSync(path.join(backupDir, good)).fill(0x41, 4096),
  );
  fs.truncateSync(dbPath, 4096);

  const store = openStore({ dbPath, backupDir, log: () => {} });
  const server = await startPreviewServer({ backend: store, staticDir: rendererDir });
  try {
    await page.goto(server.newLink()); // the preview lets a browser in only through a one-time link
    await expect(page.getByRole('heading', { name: 'The store cannot be opened' })).toBeVisible();
    await expect(
      page.getByText(/is damaged \(it is 4,096 bytes where its header says [\d,]+: it was cut short\)/),
    ).toBeVisible();
    const offered = page.getByRole('listitem').filter({ hasText: 'Newest good' });
    await expect(offered).toHaveCount(1);
    await expect(offered.getByRole('button', { name: /^Restore/ })).toBeFocused();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);

    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'The store cannot be opened' })).toBeHidden();
    await expect(page.getByText('Ada Byrne')).toBeVisible();
    expect(store.problem()).toBeNull();
  } finally {
    await server.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
