import crypto from 'node:crypto';
import { newSession, type Session } from '../ipc/session';

/**
 * Who may call the preview server, one browser at a time. Nothing a plain GET returns carries a credential: the
 * person who started the preview gets one-time links (printed on the console, or minted by a test), and opening one
 * swaps it for an HttpOnly cookie naming a session of that browser's own. Another local process can fetch every
 * page but holds neither a link nor a cookie.
 */
export interface BrowserSessions {
  /** A new single-use key for a link. */
  issueKey(): string;
  /** Spends a key: the Set-Cookie value for a new session, or null when the key is unknown or already used. */
  redeem(key: string): string | null;
  /** The session named by a request's Cookie header, if it is one of ours. */
  fromCookies(header: string | undefined): Session | null;
}

const secret = () => crypto.randomBytes(32).toString('base64url');

/**
 * `cookieName` should differ per server: browsers share cookies between ports of one host, so two previews on
 * 127.0.0.1 would otherwise overwrite each other's session.
 */
export function browserSessions(cookieName: string): BrowserSessions {
  const keys = new Set<string>();
  const sessions = new Map<string, Session>();
  return {
    issueKey() {
      const key = secret();
      keys.add(key);
      return key;
    },
    redeem(key) {
      if (!keys.delete(key)) return null;
      const id = secret();
      sessions.set(id, newSession());
      // No Max-Age: the session ends with the browser. Not Secure: the preview is plain http on loopback.
      return `${cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/`;
    },
    fromCookies(header) {
      for (const part of (header ?? '').split(';')) {
        const at = part.indexOf('=');
        if (at > 0 && part.slice(0, at).trim() === cookieName) {
          const session = sessions.get(part.slice(at + 1).trim());
          if (session) return session;
        }
      }
      return null;
    },
  };
}
