// When a follow-up may be promised: from today (the store's calendar day) to the same day a year ahead. A date in
// the past shows at once as overdue, and 9999-12-31 is a typo, not a promise; both are refused, never corrected.
import { isCalendarDay } from './calendar-day';

/** The same calendar day a year later; 29 February becomes 28 February. Both days as YYYY-MM-DD. */
export function oneYearAfter(day: string): string {
  const y = Number(day.slice(0, 4)) + 1;
  const next = `${String(y).padStart(4, '0')}${day.slice(4)}`;
  return isCalendarDay(next) ? next : `${String(y).padStart(4, '0')}-02-28`;
}

/** Why a follow-up date cannot be promised today; null when it can. Calendar days compare as text. */
export function followUpDueProblem(due: string, today: string): string | null {
  if (due < today) return `A follow-up date cannot be in the past: choose ${today} or later.`;
  const last = oneYearAfter(today);
  if (due > last) return `A follow-up date is at most a year ahead: choose ${last} or earlier.`;
  return null;
}
