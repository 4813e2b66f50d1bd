import { describe, expect, it } from 'vitest';
import {
  canonicalLocale,
  currencyCodes,
  currencySchema,
  DEMO_STORE_ID,
  isTimeZone,
  localeSchema,
  storeIdentitySchema,
  storeIdFromName,
  STORE_ID_MAX,
  storeIdSchema,
  timeZones,
  withStoreId,
} from '@common/store-identity';
import { managedConfigSchema } from '../../main/config/managed-config';

describe('store identity rules', () => {
  it('makes the id from the name: lower case, accents dropped, punctuation to hyphens', () => {
    expect(storeIdFromName('Galway')).toBe('galway');
    expect(storeIdFromName('  Galway – Shop Street  ')).toBe('galway-shop-street');
    expect(storeIdFromName("Ní Bhriain's Hardware, Dún Laoghaire")).toBe('ni-bhriain-s-hardware-dun-laoghaire');
    expect(storeIdFromName('Łódź Piotrkowska 12')).toMatch(/^[a-z0-9-]+$/);
  });

  it("gives a name without Latin letters a stable id of its own, and never the demo store's id", () => {
    const tokyo = storeIdFromName('東京');
    expect(tokyo).toMatch(/^store-[0-9a-f]{8}$/);
    expect(storeIdFromName('東京')).toBe(tokyo);
    expect(storeIdFromName('大阪')).not.toBe(tokyo);
    expect(storeIdFromName('Demo Store')).not.toBe(DEMO_STORE_ID);
    expect(storeIdFromName('x'.repeat(200))).toHaveLength(STORE_ID_MAX);
  });

  it('every derived id passes the id rule', () => {
    for (const name of ['Galway', '東京', 'Demo Store', `a${'-'.repeat(70)}b`, 'Ω', 'Zürich HB']) {
      expect(storeIdSchema.safeParse(storeIdFromName(name)).success, name).toBe(true);
    }
  });

  it("refuses an id with spaces or capitals, and the demo store's id", () => {
    expect(storeIdSchema.safeParse('Dub 01').success).toBe(false);
    expect(storeIdSchema.safeParse(DEMO_STORE_ID).success).toBe(false);
    expect(storeIdSchema.safeParse('dub-01').success).toBe(true);
  });

  it('knows time zones by their IANA names only', () => {
    expect(isTimeZone('Europe/Dublin')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(timeZones()).toContain('UTC');
    for (const tz of timeZones()) expect(isTimeZone(tz), tz).toBe(true);
  });

  it('writes locales the canonical way and refuses what Intl cannot format', () => {
    expect(canonicalLocale('en-ie')).toBe('en-IE');
    expect(canonicalLocale('de-DE')).toBe('de-DE');
    expect(canonicalLocale('pl')).toBe('pl');
    expect(canonicalLocale('en_IE')).toBeNull();
    expect(canonicalLocale('klingon')).toBeNull();
    expect(canonicalLocale('qq-QQ')).toBeNull();
    expect(localeSchema.parse(' en-ie ')).toBe('en-IE');
  });

  it('takes currencies from the ISO 4217 list Intl holds', () => {
    expect(currencyCodes()).toEqual(expect.arrayContaining(['EUR', 'PLN', 'CHF', 'GBP']));
    expect(currencySchema.parse('eur')).toBe('EUR');
    expect(currencySchema.safeParse('XYZ').success).toBe(false);
    expect(currencySchema.safeParse('EURO').success).toBe(false);
    expect(currencySchema.safeParse('€').success).toBe(false);
  });

  it('fills in the id from the name when none is given', () => {
    const parsed = storeIdentitySchema.parse({
      name: 'Galway',
      timeZone: 'Europe/Dublin',
      locale: 'en-IE',
      currency: 'EUR',
    });
    expect(withStoreId(parsed)).toEqual({
      name: 'Galway',
      id: 'galway',
      timeZone: 'Europe/Dublin',
      locale: 'en-IE',
      currency: 'EUR',
    });
    expect(withStoreId({ ...parsed, id: 'gal-01' }).id).toBe('gal-01');
  });

  it('the config file IT deploys takes the same time zones, locales and currencies', () => {
    for (const [key, good, bad] of [
      ['timeZone', 'Europe/Warsaw', 'Mars/Olympus'],
      ['locale', 'pl-PL', 'qq-QQ'],
      ['currency', 'PLN', 'XYZ'],
    ] as const) {
      expect(managedConfigSchema.safeParse({ [key]: good }).success, `${key} ${good}`).toBe(true);
      expect(managedConfigSchema.safeParse({ [key]: bad }).success, `${key} ${bad}`).toBe(false);
    }
  });
});
