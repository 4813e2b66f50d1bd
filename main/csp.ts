import fs from 'node:fs';

/**
 * The policy used when the built index.html carries none. The renderer talks to the backend through the preload
 * bridge or same-origin fetch only, so nothing else is allowed: no remote scripts, no inline script, no framing.
 */
export const DEFAULT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const META_CSP = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1\s*\/?>/is;

/**
 * The renderer's index.html is the one place the policy is written; both transports repeat it as a response header
 * so a missing or edited meta tag cannot silently loosen it. frame-ancestors only works as a header, so it is added.
 */
export function cspFromHtml(html: string): string {
  const found = META_CSP.exec(html)?.[2]?.replace(/\s+/g, ' ').trim();
  const policy = found && found.length > 0 ? found : DEFAULT_CSP;
  return /frame-ancestors/.test(policy) ? policy : `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}

export function cspForIndex(indexFile: string): string {
  try {
    return cspFromHtml(fs.readFileSync(indexFile, 'utf8'));
  } catch {
    return DEFAULT_CSP;
  }
}
