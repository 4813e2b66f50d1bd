import type { Page } from '@playwright/test';

/**
 * Keys as a keyboard-wedge scanner sends them: a burst of digits, then Enter. All are handed to the browser at once
 * rather than one by one as page.keyboard.type does (it waits for the page to handle each key before sending the
 * next), so a test machine too busy to send keys on time cannot stretch a scan into typing.
 */
export async function wedge(page: Page, digits: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const key = (key: string, code: string, vk: number, text: string) => [
    cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: vk, text }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: vk }),
  ];
  await Promise.all([
    ...[...digits].flatMap((d) => key(d, `Digit${d}`, 48 + Number(d), d)),
    ...key('Enter', 'Enter', 13, '\r'),
  ]);
  await cdp.detach();
}
