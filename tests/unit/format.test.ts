// The one formatting module: the store's locale and currency decide how every date, number and amount reads.
import { describe, expect, it } from 'vitest';
import { createFormat, DEFAULT_CURRENCY, DEFAULT_LOCALE } from '@common/format';
import { minorDigits, unitsToMinor } from '@common/money';

const at = (locale: string, currency = DEFAULT_CURRENCY, timeZone = 'Europe/Dublin') =>
  createFormat({ locale, currency, timeZone });
// Intl separates a currency from its amount with a no-break space; the tests compare plain text.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('amounts in minor units', () => {
  it('keep the currency’s own decimals: 2 for EUR, 0 for JPY, 3 for KWD', () => {
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
    expect(plain(at('en-IE', 'EUR').money(2500))).toBe('€25.00');
    expect(plain(at('ja-JP', 'JPY').money(2500))).toBe('￥2,500');
    expect(plain(at('en-GB', 'JPY').money(2500))).toBe('JP¥2,500');
    expect(plain(at('en-GB', 'KWD').money(2500))).toBe('KWD 2.500');
    expect(unitsToMinor(50, 'JPY')).toBe(50);
    expect(unitsToMinor(50, 'KWD')).toBe(50_000);
  });

  it('are written the locale’s way', () => {
    expect(plain(at('de-DE', 'EUR').money(123456))).toBe('1.234,56 €');
    expect(plain(at('pl-PL', 'PLN').money(123456))).toBe('1234,56 zł');
    expect(plain(at('de-CH', 'CHF').money(123450))).toBe("CHF 1'234.50");
    expect(at('de-DE', 'PLN').currencySymbol).toBe('PLN');
    expect(at('pl-PL', 'PLN').currencySymbol).toBe('zł');
  });
});

describe('dates, times and numbers', () => {
  const iso = '2026-12-03T13:05:00.000Z';
  it('in the store’s locale and time zone', () => {
    expect(at('en-IE').day(iso)).toBe('3 Dec 2026');
    expect(at('de-DE', 'EUR', 'Europe/Berlin').day(iso)).toBe('3. Dez. 2026');
    expect(at('de-DE', 'EUR', 'Europe/Berlin').time(iso)).toBe('14:05');
    expect(at('en-IE').dateTime(iso)).toBe('3 Dec 2026, 13:05');
    expect(at('de-DE', 'EUR', 'Europe/Berlin').dateTime(iso)).toBe('3. Dez. 2026, 14:05');
    expect(at('de-DE').weekdayDay('2026-12-03')).toBe('Do., 3. Dez. 2026');
    expect(at('de-DE').monthDay(7, 21)).toBe('21. Juli');
    expect(at('de-DE').monthDay(2, 29)).toBe('29. Februar');
    expect(plain(at('de-DE').percent(12.5))).toBe('12,5 %');
    expect(at('de-DE').number(1234567)).toBe('1.234.567');
    expect(at('de-DE').list(['Name', 'Telefon', 'E-Mail'])).toBe('Name, Telefon und E-Mail');
  });

  it('a calendar day does not move with the zone', () => {
    expect(at('en-IE', 'EUR', 'Pacific/Kiritimati').calendarDay('2026-12-02')).toBe('2 Dec 2026');
    expect(at('en-IE', 'EUR', 'Pacific/Kiritimati').dayIn('2026-12-02T11:00:00Z')).toBe('2026-12-03');
    expect(at(DEFAULT_LOCALE).calendarDay(null)).toBe('—');
  });
});
