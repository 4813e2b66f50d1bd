// How far a day is from today, in words a clerk reads at a glance ("due tomorrow", "overdue by 3 days",
// "last visit 3 days ago"). Counted in calendar days of the store's time zone: the caller passes today as the store
// sees it, so a promise due today is "due today" all day there, whatever the terminal's clock zone says.
import { daysBetween } from './calendar-day';

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const days = (n: number) => count(n, 'day');

/** "due today", "due tomorrow", "due in 4 days", "overdue by 1 day", "overdue by 3 days". */
export function dueWording(due: string, today: string): string {
  const d = daysBetween(today, due);
  if (d === 0) return 'due today';
  if (d === 1) return 'due tomorrow';
  return d > 1 ? `due in ${days(d)}` : `overdue by ${days(-d)}`;
}

/** Past this many days the count is given in weeks, then months, then years: "400 days ago" reads slowly. */
export const DAYS_BEFORE_WEEKS = 14;
export const DAYS_BEFORE_MONTHS = 60;
export const DAYS_BEFORE_YEARS = 730;

/** "today", "yesterday", "3 days ago", "5 weeks ago", "7 months ago", "6 years ago" for a day before today. */
export function agoWording(day: string, today: string): string {
  const d = daysBetween(day, today);
  // A day after today (a terminal whose clock runs behind the one that wrote it) is today as far as a clerk cares.
  if (d <= 0) return 'today';
  if (d === 1) return 'yesterday';
  if (d < DAYS_BEFORE_WEEKS) return `${days(d)} ago`;
  if (d < DAYS_BEFORE_MONTHS) return `${count(Math.floor(d / 7), 'week')} ago`;
  if (d < DAYS_BEFORE_YEARS) return `${count(Math.floor(d / 30.4375), 'month')} ago`;
  return `${count(Math.floor(d / 365.25), 'year')} ago`;
}
