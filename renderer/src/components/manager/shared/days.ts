// Calendar-day arithmetic on "YYYY-MM-DD" strings. Done in UTC noon so no time zone or DST shift can move the day.
import { isCalendarDay } from '../../../../../common/calendar-day';

export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T12:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The contract's rule, so a form never sends a day the main process refuses. */
export const isDay = isCalendarDay;

/** "Mon 23 Nov 2026" */
export function longDay(day: string): string {
  return new Intl.DateTimeFormat('en-IE', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** "23 Nov" for chart axes. */
export function shortDay(day: string): string {
  return new Intl.DateTimeFormat('en-IE', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(new Date(`${day}T12:00:00Z`));
}
