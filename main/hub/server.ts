// The hub: a plain Node HTTP server in front of PostgreSQL. It keeps nothing between requests but its counters, so
// any number of hub processes can serve one database (behind a balancer, or one per region).
//
// A request passes, in order: the route (404/405), the protocol version header (400 UNSUPPORTED_VERSION, before any
// body is read, so an old or new terminal always gets its sentence), the credential for terminal routes (401), the
// body (415, 413, 400 for JSON and the route's schema), the store named in the body (403), then the handler. Every
// answer is logged as one JSON line: method, route, status, duration, terminal id and error code; never a body, a
// header or a URL query.
import type http from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HUB_API, type HubRoute } from '@common/sync/api';
import { uuidv7 } from '@common/sync/ids';
import { PROTOCOL_HEADER, protocolProblem, THIS_HUB_PROTOCOLS, type HubErrorCode } from '@common/sync/protocol';
import { HubFailure, isDatabaseUnavailable } from './errors';
import { checkHandlers, HUB_HANDLERS, type HubContext } from './handlers';
import { FeedSignal } from './feed';
import { MAX_BODY_BYTES, readJsonBody, sendJson } from './http';
import { HubMetrics } from './metrics';
import { migrateHub } from './migrate';
import type { Pool } from './pg';
import { authenticate, countTerminals, type Caller } from './terminals';

export type LogSink = (entry: Record<string, unknown>) => void;
export const stdoutLog: LogSink = (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`);

export interface HubOptions {
  pool: Pool;
  /** Default 127.0.0.1: a hub faces other machines only when asked to. */
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** The hub's clock (enrolment expiry, last seen); tests move it. */
  now?: () => Date;
  log?: LogSink;
  maxBodyBytes?: number;
}

export interface Hub {
  url: string;
  close(): Promise<void>;
}

const ROUTES = new Map<string, HubRoute>(Object.entries(HUB_API).map(([name, spec]) => [spec.path, name as HubRoute]));

function protocolOf(req: http.IncomingMessage): number | null {
  const v = req.headers[PROTOCOL_HEADER];
  return typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : null;
}

function allow(req: http.IncomingMessage, res: http.ServerResponse, method: 'GET' | 'POST'): void {
  if (req.method === method) return;
  res.setHeader('Allow', method);
  throw new HubFailure('NOT_FOUND', `Use ${method} here.`, 405);
}

/** Migrates the database (under its lock), then listens. The pool stays the caller's to end. */
export async function startHub(opts: HubOptions): Promise<Hub> {
  checkHandlers();
  await migrateHub(opts.pool);
  const feed = new FeedSignal(opts.pool);
  await feed.start();
  const ctx: HubContext = { pool: opts.pool, now: opts.now ?? (() => new Date()), feed };
  const log = opts.log ?? stdoutLog;
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const metrics = new HubMetrics();

  async function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    seen: { route: string; terminal?: string },
  ) {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      seen.route = path;
      allow(req, res, 'GET');
      await ctx.pool.query('SELECT 1');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (path === '/metrics') {
      seen.route = path;
      allow(req, res, 'GET');
      const body = metrics.render(await countTerminals(ctx.pool));
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      return void res.end(body);
    }
    const name = ROUTES.get(path);
    if (!name) throw new HubFailure('NOT_FOUND', `This hub has no ${path}.`);
    seen.route = path;
    allow(req, res, 'POST');
    const spec = HUB_API[name];
    const protocolVersion = protocolOf(req);
    const problem = protocolProblem(protocolVersion, THIS_HUB_PROTOCOLS);
    if (problem !== null) throw new HubFailure('UNSUPPORTED_VERSION', problem);
    let caller: Caller | null = null;
    if (spec.auth === 'terminal') {
      caller = await authenticate(ctx.pool, req.headers.authorization, ctx.now());
      seen.terminal = caller.terminal.id;
    }
    const parsed = spec.request.safeParse(await readJsonBody(req, limit));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HubFailure('VALIDATION', `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
    }
    const input = parsed.data as { storeId?: string };
    if (caller && input.storeId !== caller.store.id) {
      throw new HubFailure(
        'FORBIDDEN',
        `This terminal is enrolled at ${caller.store.name}; it cannot act for another store.`,
      );
    }
    const handler = HUB_HANDLERS[name] as (c: HubContext, call: object) => Promise<unknown>;
    sendJson(res, 200, await handler(ctx, { input, caller, protocolVersion }));
  }

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = uuidv7();
    const seen: { route: string; terminal?: string; error?: HubErrorCode } = { route: 'unmatched' };
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(seen.route, req.method ?? '?', res.statusCode, seconds);
      log({
        time: new Date().toISOString(),
        level: res.statusCode >= 500 ? 'error' : 'info',
        msg: 'request',
        requestId,
        method: req.method,
        route: seen.route,
        status: res.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
        ...(seen.terminal ? { terminal: seen.terminal } : {}),
        ...(seen.error ? { error: seen.error } : {}),
      });
    });
    answer(req, res, seen).catch((err: unknown) => {
      const failure =
        err instanceof HubFailure
          ? err
          : isDatabaseUnavailable(err)
            ? new HubFailure('UNAVAILABLE', 'The hub cannot reach its database right now; try again shortly.')
            : new HubFailure('INTERNAL', `The hub failed to answer (request ${requestId}); it is in the hub's log.`);
      if (!(err instanceof HubFailure)) {
        log({
          time: new Date().toISOString(),
          level: 'error',
          msg: 'request failed',
          requestId,
          error: (err as Error)?.stack ?? String(err),
        });
      }
      seen.error = failure.code;
      if (res.headersSent) return void res.destroy();
      if (failure.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer realm="counterpart-hub"');
      if (failure.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
      sendJson(res, failure.status, { code: failure.code, message: failure.message });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await feed.close();
    throw err;
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    // Waiting pulls answer at once (with what they have), so closing never waits out a long-poll.
    close: async () => {
      await feed.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
