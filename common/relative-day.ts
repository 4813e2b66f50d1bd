// How far a day is from today, in words a clerk reads at a glance ("due tomorrow", "overdue by 3 days",
// "last visit 3 days ago"). Counted in calendar days of the store's time zone: the caller passes today as the store
// sees it, so a promise due today is "due today" all day there, whatever the terminal's clock zone says. The words
// come from the catalogue of the store's language (`t`), with its plural forms.
import type { TFunction } from 'i18next';
import { daysBetween } from './calendar-day';

/** "due today", "due tomorrow", "due in 4 days", "overdue by 1 day", "overdue by 3 days". */
export function dueWording(due: string, today: string, t: TFunction): string {
  const d = daysBetween(today, due);
  if (d === 0) return t('relative.dueToday');
  if (d === 1) return t('relative.dueTomorrow');
  return d > 1 ? t('relative.dueIn', { count: d }) : t('relative.overdue', { count: -d });
}

/** Past this many days the count is given in weeks, then months, then years: "400 days ago" reads slowly. */
export const DAYS_BEFORE_WEEKS = 14;
export const DAYS_BEFORE_MONTHS = 60;
export const DAYS_BEFORE_YEARS = 730;

/** "today", "yesterday", "3 days ago", "5 weeks ago", "7 months ago", "6 years ago" for a day before today. */
export function agoWording(day: string, today: string, t: TFunction): string {
  const d = daysBetween(day, today);
  // A day after today (a terminal whose clock runs behind the one that wrote it) is today as far as a clerk cares.
  if (d <= 0) return t('relative.today');
  if (d === 1) return t('relative.yesterday');
  if (d < DAYS_BEFORE_WEEKS) return t('relative.daysAgo', { count: d });
  if (d < DAYS_BEFORE_MONTHS) return t('relative.weeksAgo', { count: Math.floor(d / 7) });
  if (d < DAYS_BEFORE_YEARS) return t('relative.monthsAgo', { count: Math.floor(d / 30.4375) });
  return t('relative.yearsAgo', { count: Math.floor(d / 365.25) });
}
