#!/usr/bin/env node
// Renders resources/icon.svg to resources/icon.png (512×512, transparent corners), the file electron-builder turns
// into the .ico, .icns and Linux icon sizes. Run after changing the SVG: `node scripts/render-icon.mjs`.
// Uses Playwright's Chromium if installed, else the system one (CHROMIUM_PATH or /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8');
const out = path.join(root, 'resources', 'icon.png');

const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch(
  fs.existsSync(chromium.executablePath()) ? {} : { executablePath: systemChromium },
);
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg}</body>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(root, out)}`);
} finally {
  await browser.close();
}
