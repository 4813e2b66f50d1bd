// The hub as an HTTP server: size limit, malformed requests, health, metrics and its request log, and what a client
// sees when something breaks (a { code, message }, never a stack).
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { HUB_API } from '@common/sync/api';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@common/sync/protocol';
import { issueEnrolmentCode } from '../../../main/hub/enrolment';
import { DURATION_BUCKETS } from '../../../main/hub/metrics';
import { createPool } from '../../../main/hub/pg';
import { startHub } from '../../../main/hub/server';
import { post, startTestHub, type TestHub } from '../../helpers/hub';
import { useTestDatabase } from '../../helpers/pg';
import { startTcpProxy } from '../../helpers/tcp-proxy';

const db = useTestDatabase();
const LIMIT = 4096;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub(db, { maxBodyBytes: LIMIT });
});

/** A raw request: chunked bodies, missing headers, any method. */
function raw(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; chunks?: string[] },
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      new URL(opts.path, url),
      { method: opts.method ?? 'POST', headers: opts.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end();
  });
}
const json = { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

describe('hub requests', () => {
  it('refuses a body over the limit with 413, whether announced or streamed', async () => {
    const big = { code: 'x'.repeat(LIMIT), appVersion: '1' };
    const announced = await post(hub.url, HUB_API.enrol.path, big);
    expect(announced.status).toBe(413);
    expect(announced.body).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request is larger than this hub accepts (${LIMIT} bytes).`,
    });
    const streamed = await raw(hub.url, {
      path: HUB_API.enrol.path,
      headers: json,
      chunks: ['{"code":"', 'y'.repeat(LIMIT), '"}'],
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed requests with 4xx and { code, message }', async () => {
    const notJson = await post(hub.url, HUB_API.enrol.path, '{"code": ');
    expect(notJson).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION', message: 'The request body is not valid JSON.' },
    });
    const wrongShape = await post(hub.url, HUB_API.enrol.path, {
      code: 'ABCD-EFGH-JKMN-PQRS',
      appVersion: '1',
      extra: true,
    });
    expect(wrongShape).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(wrongShape.body.message).toMatch(/^body: Unrecognized key/);
    const array = await post(hub.url, HUB_API.enrol.path, []);
    expect(array).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    const text = await raw(hub.url, {
      path: HUB_API.enrol.path,
      headers: { ...json, 'content-type': 'text/plain' },
      chunks: ['{}'],
    });
    expect(text.status).toBe(415);
    expect(JSON.parse(text.body)).toEqual({ code: 'VALIDATION', message: 'Send the request as application/json.' });
    expect((await raw(hub.url, { method: 'GET', path: HUB_API.enrol.path })).status).toBe(405);
    const unknown = await raw(hub.url, { path: '/v1/nothing', headers: json });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ code: 'NOT_FOUND', message: 'This hub has no /v1/nothing.' });
  });

  it('says it is healthy when its database answers', async () => {
    const health = await raw(hub.url, { method: 'GET', path: '/healthz' });
    expect(health).toEqual({ status: 200, body: JSON.stringify({ status: 'ok' }) });
  });

  it('counts requests by route and status, times them, and reports the terminals in the database', async () => {
    const { code } = await issueEnrolmentCode(db.pool, {
      storeName: 'Galway',
      terminalName: 'till-1',
      now: new Date(),
    });
    expect((await post(hub.url, HUB_API.enrol.path, { code, appVersion: '0.1.0' })).status).toBe(200);
    const metrics = await raw(hub.url, { method: 'GET', path: '/metrics' });
    expect(metrics.status).toBe(200);
    const lines = metrics.body.split('\n');
    expect(lines).toContain('counterpart_hub_requests_total{route="/v1/enrol",method="POST",status="200"} 1');
    expect(lines).toContain('counterpart_hub_requests_total{route="unmatched",method="POST",status="404"} 1');
    expect(lines).toContain('# TYPE counterpart_hub_request_duration_seconds histogram');
    const buckets = lines.filter((l) =>
      l.startsWith('counterpart_hub_request_duration_seconds_bucket{route="/v1/enrol"'),
    );
    expect(buckets).toHaveLength(DURATION_BUCKETS.length + 1);
    expect(lines).toContain('counterpart_hub_terminals{state="active"} 1');
    expect(lines).toContain('counterpart_hub_terminals{state="revoked"} 0');
  });

  it('logs one JSON line per request, without bodies, codes or credentials', async () => {
    const before = hub.logs.length;
    const { code } = await issueEnrolmentCode(db.pool, {
      storeName: 'Galway',
      terminalName: 'till-2',
      now: new Date(),
    });
    const { body } = await post(hub.url, HUB_API.enrol.path, { code, appVersion: '0.1.0' });
    await post(
      hub.url,
      HUB_API.hello.path,
      { storeId: body.store.id, appVersion: '0.1.0' },
      { credential: body.credential },
    );
    const entries = hub.logs.slice(before);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'request',
      requestId: expect.any(String),
      method: 'POST',
      route: HUB_API.enrol.path,
      status: 200,
      ms: expect.any(Number),
    });
    expect(entries[1]).toMatchObject({ route: HUB_API.hello.path, status: 200, terminal: body.terminal.id });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(body.credential);
    expect(text).not.toContain(code);
    expect(text).not.toContain(code.replace(/-/g, ''));
  });

  it('answers 503 while its database is out of reach, and serves again when it is back', async () => {
    const line = await startTcpProxy(db.url);
    const pool = createPool(line.url);
    const cutOff = await startHub({ pool, log: () => undefined });
    try {
      expect((await raw(cutOff.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
      line.cut();
      const down = await raw(cutOff.url, { method: 'GET', path: '/healthz' });
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toEqual({
        code: 'UNAVAILABLE',
        message: 'The hub cannot reach its database right now; try again shortly.',
      });
      line.restore();
      expect((await raw(cutOff.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
    } finally {
      await cutOff.close();
      await pool.end();
    }
  });

  it('answers 500 without details when it fails, and logs the stack for itself', async () => {
    const logs: Record<string, unknown>[] = [];
    const broken = await startHub({ pool: hub.pool, log: (e) => logs.push(e) });
    try {
      await hub.pool.query('ALTER TABLE terminals RENAME TO terminals_gone');
      const answer = await post(
        broken.url,
        HUB_API.hello.path,
        { storeId: 'x', appVersion: '1' },
        { credential: 'cpt1_x' },
      );
      await hub.pool.query('ALTER TABLE terminals_gone RENAME TO terminals');
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({
        code: 'INTERNAL',
        message: expect.stringMatching(
          /^The hub failed to answer \(request [0-9a-f-]{36}\); it is in the hub's log\.$/,
        ),
      });
      expect(logs.find((e) => e.msg === 'request failed')?.error).toMatch(
        /relation "terminals" does not exist\n\s+at /,
      );
    } finally {
      await broken.close();
    }
  });
});
