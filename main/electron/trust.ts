import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type UrlCheck = (url: string) => boolean;

/**
 * True only for the app's own page: the built index.html (any hash or query, since the renderer may route with
 * them) or, in development, the electron-vite dev server's origin. No electron import, so it is testable in Node.
 */
export function appUrlCheck(rendererIndex: string, devUrl?: string): UrlCheck {
  const same = (a: string, b: string) => (process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const index = path.resolve(rendererIndex);
  const devOrigin = devUrl ? new URL(devUrl).origin : null;
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') {
      if (url.host !== '' && url.host !== 'localhost') return false;
      try {
        return same(path.resolve(fileURLToPath(url)), index);
      } catch {
        return false;
      }
    }
    return devOrigin !== null && url.origin === devOrigin;
  };
}

export interface SenderFacts {
  /** The frame that sent the message; null when it navigated away or was destroyed meanwhile. */
  frame: { url: string; parent: unknown } | null;
  /** The sending webContents belongs to one of our windows. */
  ownWindow: boolean;
}

/** Only the top frame of our own window, showing our own page, may call the backend. */
export function isTrustedSender(facts: SenderFacts, isAppUrl: UrlCheck): boolean {
  return facts.ownWindow && facts.frame !== null && facts.frame.parent === null && isAppUrl(facts.frame.url);
}
