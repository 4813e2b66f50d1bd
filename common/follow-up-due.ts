// When a follow-up may be promised: from today (the store's calendar day) to the same day a year ahead. A date in
// the past shows at once as overdue, and 9999-12-31 is a typo, not a promise; both are refused, never corrected.
import { isCalendarDay } from './calendar-day';
import { words, type ErrorWords } from './errors';

/** The same calendar day a year later; 29 February becomes 28 February. Both days as YYYY-MM-DD. */
export function oneYearAfter(day: string): string {
  const y = Number(day.slice(0, 4)) + 1;
  const next = `${String(y).padStart(4, '0')}${day.slice(4)}`;
  return isCalendarDay(next) ? next : `${String(y).padStart(4, '0')}-02-28`;
}

/** Why a follow-up date cannot be promised today (words for wordError); null when it can. Days compare as text. */
export function followUpDueProblem(due: string, today: string): ErrorWords | null {
  if (due < today) return words('followUp.inThePast', { day: today });
  const last = oneYearAfter(today);
  if (due > last) return words('followUp.tooFarAhead', { day: last });
  return null;
}
