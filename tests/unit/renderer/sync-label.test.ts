import { describe, expect, it } from 'vitest';
import { createFormat, DEFAULT_CURRENCY, DEFAULT_LOCALE } from '../../../common/format';
import { translator } from '../../../common/i18n';
import { syncLabel } from '../../../renderer/src/lib/sync-label';

const tz = 'Europe/Dublin';
const en = [
  createFormat({ locale: DEFAULT_LOCALE, currency: DEFAULT_CURRENCY, timeZone: tz }),
  translator('en'),
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

  it("passes on the hub's sentence about what to do, and says nothing for a store outside a chain", () => {
    const message = 'This terminal was revoked on the hub at 2026-12-01T09:00:00.000Z: enrol it again with a new code.';
    expect(syncLabel({ state: 'error', waiting: 2, message }, ...en)).toEqual({
      text: `Not syncing: ${message}`,
      tone: 'error',
    });
    expect(syncLabel({ state: 'off' }, ...en)).toBeNull();
  });

  it('speaks the store language, with its plural forms', () => {
    const de = [
      createFormat({ locale: 'de-DE', currency: DEFAULT_CURRENCY, timeZone: 'Europe/Berlin' }),
      translator('de-DE'),
    ] as const;
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
});
