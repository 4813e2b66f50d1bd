// A day as the reasons beside a suggestion write it: short, with the year only when it is not this year's. English
// keeps the house form ("12 Nov", "12 Nov 2025", whatever the English region: en-IE's Intl would write "Sept"); every
// other language writes its own short form through Intl ("12. Nov.").

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-12" -> "12 Nov", with the year when it is not the year of `today`. */
export function formatDay(day: string, today: string): string {
  const [y, m, d] = day.split('-');
  const base = `${Number(d)} ${MONTHS[Number(m) - 1] ?? '?'}`;
  return y === today.slice(0, 4) ? base : `${base} ${y}`;
}

/** "2024-03-05" -> "Mar 2024". */
export function formatMonth(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1] ?? '?'} ${day.slice(0, 4)}`;
}

/**
 * A day as a value for words the reader's language writes: "2025-11-12" when the year is to be shown (not this
 * year's), else ISO 8601's day without a year, "--11-12". The `day` formatter of the catalogues (common/i18n) reads it.
 */
export const dayValue = (day: string, today: string): string =>
  day.slice(0, 4) === today.slice(0, 4) ? `--${day.slice(5, 10)}` : day.slice(0, 10);

/** A month as a value for words: "2024-03" (the `month` formatter reads it). */
export const monthValue = (day: string): string => day.slice(0, 7);

const english = (lng: string) => lng.toLowerCase().split('-')[0] === 'en';
const at = (year: string, rest: string) => new Date(`${year}-${rest}T00:00:00Z`);

/** A dayValue in a locale's language: "12 Nov" / "12. Nov." without a year, "12 Nov 2025" / "12. Nov. 2025" with one. */
export function shortDayIn(lng: string, value: string): string {
  const withYear = !value.startsWith('--');
  const day = withYear ? value : `2000${value.slice(1)}`;
  if (english(lng)) return formatDay(day, withYear ? '' : '2000');
  try {
    return new Intl.DateTimeFormat(lng, {
      day: 'numeric',
      month: 'short',
      year: withYear ? 'numeric' : undefined,
      timeZone: 'UTC',
    }).format(at(day.slice(0, 4), day.slice(5, 10)));
  } catch {
    return value;
  }
}

/** A monthValue in a locale's language: "Mar 2024" / "März 2024". */
export function monthIn(lng: string, value: string): string {
  if (english(lng)) return formatMonth(value);
  try {
    return new Intl.DateTimeFormat(lng, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      at(value.slice(0, 4), `${value.slice(5, 7)}-01`),
    );
  } catch {
    return value;
  }
}
