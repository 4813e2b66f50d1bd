import { describe, expect, it } from 'vitest';
import { wordError, words } from '@common/errors';
import { createFormat, DEFAULT_CURRENCY, DEFAULT_LOCALE } from '@common/format';
import { translator } from '@common/i18n';
import { syncLabel } from '../../../renderer/src/lib/sync-label';

const tz = 'Europe/Dublin';
const en = [
  createFormat({ locale: DEFAULT_LOCALE, currency: DEFAULT_CURRENCY, timeZone: tz }),
  translator('en'),
] as const;
const de = [
  createFormat({ locale: 'de-DE', currency: DEFAULT_CURRENCY, timeZone: 'Europe/Berlin' }),
  translator('de-DE'),
] as const;

describe('the header line about the sync', () => {
  it('says when the terminal last heard from the hub, in the store time zone', () => {
    expect(syncLabel({ state: 'synced', at: '2026-07-01T09:42:10.000Z', waiting: 0 }, ...en)).toEqual({
      text: 'Synced 10:42',
      tone: 'ok',
    });
    expect(syncLabel({ state: 'synced', at: '2026-12-01T09:42:10.000Z', waiting: 0 }, ...en)?.text).toBe(
      'Synced 09:42',
    );
  });

  it('counts the changes waiting while offline or still being sent', () => {
    expect(syncLabel({ state: 'offline', waiting: 12, lastSyncAt: null }, ...en)).toEqual({
      text: 'Offline — 12 changes waiting',
      tone: 'warn',
    });
    expect(syncLabel({ state: 'offline', waiting: 1, lastSyncAt: null }, ...en)?.text).toBe(
      'Offline — 1 change waiting',
    );
    expect(syncLabel({ state: 'offline', waiting: 0, lastSyncAt: null }, ...en)?.text).toBe(
      'Offline — nothing waiting',
    );
    expect(syncLabel({ state: 'synced', at: '2026-12-01T09:42:10.000Z', waiting: 3 }, ...en)).toEqual({
      text: 'Sending 3 changes…',
      tone: 'busy',
    });
  });

  it("words the refusal's catalogue words about what to do, and says nothing for a store outside a chain", () => {
    const detail = 'This terminal was revoked on the hub at 2026-12-01T09:00:00.000Z: enrol it again with a new code.';
    const problem = words('sync.refused.unauthenticated', { detail });
    expect(syncLabel({ state: 'error', waiting: 2, problem }, ...en)).toEqual({
      text: `Not syncing: ${wordError(problem, 'en')}`,
      tone: 'error',
    });
    expect(syncLabel({ state: 'off' }, ...en)).toBeNull();
  });

  it('words a refusal in the store language, a refusal quoted inside another one too', () => {
    const inner = words('sync.address.extras');
    const problem = words('sync.managed.failed', { hub: 'https://hub.example.com/', reason: inner });
    const text = syncLabel({ state: 'error', waiting: 0, problem }, ...de)?.text;
    expect(text).toBe(`Kein Abgleich: ${wordError(problem, 'de-DE')}`);
    expect(text).toContain(translator('de')('errors.sync.address.extras'));
    expect(text).not.toContain(translator('en')('errors.sync.address.extras'));
  });

  it('speaks the store language, with its plural forms', () => {
    expect(syncLabel({ state: 'synced', at: '2026-07-01T09:42:10.000Z', waiting: 0 }, ...de)?.text).toBe(
      'Abgeglichen 11:42',
    );
    expect(syncLabel({ state: 'offline', waiting: 1, lastSyncAt: null }, ...de)?.text).toBe(
      'Offline – 1 Änderung wartet',
    );
    expect(syncLabel({ state: 'offline', waiting: 12, lastSyncAt: null }, ...de)?.text).toBe(
      'Offline – 12 Änderungen warten',
    );
  });

  it("tells how far a new terminal's first copy of the chain has come, customers first, and that it paused while offline", () => {
    const customers = { phase: 'customers', done: 1000, total: 2500 } as const;
    expect(syncLabel({ state: 'connecting', waiting: 0, bootstrap: customers }, ...en)).toEqual({
      text: 'Copying the chain: 1,000 of 2,500 customers',
      tone: 'busy',
      progress: { value: 1000, max: 2500 },
    });
    expect(
      syncLabel({ state: 'connecting', waiting: 0, bootstrap: { phase: 'customers', done: 0, total: null } }, ...en),
    ).toEqual({
      text: 'Copying the chain…',
      tone: 'busy',
      progress: undefined,
    });
    const history = { phase: 'facts', done: 40_000, total: 120_000 } as const;
    expect(
      syncLabel({ state: 'synced', at: '2026-12-01T09:42:10.000Z', waiting: 2, bootstrap: history }, ...en)?.text,
    ).toBe('Customers ready; copying history: 40,000 of 120,000 entries');
    expect(syncLabel({ state: 'offline', waiting: 0, lastSyncAt: null, bootstrap: customers }, ...en)).toMatchObject({
      text: 'Offline — copy of the chain paused at 1,000 of 2,500 customers',
      tone: 'warn',
    });
    expect(
      syncLabel(
        { state: 'offline', waiting: 1, lastSyncAt: null, bootstrap: { phase: 'facts', done: 0, total: null } },
        ...en,
      )?.text,
    ).toBe('Offline — customers ready; history paused; 1 change waiting');
    expect(syncLabel({ state: 'connecting', waiting: 0, bootstrap: customers }, ...de)?.text).toBe(
      'Kette wird kopiert: 1.000 von 2.500 Kunden',
    );
    // A refusal still says what to do.
    expect(
      syncLabel({ state: 'error', waiting: 0, problem: words('sync.ownCopyRefused'), bootstrap: customers }, ...en),
    ).toEqual({
      text: 'Not syncing: The hub refuses this terminal its own new copy of the chain.',
      tone: 'error',
    });
  });

  it('says the hub went back to an earlier copy while the counter puts it right, with the copy bar, unless refused', () => {
    const hubRestored = { detectedAt: '2026-12-01T09:42:10.000Z' };
    const customers = { phase: 'customers', done: 1000, total: 2500 } as const;
    expect(
      syncLabel(
        { state: 'synced', at: '2026-12-01T09:42:10.000Z', waiting: 3, hubRestored, bootstrap: customers },
        ...en,
      ),
    ).toEqual({
      text: 'The hub was restored from an earlier backup: this counter is sending its changes again and re-reading the chain; keep working, nothing here is lost',
      tone: 'warn',
      progress: { value: 1000, max: 2500 },
    });
    expect(syncLabel({ state: 'offline', waiting: 0, lastSyncAt: null, hubRestored }, ...de)?.text).toMatch(
      /^Der Hub wurde aus einer älteren Sicherung zurückgeholt/,
    );
    expect(
      syncLabel({ state: 'error', waiting: 0, problem: words('sync.ownCopyRefused'), hubRestored }, ...en)?.tone,
    ).toBe('error');
  });
});
