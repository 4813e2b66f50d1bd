// Who may talk to the hub: the credential (401), the store it was enrolled for (403), revocation on the next request
// to any hub process, and protocol versions answered before anything else.
import { beforeAll, describe, expect, it } from 'vitest';
import { HUB_API } from '@common/sync/api';
import { uuidv7 } from '@common/sync/ids';
import {
  MIN_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  protocolProblem,
  THIS_HUB_PROTOCOLS,
} from '@common/sync/protocol';
import { issueEnrolmentCode } from '../../../main/hub/enrolment';
import { LAST_SEEN_PRECISION_MS, listTerminals, revokeTerminal } from '../../../main/hub/terminals';
import { post, startTestHub, testClock, type TestHub } from '../../helpers/hub';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
const clock = testClock();
let hub: TestHub;
let other: TestHub;

beforeAll(async () => {
  hub = await startTestHub(db, { now: clock.now });
  other = await startTestHub(db, { now: clock.now });
});

async function enrolled(store: string, terminal: string) {
  const { code } = await issueEnrolmentCode(db.pool, { storeName: store, terminalName: terminal, now: clock.now() });
  const { body } = await post(hub.url, HUB_API.enrol.path, { code, appVersion: '0.1.0' });
  return body as { credential: string; terminal: { id: string }; store: { id: string } };
}
const hello = (url: string, t: { credential?: string; storeId: string }, headers: Record<string, string> = {}) =>
  post(url, HUB_API.hello.path, { storeId: t.storeId, appVersion: '0.2.0' }, { credential: t.credential, headers });

describe('terminal credentials', () => {
  it('let an enrolled terminal say hello to either hub process, which records its version and when it was seen', async () => {
    const t = await enrolled('Galway', 'till-1');
    clock.advance(LAST_SEEN_PRECISION_MS);
    const answer = await hello(other.url, { credential: t.credential, storeId: t.store.id });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      terminal: t.terminal,
      store: t.store,
      hub: { protocolVersion: THIS_HUB_PROTOCOLS.max, minProtocolVersion: THIS_HUB_PROTOCOLS.min },
      serverTime: clock.now().toISOString(),
    });
    const [row] = (await listTerminals(db.pool)).filter((r) => r.id === t.terminal.id);
    expect(row).toMatchObject({ appVersion: '0.2.0', lastSeenAt: clock.now().toISOString() });
  });

  it('answer 401 with a Bearer challenge when the credential is missing or unknown', async () => {
    const storeId = uuidv7();
    const none = await hello(hub.url, { storeId });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="counterpart-hub"');
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const unknown = await hello(hub.url, { storeId, credential: `cpt1_${'A'.repeat(43)}` });
    expect(unknown.body).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'This hub does not know this terminal: enrol it with a new code (counterpart hub enroll).',
    });
  });

  it('stop working the moment the terminal is revoked, on every hub process', async () => {
    const t = await enrolled('Galway', 'till-2');
    const creds = { credential: t.credential, storeId: t.store.id };
    expect((await hello(hub.url, creds)).status).toBe(200);
    const { alreadyRevoked } = await revokeTerminal(db.pool, { terminal: t.terminal.id }, clock.now());
    expect(alreadyRevoked).toBe(false);
    for (const url of [hub.url, other.url]) {
      const answer = await hello(url, creds);
      expect(answer.status).toBe(401);
      expect(answer.body.message).toBe(
        `This terminal was revoked on the hub at ${clock.now().toISOString()}: enrol it again with a new code.`,
      );
    }
    expect((await revokeTerminal(db.pool, { terminal: t.terminal.id }, clock.now())).alreadyRevoked).toBe(true);
  });

  it('answer 403 when a terminal asks for another store than its own', async () => {
    const galway = await enrolled('Galway', 'till-3');
    const cork = await enrolled('Cork', 'till-1');
    const answer = await hello(hub.url, { credential: galway.credential, storeId: cork.store.id });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      code: 'FORBIDDEN',
      message: 'This terminal is enrolled at Galway; it cannot act for another store.',
    });
  });

  it('revoke by name needs the store when two stores have a till of that name', async () => {
    await expect(revokeTerminal(db.pool, { terminal: 'till-1' }, clock.now())).rejects.toThrow(
      'till-1 is enrolled at Galway, Cork: say which with --store',
    );
    await expect(revokeTerminal(db.pool, { terminal: 'till-9' }, clock.now())).rejects.toThrow(
      'No enrolled terminal till-9',
    );
  });
});

describe('protocol versions', () => {
  it('tell a too-old terminal, a too-new one and a silent one what to do, before looking at credential or body', async () => {
    const storeId = uuidv7();
    const cases: [Record<string, string>, string][] = [
      [
        { [PROTOCOL_HEADER]: String(MIN_PROTOCOL_VERSION - 1) },
        protocolProblem(MIN_PROTOCOL_VERSION - 1, THIS_HUB_PROTOCOLS)!,
      ],
      [{ [PROTOCOL_HEADER]: String(PROTOCOL_VERSION + 1) }, protocolProblem(PROTOCOL_VERSION + 1, THIS_HUB_PROTOCOLS)!],
      [{ [PROTOCOL_HEADER]: 'one' }, protocolProblem(null, THIS_HUB_PROTOCOLS)!],
    ];
    for (const [headers, message] of cases) {
      for (const path of [HUB_API.hello.path, HUB_API.enrol.path]) {
        const answer = await post(hub.url, path, { shape: 'of another version', storeId }, { headers });
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({ code: 'UNSUPPORTED_VERSION', message });
      }
    }
    expect(protocolProblem(PROTOCOL_VERSION + 1, THIS_HUB_PROTOCOLS)).toMatch(/update the hub first\.$/);
    expect(protocolProblem(MIN_PROTOCOL_VERSION - 1, THIS_HUB_PROTOCOLS)).toMatch(
      /update Counterpart on this terminal\.$/,
    );
  });
});
