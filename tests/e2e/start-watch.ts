import type { BrowserContext, Page, Request } from '@playwright/test';
import { expect } from './fixtures';

/**
 * How much slower than this machine the watched page's CPU runs: a loaded CI runner, where parsing the bundle alone
 * takes longer than the 500 ms of quiet after which Playwright calls a page "network idle". The start is checked
 * there on every run, not only on the run that happens to be slow.
 */
const SLOW_CPU_RATE = 4;

export interface StartWatch {
  /** The page, not opened yet: everything it does from its first request on is watched. */
  page: Page;
  /** Console errors and warnings, uncaught errors, failed requests and answers of 400 and over, in order. */
  problems: string[];
  /**
   * Waits until the tab icon was asked for and no request of the page is still under way. Call it once the screen
   * shows what the start ends with: nothing is still to be asked for, so nothing can fail after the check.
   */
  settled(): Promise<void>;
}

/**
 * A page of its own, watched from before it opens, on a slow CPU. Watching a page that already started and then
 * reloading it would count what the reload cuts short of its first start (net::ERR_ABORTED), and waiting for
 * "networkidle" first does not prevent that: on a slow CPU it fires while the bundle is still being parsed, before
 * the app has made its first call.
 */
export async function watchStart(context: BrowserContext): Promise<StartWatch> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_CPU_RATE });
  const problems: string[] = [];
  const pending = new Set<Request>();
  /** Addresses whose request came to an end, well or not (a failure is in problems). */
  const ended = new Set<string>();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('request', (r) => pending.add(r));
  page.on('requestfinished', (r) => {
    pending.delete(r);
    ended.add(r.url());
  });
  page.on('requestfailed', (r) => {
    pending.delete(r);
    ended.add(r.url());
    problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  const settled = async () => {
    // The browser asks for the icon on its own schedule, after load; its request is part of the start.
    const icon = new URL((await page.locator('link[rel="icon"]').getAttribute('href')) ?? '', page.url()).href;
    await expect
      .poll(() => ({ iconAskedFor: ended.has(icon), underWay: [...pending].map((r) => r.url()) }))
      .toEqual({ iconAskedFor: true, underWay: [] });
  };
  return { page, problems, settled };
}
