// Store-local clock times for report rows. Intl formatting costs microseconds per call, and a day view formats
// thousands of rows, so results are cached per UTC minute: every real time zone offset is a whole number of minutes.
import { calendarDayProblem } from '@common/calendar-day';
import { AppError, InputError, refusal, words } from '@common/errors';
import { daysBetween } from '../time';

const clocks = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, f);
  }
  return f;
}

/** "HH:MM" in the store time zone for an ISO instant ("2026-10-25T01:30:00.000Z" in Europe/Dublin -> "01:30"). */
export function localClock(iso: string, timeZone: string): string {
  const key = `${timeZone}|${iso.slice(0, 16)}`;
  let v = cache.get(key);
  if (v === undefined) {
    const t = Date.parse(iso);
    v = Number.isNaN(t) ? '' : clockFormat(timeZone).format(new Date(t - (t % 60_000)));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Store-local hour (0–23) of an ISO instant. */
export function localHour(iso: string, timeZone: string): number {
  return Number(localClock(iso, timeZone).slice(0, 2)) || 0;
}

/** A real calendar day, not just the YYYY-MM-DD shape ("2026-02-30" is refused), refused as the contract refuses it. */
export function assertDay(day: string, label = 'date'): string {
  const problem = calendarDayProblem(day);
  if (problem) throw new InputError([{ path: [label], ...refusal(problem.key, problem.values) }]);
  return day;
}

export const MAX_RANGE_DAYS = 366;

/** Checks an inclusive range of days and returns its length in days. */
export function assertRange(from: string, to: string): number {
  assertDay(from, 'from');
  assertDay(to, 'to');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new AppError('VALIDATION', words('reports.rangeBackwards', { from, to }));
  if (days > MAX_RANGE_DAYS)
    throw new AppError('VALIDATION', words('reports.rangeTooLong', { max: MAX_RANGE_DAYS, from, to, days }));
  return days;
}
