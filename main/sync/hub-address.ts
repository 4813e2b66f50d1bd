// A hub's address as a terminal may use it: one rule for joining (Settings, `sync join`) and for the managed config's
// hub.url, which `config check` and start-up validate before anything is sent.
import { AppError, words } from '@common/errors';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The hub's address, normalised (one trailing slash, no query). Plain http only to this machine unless allowed: the
 * credential travels with every request, so across a network it needs TLS (a reverse proxy in front of the hub).
 */
export function hubAddress(text: string, allowHttp = false): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('VALIDATION', words('sync.address.notOne', { text }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('VALIDATION', words('sync.address.scheme', { scheme: `${url.protocol}//` }));
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('VALIDATION', words('sync.address.extras'));
  }
  if (url.protocol === 'http:' && !allowHttp && !LOOPBACK.test(url.hostname)) {
    throw new AppError('VALIDATION', words('sync.address.plainHttp'));
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}
