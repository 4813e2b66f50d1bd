// Wrong PINs add up across the counters of a store while they reach the hub, atomically (two counters guessing at
// once get no more checks between them than the limit), and each counter still locks on its own count offline.
// Real SQLite files, real HTTP on 127.0.0.1, a hub on a real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { lockDuration, MAX_PIN_ATTEMPTS } from '@common/pin-lockout';
import { HUB_API } from '@common/sync/api';
import { createClerk, resetPin, signIn } from '../../../main/services/accounts';
import { listClerks, requireClerk } from '../../../main/services/clerks';
import { hubLinkFile } from '../../../main/sync/hub-link';
import { storeAttempt } from '../../../main/sync/store-lockout';
import { sync, useChain, type JoinedTerminal as JoinedCounter } from '../../helpers/chain-terminal';
import { post } from '../../helpers/hub';
import fs from 'node:fs';

const chain = useChain();
const { db } = chain;

// The hub counts by its own clock: the counters' run with it, so "locked for 1 minute" reads the same on both.
const counter = (store: string) => chain.terminal(store, { liveClock: true });

/** A clerk made at the first counter and known at all of them; their local id at each. */
async function sharedClerk(counters: JoinedCounter[], name: string, pin: string): Promise<number[]> {
  const [first] = counters;
  await createClerk(first!.ctx, requireClerk(first!.ctx, first!.clerkId), name, 'clerk', pin);
  for (const c of counters) await sync(c);
  return counters.map((c) => listClerks(c.ctx).find((k) => k.displayName === name)!.id);
}
const attempt = (c: JoinedCounter, id: number, pin: string) =>
  signIn(c.ctx, id, pin).then(
    () => 'in',
    (e: { message: string }) => e.message,
  );
const hubCount = async (name: string) =>
  (
    await db.pool.query<{ failed_pins: number; lockouts: number; locked_until: Date | null }>(
      `SELECT c.failed_pins, c.lockouts, c.locked_until FROM clerks c JOIN clerk_fields f ON f.clerk_id = c.id AND f.field = 'displayName'
        WHERE f.value #>> '{}' = $1`,
      [name],
    )
  ).rows[0]!;

