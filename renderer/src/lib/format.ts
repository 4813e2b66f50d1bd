import { agoWording, dueWording } from '../../../common/relative-day';

// Dates are shown in the store's time zone, not the terminal's, so every till agrees on "today".
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const isoFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, tz: string, make: (tz: string) => Intl.DateTimeFormat) {
  let f = map.get(tz);
  if (!f) {
    f = make(tz);
    map.set(tz, f);
  }
  return f;
}

/** "3 Nov 2026" for an ISO timestamp. */
export function formatDay(iso: string | null, tz: string): string {
  if (!iso) return '—';
  return cached(
    dayFormats,
    tz,
    (timeZone) => new Intl.DateTimeFormat('en-IE', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
  ).format(new Date(iso));
}

/** "3 Nov 2026, 14:05" for an ISO timestamp. */
export function formatDateTime(iso: string, tz: string): string {
  return cached(
    timeFormats,
    tz,
    (timeZone) =>
      new Intl.DateTimeFormat('en-IE', {
        timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(new Date(iso));
}

/** "2 Dec 2026" for a calendar day "2026-12-02" (no time zone shift: it already is a local day). */
export function formatCalendarDay(day: string | null): string {
  if (!day) return '—';
  return formatDay(`${day}T12:00:00Z`, 'UTC');
}

/** The calendar day (YYYY-MM-DD) of an ISO timestamp in the store's time zone. */
export function dayIn(iso: string, tz: string): string {
  return cached(
    isoFormats,
    tz,
    (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(new Date(iso));
}

/** Today in the store's time zone as YYYY-MM-DD. */
export function todayIn(tz: string): string {
  return dayIn(new Date().toISOString(), tz);
}

/** "due today", "overdue by 3 days" for a follow-up day, counted in the store's calendar days. */
export const dueIn = (day: string, tz: string): string => dueWording(day, todayIn(tz));

/** "today", "3 days ago" for an ISO timestamp, counted in the store's calendar days. */
export const agoIn = (iso: string, tz: string): string => agoWording(dayIn(iso, tz), todayIn(tz));

export { formatMoney } from '../../../common/money';

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-IE')} ${n === 1 ? one : many}`;
