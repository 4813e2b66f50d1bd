import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../main/backend';
import { MAX_BODY_BYTES, OPEN_PATH, startPreviewServer, type PreviewServer } from '../../main/preview/server';
import { tempDir } from '../helpers/temp-store';

const INDEX = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'" />
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
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

let backend: Backend;
let server: PreviewServer;
let outside: string;
/** The session cookie of the browser that opened the first link ("name=value"). */
let cookie: string;

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
  cookie = await connect(server);
});

afterEach(async () => {
  await server.close();
  backend.close();
});

const host = () => new URL(server.url).host;
const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

/** Opens a one-time link the way a browser does, and returns the cookie the browser would keep. */
async function connect(s: PreviewServer): Promise<string> {
  const res = await request(s, { path: pathOf(s.newLink()), headers: { host: new URL(s.url).host } });
  expect(res.status).toBe(303);
  return res.headers['set-cookie']![0]!.split(';')[0]!;
}

function rpc(method: string, body: unknown, headers: Record<string, string> = {}) {
  return request(server, {
    method: 'POST',
    path: `/rpc/${method}`,
    headers: { host: host(), 'content-type': 'application/json', cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const value = (r: Reply) => (JSON.parse(r.body) as { value: unknown }).value;

describe('preview server', () => {
  it('listens on loopback and hands out a different one-time link each time', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const [a, b] = [server.newLink(), server.newLink()];
    expect(a.startsWith(new URL(OPEN_PATH, server.url).href)).toBe(true);
    expect(a).not.toBe(b);
  });

  it('gives a plain GET of any page no credential', async () => {
    for (const p of ['/', '/index.html', '/customers/42', OPEN_PATH, `${OPEN_PATH}?key=`, '/assets/app.js']) {
      const res = await request(server, { path: p, headers: { host: host() } });
      expect(res.headers['set-cookie'], p).toBeUndefined();
      expect(res.body, p).not.toMatch(/token|key=|counterpart-\d/i);
    }
    const page = await request(server, { path: '/', headers: { host: host() } });
    expect(page.body).toBe(INDEX);
  });

  it('spends a link on first use: HttpOnly, SameSite=Strict cookie, then the link is dead', async () => {
    const link = pathOf(server.newLink());
    const first = await request(server, { path: link, headers: { host: host() } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const [set] = first.headers['set-cookie']!;
    expect(
      set!
        .split(';')
        .map((p) => p.trim().toLowerCase())
        .slice(1)
        .sort(),
    ).toEqual(['httponly', 'path=/', 'samesite=strict']);
    expect(first.body).toBe('');

    const again = await request(server, { path: link, headers: { host: host() } });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    // The browser that spent it (back button, reload) just goes on to the app, without a second session.
    const sameBrowser = await request(server, { path: link, headers: { host: host(), cookie: set!.split(';')[0]! } });
    expect(sameBrowser.status).toBe(303);
    expect(sameBrowser.headers['set-cookie']).toBeUndefined();
    // HEAD does not spend a link.
    const fresh = pathOf(server.newLink());
    expect((await request(server, { method: 'HEAD', path: fresh, headers: { host: host() } })).status).toBe(405);
    expect((await request(server, { path: fresh, headers: { host: host() } })).status).toBe(303);
  });

  it('runs a contract method through the dispatcher for a connected browser', async () => {
    const setup = await rpc('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' });
    expect(setup.status).toBe(200);
    const clerk = JSON.parse(setup.body);
    expect(clerk).toMatchObject({ ok: true, value: { displayName: 'Aoife Byrne' } });
    const current = JSON.parse((await rpc('session.current', {})).body);
    expect(current).toEqual({ ok: true, value: clerk.value });
    // the write went to the real database
    expect(backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 1 });
  });

  it("refuses calls from a client without the cookie, with a made-up one, or with another server's", async () => {
    const other = await startPreviewServer({ backend, staticDir: path.join(path.dirname(outside), 'renderer') });
    const foreign = await connect(other);
    const [name, id] = cookie.split('=') as [string, string];
    for (const c of [
      '',
      `${name}=${'a'.repeat(id.length)}`,
      `${name}=${id}x`,
      foreign,
      `${foreign.split('=')[0]}=${id}`,
    ]) {
      const res = await rpc('app.setupEmpty', { clerkName: 'Mallory', pin: '1111' }, { cookie: c });
      expect(res.status, c).toBe(403);
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringContaining('one-time link') },
      });
    }
    await other.close();
    expect(backend.db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 0 });
  });

  it('keeps each browser in its own session: two clerks signed in side by side stay apart', async () => {
    const admin = JSON.parse((await rpc('app.setupEmpty', { clerkName: 'Aoife Byrne', pin: '2468' })).body).value as {
      id: number;
    };
    const clerk = value(await rpc('clerks.create', { displayName: 'Cy Clerk', role: 'clerk', pin: '1357' })) as {
      id: number;
    };
    const second = await connect(server);
    const asSecond = (m: string, body: unknown) => rpc(m, body, { cookie: second });
    expect(value(await asSecond('session.current', {}))).toBeNull();
    expect(value(await asSecond('session.signIn', { clerkId: clerk.id, pin: '1357' }))).toMatchObject({ id: clerk.id });
    expect(value(await rpc('session.current', {}))).toMatchObject({ id: admin.id, role: 'admin' });
    expect(value(await asSecond('session.current', {}))).toMatchObject({ id: clerk.id, role: 'clerk' });
    expect(
      JSON.parse((await asSecond('clerks.create', { displayName: 'Boss', role: 'admin', pin: '1111' })).body),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await rpc('session.signOut', {});
    expect(value(await rpc('session.current', {}))).toBeNull();
    expect(value(await asSecond('session.current', {}))).toMatchObject({ id: clerk.id });
  });

  it('refuses a foreign Host header (DNS rebinding) for calls and pages alike', async () => {
    const port = new URL(server.url).port;
    for (const h of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `localhost.evil:${port}`]) {
      expect((await rpc('app.info', {}, { host: h })).status).toBe(403);
      const page = await request(server, { path: '/', headers: { host: h } });
      expect(page.status).toBe(403);
      const link = await request(server, { path: pathOf(server.newLink()), headers: { host: h } });
      expect(link.status).toBe(403);
      expect(link.headers['set-cookie']).toBeUndefined();
    }
    expect((await rpc('app.info', {}, { host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a cross-origin caller even with the cookie', async () => {
    const res = await rpc('app.info', {}, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await rpc('app.info', {}, { origin: `http://${host()}` })).status).toBe(200);
  });

  it('answers a method outside the contract with NOT_FOUND', async () => {
    for (const m of ['nope.nothing', 'constructor', '__proto__', 'toString']) {
      expect(JSON.parse((await rpc(m, {})).body)).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.any(String), reason: 'dispatch.unknownMethod' },
      });
    }
  });

  it('returns validation failures as a {code, message, reason} envelope without stack or SQL', async () => {
    const res = await rpc('app.setupEmpty', { clerkName: '' });
    const body = JSON.parse(res.body);
    expect(body).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('clerkName'), reason: 'clerks.yourName' },
    });
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'reason']);

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
    expect(JSON.parse(text)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String), reason: 'dispatch.internal' },
    });
    expect(text).not.toMatch(/at .*\.ts|SQLITE|no such table|drafts/i);
  });

  it('refuses bodies over 1 MB', async () => {
    const big = JSON.stringify({ key: 'x', body: 'a'.repeat(MAX_BODY_BYTES) });
    const res = await rpc('drafts.save', big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('VALIDATION');
  });

  it('only accepts POST for calls', async () => {
    const res = await request(server, { path: '/rpc/app.info', headers: { host: host(), cookie } });
    expect(res.status).toBe(405);
  });

  it('serves index.html with security headers', async () => {
    const res = await request(server, { path: '/', headers: { host: host() } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain(
      "default-src 'none'; script-src 'self'; connect-src 'self'",
    );
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
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
    expect(route.body).toBe(INDEX);
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
