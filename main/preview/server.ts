import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Envelope, ErrorCode } from '@common/errors';
import type { Backend } from '../backend';
import { cspForIndex } from '../csp';
import { browserSessions } from './browser-sessions';

export interface PreviewServerOptions {
  backend: Pick<Backend, 'dispatch'>;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface PreviewServer {
  /** The app's address. Not a credential: a browser must first open a link from newLink(). */
  url: string;
  /** A one-time link: the first browser to open it gets a session of its own (a cookie); then the link is spent. */
  newLink(): string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 1024 * 1024;
/** Where a one-time link points; `key` is the single-use secret. */
export const OPEN_PATH = '/open';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves the built renderer and the backend over loopback so the app runs in a plain browser (`npm run preview`,
 * Playwright). RPC goes through the same dispatcher as Electron IPC. Anything that can reach 127.0.0.1 could call
 * it, so every call needs a browser session (see browser-sessions.ts): each browser is signed in separately, and
 * the Host check stops a rebound DNS name from borrowing the origin.
 */
export async function startPreviewServer({
  backend,
  staticDir,
  port = 0,
}: PreviewServerOptions): Promise<PreviewServer> {
  const root = fs.realpathSync(path.resolve(staticDir));
  const indexFile = path.join(root, 'index.html');
  const csp = cspForIndex(indexFile);
  // Listen first: the allowed Host names and the cookie's name depend on the port.
  const server = http.createServer();
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}/`;
  const allowedHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];
  const sessions = browserSessions(`counterpart-${actualPort}`);

  const securityHeaders = (res: http.ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  const sendJson = (res: http.ServerResponse, status: number, body: Envelope<unknown>) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    });
    res.end(text);
  };
  const sendError = (res: http.ServerResponse, status: number, code: ErrorCode, message: string) =>
    sendJson(res, status, { ok: false, error: { code, message } });

  const redirectHome = (res: http.ServerResponse) => {
    res.writeHead(303, { Location: '/', 'Cache-Control': 'no-store', 'Content-Length': 0 });
    res.end();
  };

  /** Spends a one-time link and sends the browser on to the app with its session cookie. */
  function handleOpen(req: http.IncomingMessage, res: http.ServerResponse, query: string) {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      throw new HttpError(405, 'VALIDATION', 'Open the link in a browser.');
    }
    const cookie = sessions.redeem(new URLSearchParams(query).get('key') ?? '');
    if (cookie) res.setHeader('Set-Cookie', cookie);
    // Back or reload on a spent link, in the browser that spent it: nothing to do.
    else if (!sessions.fromCookies(req.headers.cookie)) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        'This link was already used or is not from this preview. Each link opens one browser once; ask the terminal running the preview for a new one.',
      );
    }
    redirectHome(res);
  }

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new HttpError(405, 'VALIDATION', 'Use POST for calls.');
    }
    const session = sessions.fromCookies(req.headers.cookie);
    if (!session) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        'This browser is not connected to the preview: open the one-time link printed where the preview was started.',
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      throw new HttpError(403, 'FORBIDDEN', 'Calls are only accepted from this page.');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(415, 'VALIDATION', 'Send the input as application/json.');
    const raw = await readBody(req);
    let input: unknown;
    try {
      input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'VALIDATION', 'The request body is not valid JSON.');
    }
    sendJson(res, 200, await backend.dispatch(method, input, session));
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      throw new HttpError(405, 'VALIDATION', 'Method not allowed.');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpError(400, 'VALIDATION', 'Malformed path.');
    }
    if (decoded.includes('\0')) throw new HttpError(400, 'VALIDATION', 'Malformed path.');
    const file = resolveInside(root, decoded);
    if (file === null) throw new HttpError(404, 'NOT_FOUND', 'Not found.');
    if (file !== indexFile && isFile(file)) return sendFile(req, res, file);
    // Client-side routes fall back to the app; a missing asset stays a 404 so a broken build shows up as one.
    if (path.extname(decoded) !== '' && file !== indexFile) throw new HttpError(404, 'NOT_FOUND', 'Not found.');
    return sendIndex(req, res);
  }

  function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string) {
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function sendIndex(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!isFile(indexFile))
      throw new HttpError(404, 'NOT_FOUND', 'The renderer is not built; run npm run build:renderer.');
    sendFile(req, res, indexFile);
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    securityHeaders(res);
    void (async () => {
      try {
        if (!allowedHosts.includes(req.headers.host ?? '')) {
          throw new HttpError(403, 'FORBIDDEN', 'Unexpected Host header.');
        }
        const target = req.url ?? '/';
        const q = target.indexOf('?');
        const [pathname, query] = q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
        if (pathname.startsWith('/rpc/')) await handleRpc(req, res, pathname.slice('/rpc/'.length));
        else if (pathname === OPEN_PATH) handleOpen(req, res, query);
        else handleStatic(req, res, pathname);
      } catch (err) {
        if (res.headersSent) return void res.destroy();
        if (err instanceof HttpError) {
          if (err.status === 413) res.setHeader('Connection', 'close');
          sendError(res, err.status, err.code, err.message);
        } else {
          console.error('preview server: request failed', err);
          sendError(res, 500, 'INTERNAL', 'Something went wrong on this terminal. It has been logged; try again.');
        }
      }
    })();
  });

  return {
    url,
    newLink: () => `${url}${OPEN_PATH.slice(1)}?key=${sessions.issueKey()}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads the whole body, refusing more than MAX_BODY_BYTES without buffering it. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.reject(new HttpError(413, 'VALIDATION', 'The request is too large.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        req.resume();
        reject(new HttpError(413, 'VALIDATION', 'The request is too large.'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

/** Maps a URL path into root, or null when it would leave root (including through a symlink). */
function resolveInside(root: string, urlPath: string): string | null {
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${urlPath}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  try {
    const real = fs.realpathSync(candidate);
    return real === root || real.startsWith(root + path.sep) ? real : null;
  } catch {
    return candidate; // does not exist: the caller decides between SPA fallback and 404
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
