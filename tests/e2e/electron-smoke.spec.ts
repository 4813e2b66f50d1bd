// The real desktop shell: window security, preload bridge and IPC. Runs only where an Electron binary exists;
// everywhere else it is skipped with the reason printed (the browser suite covers the app itself).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { METHOD_NAMES } from '@common/contract';
import { electronBinary } from '../../scripts/lib/electron-binary.mjs';
import { electronNativeBinding } from '../../scripts/lib/native-binding.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

function prepare(): { executablePath: string; nativeBinding: string } | { skip: string } {
  const binary = electronBinary(root, { download: false });
  if (binary.path === null)
    return {
      skip: `Electron ${binary.version} is not available (${binary.reason}); set ELECTRON_OVERRIDE_DIST_PATH to run this test.`,
    };
  let nativeBinding: string;
  try {
    nativeBinding = electronNativeBinding(root, binary.version);
  } catch (err) {
    return { skip: (err as Error).message };
  }
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  return { executablePath: binary.path, nativeBinding };
}

test.describe.configure({ mode: 'serial' });

let setup: ReturnType<typeof prepare>;
let app: ElectronApplication;
let page: Page;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  setup = prepare();
  if ('skip' in setup) {
    console.log(`electron-smoke skipped: ${setup.skip}`);
    return;
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-electron-'));
  const env = { ...process.env, COUNTERPART_NATIVE_BINDING: setup.nativeBinding } as Record<string, string>;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.COUNTERPART_DB;
  app = await electron.launch({
    executablePath: setup.executablePath,
    args: [root, '--db', path.join(dir, 'store.db')],
    env,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip('skip' in setup, 'skip' in setup ? setup.skip : '');
});

test('opens the built renderer in a sandboxed, isolated window', async () => {
  await expect(page).toHaveTitle('Counterpart');
  expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/);
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Undocumented but stable: the preferences the renderer was actually created with.
    const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): object };
    return wc.getLastWebPreferences();
  });
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
});

test('exposes exactly the contract methods and they reach the real database', async () => {
  type Bridge = Record<string, (input: object) => Promise<unknown>>;
  const names = await page.evaluate(() =>
    Object.keys((globalThis as unknown as { counterpart: Bridge }).counterpart).sort(),
  );
  expect(names).toEqual([...METHOD_NAMES].sort());
  const info = await page.evaluate(() =>
    (globalThis as unknown as { counterpart: Bridge }).counterpart['app.info']!({}),
  );
  expect(info).toMatchObject({ ok: true, value: { needsSetup: true } });
  const bad = await page.evaluate(() =>
    (globalThis as unknown as { counterpart: Bridge }).counterpart['session.signIn']!({ clerkId: -1, pin: 'x' }),
  );
  expect(bad).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
});

test('refuses navigation and new windows', async () => {
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(
    await page.evaluate(
      () => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/') === null,
    ),
  ).toBe(true);
  expect(app.windows()).toHaveLength(1);
});
