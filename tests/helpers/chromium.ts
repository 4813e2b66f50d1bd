import fs from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Playwright's own Chromium when installed, else the distribution's; undefined means "Playwright's default". */
export function chromiumExecutable(): string | undefined {
  if (fs.existsSync(chromium.executablePath())) return undefined;
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(
    `No Chromium for the end-to-end tests: run \`npx playwright install chromium\` or install the distribution package (apt-get install chromium, expected at ${DEBIAN_CHROMIUM}).`,
  );
}

/** Flags for a headless Chromium on a test machine: nothing in the background that could disturb a measure. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
