// Enrolment over real HTTP against real PostgreSQL: one-time codes, 24-hour expiry on the hub's clock, hashed
// secrets, and two hub processes sharing the database.
import { beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_PATTERN, HUB_API } from '@common/sync/api';
import { UUID_V7 } from '@common/sync/ids';
import { PROTOCOL_VERSION } from '@common/sync/protocol';
import { ENROLMENT_CODE_TTL_MS, issueEnrolmentCode } from '../../../main/hub/enrolment';
import { sha256 } from '../../../main/hub/secrets';
import { listTerminals, revokeTerminal } from '../../../main/hub/terminals';
import { post, startTestHub, testClock, type TestHub } from '../../helpers/hub';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
const clock = testClock();
let hub: TestHub;
let other: TestHub;

beforeAll(async () => {
  // Two hub processes starting at once on a database no hub has seen: both migrate (one waits), both serve.
  [hub, other] = await Promise.all([startTestHub(db, { now: clock.now }), startTestHub(db, { now: clock.now })]);
});

const issue = (store: string, terminal: string) =>
  issueEnrolmentCode(db.pool, { storeName: store, terminalName: terminal, now: clock.now() });
const enrol = (url: string, code: string) => post(url, HUB_API.enrol.path, { code, appVersion: '0.1.0' });

describe('enrolment', () => {
  it('turns a code into a terminal id and a credential, once', async () => {
    const issued = await issue('Galway', 'till-1');
    expect(issued.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(issued.store.created).toBe(true);

    const first = await enrol(hub.url, issued.code.toLowerCase());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      terminal: { name: 'till-1' },
      store: { id: issued.store.id, name: 'Galway' },
      hub: { protocolVersion: PROTOCOL_VERSION },
    });
    expect(first.body.terminal.id).toMatch(UUID_V7);
    expect(first.body.credential).toMatch(CREDENTIAL_PATTERN);

    const again = await enrol(other.url, issued.code);
    expect(again.status).toBe(401);
    expect(again.body).toEqual({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^This enrolment code is unknown or was used already/),
    });

    const [row] = (await listTerminals(db.pool)).filter((t) => t.id === first.body.terminal.id);
    expect(row).toMatchObject({
      name: 'till-1',
      store: { name: 'Galway' },
      appVersion: '0.1.0',
      protocolVersion: PROTOCOL_VERSION,
      revokedAt: null,
    });
  });

  it('keeps only digests: neither the code nor the credential is anywhere in the database', async () => {
    const issued = await issue('Galway', 'till-5');
    const { body } = await enrol(hub.url, issued.code);
    const dump = await db.pool.query<{ t: string }>(
      'SELECT (SELECT json_agg(t)::text FROM terminals t) || (SELECT json_agg(c)::text FROM enrolment_codes c) AS t',
    );
    const text = dump.rows[0]!.t;
    expect(text).not.toContain(body.credential);
    expect(text).not.toContain(issued.code.replace(/-/g, ''));
    const stored = await db.pool.query('SELECT 1 FROM terminals WHERE id = $1 AND credential_hash = $2', [
      body.terminal.id,
      sha256(body.credential),
    ]);
    expect(stored.rowCount).toBe(1);
  });

  it('expires a code 24 hours after it was issued, on the hub clock', async () => {
    const early = await issue('Cork', 'till-1');
    const late = await issue('Cork', 'till-2');
    clock.advance(ENROLMENT_CODE_TTL_MS - 1);
    expect((await enrol(hub.url, early.code)).status).toBe(200);
    clock.advance(1);
    const expired = await enrol(hub.url, late.code);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe(
      `This enrolment code expired at ${late.expiresAt}: ask for a new one (counterpart hub enroll).`,
    );
    // A new code for the same till works again.
    expect((await enrol(hub.url, (await issue('Cork', 'till-2')).code)).status).toBe(200);
  });

  it('makes a newer code for the same terminal replace the one handed out before', async () => {
    const old = await issue('Limerick', 'till-1');
    const fresh = await issue('limerick', 'Till-1');
    expect(fresh.store).toEqual({ ...old.store, created: false });
    expect((await enrol(hub.url, old.code)).status).toBe(401);
    expect((await enrol(hub.url, fresh.code)).status).toBe(200);
  });

  it('refuses a code for a till that is enrolled already, until it is revoked', async () => {
    await expect(issue('Limerick', 'TILL-1')).rejects.toThrow(
      'Till-1 is already enrolled at Limerick: revoke it first',
    );
    await revokeTerminal(db.pool, { terminal: 'till-1', store: 'Limerick' }, clock.now());
    expect((await enrol(hub.url, (await issue('Limerick', 'till-1')).code)).status).toBe(200);
  });

  it('lets exactly one of two terminals sending the same code at once, to two hub processes, have it', async () => {
    const issued = await issue('Sligo', 'till-1');
    const answers = await Promise.all([
      enrol(hub.url, issued.code),
      enrol(other.url, issued.code),
      enrol(hub.url, issued.code),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
    expect((await listTerminals(db.pool)).filter((t) => t.store.name === 'Sligo')).toHaveLength(1);
  });

  it('tells a code that is not a code from one that is unknown', async () => {
    const malformed = await enrol(hub.url, 'hello');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({
      code: 'VALIDATION',
      message: 'code: an enrolment code has 16 letters and digits',
    });
  });
});
