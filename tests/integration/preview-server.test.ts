import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../main/backend';
import { MAX_BODY_BYTES, startPreviewServer, type PreviewServer } from '../../main/preview/server';
import { tempDir } from '../helpers/temp-store';

const INDEX = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'" />
<meta name="counterpart-token" content="" />
<title>Counterpart</title></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>`;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw http.request so paths like /../x reach the server unnormalised and the Host header can be forged. */
function request(
  server: PreviewServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

let backend: Backend;
let server: PreviewServer;
let outside: string;

beforeEach(async () => {
  const dir = tempDir();
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  outside = path.join(dir, 'secret.txt');
  fs.writeFileSync(outside, 'SECRET-OUTSIDE-ROOT');
  backend = startBackend({ dbPath: path.join(dir, 'store.db'), log: () => {} });
  server = await startPreviewServer({ backend, staticDir });
});

afterEach(async () => {
  await server.close();
  backend.close();
});

const host = () => new URL(server.url).host;

function rpc(method: string, body: unknown, headers: Record<string, string> = {}) {
  return request(server, {
    method: 'POST',
    path: `/rpc/${method}`,
    headers: { host: host(), 'content-type': 'application/json', 'x-counterpart-token': server.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('preview server', () => {
  it('listens on loopback with a fresh 64-hex-digit token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    const other = await startPreviewServer({ backend, staticDir: path.dirname(outside) + '/renderer' });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('runs a contract method through the dispatcher and keeps one session per server', async () => {
    const setup = await rpc('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' });
    expect(setup.status).toBe(200);
    const clerk = JSON.parse(setup.body);
    expect(clerk).toMatchObject({ ok: true, value: { displayName: 'Aoife Byrne' } });
    const current = JSON.parse((await rpc('session.current', {})).body);
    expect(current).toEqual({ ok: true, value: clerk.value });
    // the write went to the real database
    expect(backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 1 });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    for (const headers of [{ 'x-counterpart-token': '' }, { 'x-counterpart-token': 'a'.repeat(64) }, { 'x-counterpart-token': server.token + '0' }]) {
      const res = await rpc('app.info', {}, headers);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    const missing = await request(server, {
      method: 'POST',
      path: '/rpc/app.info',
      headers: { host: host(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body).error.code).toBe('FORBIDDEN');
    expect(backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 0 });
  });

  it('refuses a foreign Host header (DNS rebinding) for calls and pages alike', async () => {
    const port = new URL(server.url).port;
    for (const h of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `localhost.evil:${port}`]) {
      expect((await rpc('app.info', {}, { host: h })).status).toBe(403);
      const page = await request(server, { path: '/', headers: { host: h } });
      expect(page.status).toBe(403);
      expect(page.body).not.toContain(server.token);
    }
    expect((await rpc('app.info', {}, { host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a cross-origin caller even with the token', async () => {
    const res = await rpc('app.info', {}, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await rpc('app.info', {}, { origin: `http://${host()}` })).status).toBe(200);
  });

  it('answers a method outside the contract with NOT_FOUND', async () => {
    for (const m of ['nope.nothing', 'constructor', '__proto__', 'toString']) {
      expect(JSON.parse((await rpc(m, {})).body)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });

  it('returns validation failures as a {code, message} envelope without stack or SQL', async () => {
    const res = await rpc('app.setupEmpty', { clerkName: '' });
    const body = JSON.parse(res.body);
    expect(body).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('clerkName') } });
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);

    const bad = await rpc('app.info', '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });

    const wrongType = await rpc('app.info', '{}', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(JSON.parse(wrongType.body).error.code).toBe('VALIDATION');
  });

  it('hides internal failures behind INTERNAL with no stack trace', async () => {
    await rpc('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' });
    backend.db.exec('DROP TABLE drafts');
    const res = await rpc('drafts.get', { key: 'note' });
    const text = res.body;
    expect(JSON.parse(text)).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(text).not.toMatch(/at .*\.ts|SQLITE|no such table|drafts/i);
  });

  it('refuses bodies over 1 MB', async () => {
    const big = JSON.stringify({ key: 'x', body: 'a'.repeat(MAX_BODY_BYTES) });
    const res = await rpc('drafts.save', big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('VALIDATION');
  });

  it('only accepts POST for calls', async () => {
    const res = await request(server, { path: '/rpc/app.info', headers: { host: host(), 'x-counterpart-token': server.token } });
    expect(res.status).toBe(405);
  });

  it('serves index.html with the token injected, no-store, and security headers', async () => {
    const res = await request(server, { path: '/', headers: { host: host() } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(`<meta name="counterpart-token" content="${server.token}" />`);
    expect(res.body).not.toContain('content=""');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'; connect-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const direct = await request(server, { path: '/index.html', headers: { host: host() } });
    expect(direct.body).toContain(server.token);
  });

  it('serves assets with their content type and falls back to the app for client routes only', async () => {
    const js = await request(server, { path: '/assets/app.js', headers: { host: host() } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");');
    const css = await request(server, { path: '/assets/app.css?v=1', headers: { host: host() } });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await request(server, { path: '/customers/42', headers: { host: host() } });
    expect(route.status).toBe(200);
    expect(route.body).toContain(server.token);
    expect((await request(server, { path: '/assets/missing.js', headers: { host: host() } })).status).toBe(404);
  });

  it('blocks directory traversal in every spelling', async () => {
    const name = path.basename(outside);
    const attempts = [
      `/../${name}`,
      `/assets/../../${name}`,
      `/%2e%2e/${name}`,
      `/..%2f${name}`,
      `/assets/..%2f..%2f${name}`,
      `/%2e%2e%2f${name}`,
      `/..%5c${name}`,
      `/assets%2f..%2f..%2f${name}`,
    ];
    for (const p of attempts) {
      const res = await request(server, { path: p, headers: { host: host() } });
      expect(res.body, p).not.toContain('SECRET-OUTSIDE-ROOT');
    }
    expect((await request(server, { path: '/%E0%A4%A', headers: { host: host() } })).status).toBe(400);
    expect((await request(server, { path: '/a%00.js', headers: { host: host() } })).status).toBe(400);
  });

  it('does not follow a symlink out of the static folder', async () => {
    const staticDir = path.join(path.dirname(outside), 'renderer');
    fs.symlinkSync(outside, path.join(staticDir, 'assets', 'link.txt'));
    const res = await request(server, { path: '/assets/link.txt', headers: { host: host() } });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET-OUTSIDE-ROOT');
  });
});
