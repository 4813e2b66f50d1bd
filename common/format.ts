// The one place dates, times, numbers and amounts become text: every screen, the PDF and the human-readable parts of
// exports take a Format made from the store's settings (locale, currency, time zone) and nothing else formats by
// hand. Machine-readable output (CSV cells, ISO dates, the CLI's --json) does not come through here.
import { minorDigits, minorToUnits } from './money';

/** What a store starts with until its settings say otherwise (first run, `counterpart init` and the demo store). */
export const DEFAULT_LOCALE = 'en-IE';
export const DEFAULT_CURRENCY = 'EUR';

/** Locales offered first on the first-run screen; any other one Intl knows can be typed. */
export const COMMON_LOCALES = [
  DEFAULT_LOCALE,
  'en-GB',
  'en-US',
  'ga-IE',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'nl-NL',
  'pl-PL',
  'es-ES',
  'it-IT',
  'pt-PT',
];

export interface FormatSettings {
  /** BCP 47, as the store's `locale` setting holds it ("de-DE"). */
  locale: string;
  /** ISO 4217, the store's `currency` setting ("PLN"). */
  currency: string;
  /** IANA zone: dates are shown in the store's zone, not the terminal's, so every till agrees on "today". */
  timeZone: string;
}

export interface Format extends FormatSettings {
  /** "1,234" / "1.234"; up to `maxFraction` decimals (0 unless given). */
  number(n: number, maxFraction?: number): string;
  /** A number with exactly `fraction` decimals ("4.0"). */
  fixed(n: number, fraction: number): string;
  /** A percentage given as 0–100: "12.5%" / "12,5 %". */
  percent(pct: number, maxFraction?: number): string;
  /** The currency's sign as the locale writes it: "€", "zł", "CHF". */
  readonly currencySymbol: string;
  /** An amount in the currency's minor units: "€25.00" / "25,00 €" / "¥2,500". */
  money(minor: number): string;
  /** "3 Nov 2026" for an ISO timestamp, in the store's zone; "—" for none. */
  day(iso: string | null): string;
  /** "3 Nov 2026, 14:05". */
  dateTime(iso: string): string;
  /** "14:05". */
  time(iso: string): string;
  /** "2 Dec 2026" for a calendar day "2026-12-02" (already a local day: no zone shift); "—" for none. */
  calendarDay(day: string | null): string;
  /** "Wed, 2 Dec 2026" for a calendar day. */
  weekdayDay(day: string): string;
  /** "21 July" / "21. Juli": a day of the year without one (a birthday given without the year). */
  monthDay(month: number, day: number): string;
  /** "2 Dec" for a calendar day. */
  shortDay(day: string): string;
  /** "a, b and c" / "a, b und c". */
  list(items: string[]): string;
  /** The calendar day (YYYY-MM-DD) of an ISO timestamp in the store's zone. */
  dayIn(iso: string): string;
  /** Today in the store's zone, YYYY-MM-DD. */
  today(): string;
}

/** A calendar day at noon UTC: formatted in UTC it is that day whatever the zone. */
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

export function createFormat(settings: FormatSettings): Format {
  const { locale, currency, timeZone } = settings;
  // Intl formatters are slow to build and cheap to reuse; each is made on first use.
  const lazy = <T>(make: () => T) => {
    let v: T | undefined;
    return () => (v ??= make());
  };
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (o: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(o);
    let f = numbers.get(key);
    if (!f) numbers.set(key, (f = new Intl.NumberFormat(locale, o)));
    return f;
  };
  const digits = minorDigits(currency);
  const moneyFormat = lazy(
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  const dayFormat = lazy(
    () => new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
  );
  const calendarFormat = lazy(
    () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
  );
  const weekdayFormat = lazy(
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      }),
  );
  const shortFormat = lazy(() => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }));
  const dateTimeFormat = lazy(
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const timeFormat = lazy(
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  );
  // en-CA writes YYYY-MM-DD: the one locale here that is not the store's, because the result is data, not text.
  const isoDayFormat = lazy(
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
  const monthDayFormat = lazy(
    () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long' }),
  );
  const listFormat = lazy(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));

  const dayIn = (iso: string) => isoDayFormat().format(new Date(iso));
  return {
    locale,
    currency,
    timeZone,
    number: (n, maxFraction = 0) => numberFormat({ maximumFractionDigits: maxFraction }).format(n),
    fixed: (n, fraction) =>
      numberFormat({ minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n),
    percent: (pct, maxFraction = 1) =>
      numberFormat({ style: 'percent', maximumFractionDigits: maxFraction }).format(pct / 100),
    get currencySymbol() {
      return (
        moneyFormat()
          .formatToParts(0)
          .find((p) => p.type === 'currency')?.value ?? currency
      );
    },
    money: (minor) => moneyFormat().format(minorToUnits(minor, currency)),
    day: (iso) => (iso ? dayFormat().format(new Date(iso)) : '—'),
    dateTime: (iso) => dateTimeFormat().format(new Date(iso)),
    time: (iso) => timeFormat().format(new Date(iso)),
    calendarDay: (day) => (day ? calendarFormat().format(noonOf(day)) : '—'),
    weekdayDay: (day) => weekdayFormat().format(noonOf(day)),
    shortDay: (day) => shortFormat().format(noonOf(day)),
    // In a leap year, so 29 February is a day.
    monthDay: (month, day) => monthDayFormat().format(new Date(Date.UTC(2024, month - 1, day, 12))),
    list: (items) => listFormat().format(items),
    dayIn,
    today: () => dayIn(new Date().toISOString()),
  };
}