describe('lockouts across the counters of a store', () => {
  it('adds up wrong PINs at two counters and locks both', async () => {
    const a = await counter('Galway');
    const b = await counter('Galway');
    const [atA, atB] = await sharedClerk([a, b], 'Nuala Keane', '4821');
    // Three wrong at A, then two at B: the fifth, at B, locks the account at both counters.
    for (let i = 0; i < 3; i++) expect(await attempt(a, atA!, '0000')).toMatch(/Wrong PIN/);
    expect(await attempt(b, atB!, '0000')).toMatch(/1 attempt left/);
    expect(await attempt(b, atB!, '0000')).toMatch(/now locked for 1 minute/);
    expect(await attempt(a, atA!, '4821')).toMatch(/locked for 1 more minute/);
    expect(await attempt(b, atB!, '4821')).toMatch(/locked/);
    expect((await hubCount('Nuala Keane')).lockouts).toBe(1);
    // Counter A keeps the store's lock, so it holds there offline too.
    expect(requireClerk(a.ctx, atA!).lockedUntil).not.toBeNull();
  });

  it('a right PIN at one counter clears the count at the store', async () => {
    const a = await counter('Ennis');
    const b = await counter('Ennis');
    const [atA, atB] = await sharedClerk([a, b], 'Sean Power', '2468');
    for (let i = 0; i < 4; i++) await attempt(a, atA!, '0000');
    expect(await attempt(b, atB!, '2468')).toBe('in');
    expect((await hubCount('Sean Power')).failed_pins).toBe(0);
    expect(await attempt(a, atA!, '0000')).toMatch(/4 attempts left/);
  });

  it('gives two counters guessing at once no more checks between them than the limit', async () => {
    const a = await counter('Sligo');
    const b = await counter('Sligo');
    const [atA, atB] = await sharedClerk([a, b], 'Ciara Walsh', '1357');
    // Each counter sends the limit's worth at once: their own counts allow five each, the store's five in all.
    const guesses = Array.from({ length: MAX_PIN_ATTEMPTS }, (_, i) => [
      attempt(a, atA!, `90${i}0`),
      attempt(b, atB!, `80${i}0`),
    ]).flat();
    const answers = await Promise.all(guesses);
    const checked = answers.filter((m) => /Wrong PIN/.test(m));
    expect(checked.length).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
    expect(answers.filter((m) => /now locked/.test(m)).length).toBeGreaterThanOrEqual(1);
    const row = await hubCount('Ciara Walsh');
    expect(row.lockouts).toBe(1);
    expect(row.locked_until!.getTime() - Date.now()).toBeLessThanOrEqual(lockDuration(1));
  });

  it('an attempt counted whose verdict never came does not leave the account refused for good', async () => {
    const a = await counter('Kilkenny');
    const b = await counter('Kilkenny');
    const [atA, atB] = await sharedClerk([a, b], 'Brid Daly', '3579');
    // Counter A counts the limit's worth at the store and then goes away (crash, cable) before saying wrong or right.
    for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) expect((await storeAttempt(a.db, atA!, 'count'))?.allowed).toBe(true);
    // The next attempt, at B, is one past the limit: it locks the account as a wrong PIN would, for the usual time.
    expect(await attempt(b, atB!, '3579')).toMatch(/locked for 1 more minute/);
    const row = await hubCount('Brid Daly');
    expect(row.lockouts).toBe(1);
    expect(row.locked_until!.getTime() - Date.now()).toBeLessThanOrEqual(lockDuration(1));
  });

  it("a manager's PIN reset at one counter lifts the store's lock at every counter", async () => {
    const a = await counter('Athlone');
    const b = await counter('Athlone');
    const [atA, atB] = await sharedClerk([a, b], 'Eoin Hayes', '1122');
    for (let i = 0; i < MAX_PIN_ATTEMPTS - 1; i++) await attempt(a, atA!, '0000');
    expect(await attempt(b, atB!, '0000')).toMatch(/now locked/);
    await resetPin(a.ctx, requireClerk(a.ctx, a.clerkId), atA!, '5566');
    await sync(a);
    await sync(b);
    expect(await attempt(b, atB!, '5566')).toBe('in');
    expect(await attempt(a, atA!, '5566')).toBe('in');
    expect(await hubCount('Eoin Hayes')).toMatchObject({ failed_pins: 0, lockouts: 0, locked_until: null });
  });

  it("another store's terminal can neither spend nor clear a clerk's attempts", async () => {
    const a = await counter('Clonmel');
    const cork = await counter('Cork');
    const [atA] = await sharedClerk([a], 'Orla Byrne', '7531');
    await attempt(a, atA!, '0000');
    const gid = a.db
      .prepare<[number], { global_id: string }>('SELECT global_id FROM sync_clerks WHERE clerk_id = ?')
      .get(atA!)!.global_id;
    for (const step of ['count', 'wrong', 'right'] as const) {
      const asked = await post(
        chain.hub.url,
        HUB_API.pinAttempt.path,
        { storeId: cork.link.store.id, clerkId: gid, step },
        { credential: cork.link.credential },
      );
      expect(asked.status, step).toBe(404);
    }
    // Under Clonmel's own id the credential is refused outright.
    const posing = await post(
      chain.hub.url,
      HUB_API.pinAttempt.path,
      { storeId: a.link.store.id, clerkId: gid, step: 'count' },
      { credential: cork.link.credential },
    );
    expect(posing.status).toBe(403);
    expect(await hubCount('Orla Byrne')).toMatchObject({ failed_pins: 1, lockouts: 0, locked_until: null });
  });

  it('a counter offline locks on its own count, and signs in without the hub', async () => {
    const a = await counter('Tralee');
    const b = await counter('Tralee');
    const [atA, atB] = await sharedClerk([a, b], 'Pól Ó Sé', '8642');
    for (let i = 0; i < 2; i++) await attempt(b, atB!, '0000');
    // Counter A loses the hub (its link now points at a port nobody listens on).
    const link = JSON.parse(fs.readFileSync(hubLinkFile(a.file), 'utf8'));
    fs.writeFileSync(hubLinkFile(a.file), JSON.stringify({ ...link, hubUrl: 'http://127.0.0.1:9/' }));
    expect(await attempt(a, atA!, '8642')).toBe('in');
    for (let i = 0; i < MAX_PIN_ATTEMPTS - 1; i++) expect(await attempt(a, atA!, '0000')).toMatch(/Wrong PIN/);
    expect(await attempt(a, atA!, '0000')).toMatch(/now locked/);
    // The hub did not see those: B still has the store's count from before.
    expect((await hubCount('Pól Ó Sé')).failed_pins).toBe(2);
  });
});
