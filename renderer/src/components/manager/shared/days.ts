// Calendar-day arithmetic on "YYYY-MM-DD" strings. Done in UTC noon so no time zone or DST shift can move the day.
import { isCalendarDay } from '@common/calendar-day';

export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T12:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The contract's rule, so a form never sends a day the main process refuses. */
export const isDay = isCalendarDay;
