// A hub on this test file's database, answering on 127.0.0.1, with its clock and log in the test's hands.
import { afterAll } from 'vitest';
import { HUB_API } from '@common/sync/api';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@common/sync/protocol';
import { issueEnrolmentCode } from '../../main/hub/enrolment';
import type { Pool } from '../../main/hub/pg';
import { startHub, type Hub } from '../../main/hub/server';
import type { TestDatabase } from './pg';

export interface TestHub extends Hub {
  pool: Pool;
  /** Every log entry the hub wrote, in order. */
  logs: Record<string, unknown>[];
}

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-12-04T10:00:00.000Z'): TestClock {
  let t = new Date(start);
  return { now: () => t, set: (iso) => (t = new Date(iso)), advance: (ms) => (t = new Date(t.getTime() + ms)) };
}

const running: Hub[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((h) => h.close()));
});

/** A hub process of its own: its own pool on the file's database, as a second process would have. */
export async function startTestHub(
  db: TestDatabase,
  opts: { now?: () => Date; maxBodyBytes?: number } = {},
): Promise<TestHub> {
  const pool = db.newPool();
  const logs: Record<string, unknown>[] = [];
  const hub = await startHub({ pool, now: opts.now, maxBodyBytes: opts.maxBodyBytes, log: (e) => logs.push(e) });
  running.push(hub);
  return { ...hub, pool, logs };
}

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, else the text: a test reads whatever came back. */
  body: any;
}

/** POST a JSON body the way a terminal does (protocol header, optional credential); anything can be overridden. */
export async function post(
  hubUrl: string,
  path: string,
  body: unknown,
  opts: { credential?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(new URL(path, hubUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(opts.credential ? { authorization: `Bearer ${opts.credential}` } : {}),
      ...opts.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the test sees the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export interface EnrolledTerminal {
  credential: string;
  terminal: { id: string; name: string };
  store: { id: string; name: string };
}

/** A terminal enrolled at `store` the way `sync join` does it: a code issued on the hub's database, traded over HTTP. */
export async function enrolTerminal(
  hub: TestHub,
  store: string,
  terminal: string,
  now = new Date(),
): Promise<EnrolledTerminal> {
  const { code } = await issueEnrolmentCode(hub.pool, { storeName: store, terminalName: terminal, now });
  const { status, body } = await post(hub.url, HUB_API.enrol.path, { code, appVersion: '0.1.0' });
  if (status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(body)}`);
  return body as EnrolledTerminal;
}
