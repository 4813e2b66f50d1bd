// A calendar day as the contract and the CLI take it: "YYYY-MM-DD", and a day that exists. The pattern alone let
// 1990-02-31 and 2026-02-30 through, and Date.parse is no check either (V8 reads "2026-02-30" as 2 March).
import { z } from 'zod';
import { refusal, words, type ErrorWords } from './errors';

export const CALENDAR_DAY_FORMAT = 'YYYY-MM-DD';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a day of the Gregorian calendar written as YYYY-MM-DD (years 0001-9999). */
export function isCalendarDay(text: string): boolean {
  const m = SHAPE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/**
 * Why a text is not a calendar day, in the words every date field and date flag uses (errors.calendarDay in the
 * catalogues, so each reader gets them in their language); null when it is one.
 */
export function calendarDayProblem(text: string): ErrorWords | null {
  if (!SHAPE.test(text))
    return words('calendarDay.shape', {
      text: text.length > 40 ? `${text.slice(0, 40)}…` : text,
      format: CALENDAR_DAY_FORMAT,
    });
  return isCalendarDay(text) ? null : words('calendarDay.notInCalendar', { text });
}

/** Whole calendar days from day a to day b (both YYYY-MM-DD), positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The one schema of every date field in the contract. */
export const calendarDay = z.string().superRefine((text, ctx) => {
  const problem = calendarDayProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', ...refusal(problem.key, problem.values) });
});
