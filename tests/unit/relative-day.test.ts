import { describe, expect, it } from 'vitest';
import { daysBetween } from '@common/calendar-day';
import { translator } from '@common/i18n';
import {
  agoWording as agoIn,
  DAYS_BEFORE_MONTHS,
  DAYS_BEFORE_WEEKS,
  DAYS_BEFORE_YEARS,
  dueWording as dueIn,
} from '@common/relative-day';
import { addDays } from '../../main/services/time';

const today = '2026-12-07';
const en = translator('en');
const dueWording = (due: string, day: string) => dueIn(due, day, en);
const agoWording = (day: string, on: string) => agoIn(day, on, en);

describe('dueWording', () => {
  it.each([
    ['2026-12-07', 'due today'],
    ['2026-12-08', 'due tomorrow'],
    ['2026-12-11', 'due in 4 days'],
    ['2026-12-06', 'overdue by 1 day'],
    ['2026-12-04', 'overdue by 3 days'],
    ['2025-12-07', 'overdue by 365 days'],
  ])('%s is %s', (due, words) => expect(dueWording(due, today)).toBe(words));

  it('counts calendar days across a month end, a leap day and the clocks going back', () => {
    expect(dueWording('2028-03-01', '2028-02-28')).toBe('due in 2 days');
    expect(dueWording('2027-01-01', '2026-12-31')).toBe('due tomorrow');
    // 25 Oct 2026 has 25 hours in Dublin: still one calendar day.
    expect(dueWording('2026-10-24', '2026-10-25')).toBe('overdue by 1 day');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('agoWording', () => {
  it.each([
    [today, 'today'],
    ['2026-12-08', 'today'],
    ['2026-12-06', 'yesterday'],
    ['2026-12-04', '3 days ago'],
  ])('%s is %s', (day, words) => expect(agoWording(day, today)).toBe(words));

  it('switches to weeks, months and years at its thresholds', () => {
    const back = (n: number) => agoWording(addDays(today, -n), today);
    expect(back(DAYS_BEFORE_WEEKS - 1)).toBe(`${DAYS_BEFORE_WEEKS - 1} days ago`);
    expect(back(DAYS_BEFORE_WEEKS)).toBe('2 weeks ago');
    expect(back(DAYS_BEFORE_MONTHS - 1)).toBe('8 weeks ago');
    expect(back(DAYS_BEFORE_MONTHS)).toBe('1 month ago');
    expect(back(DAYS_BEFORE_YEARS - 1)).toBe('23 months ago');
    expect(back(DAYS_BEFORE_YEARS)).toBe('1 year ago');
    expect(agoWording('2019-05-01', today)).toBe('7 years ago');
  });
});

describe('in German, with German plural forms', () => {
  const de = translator('de-DE');
  it.each([
    ['2026-12-07', 'heute fällig'],
    ['2026-12-08', 'morgen fällig'],
    ['2026-12-11', 'fällig in 4 Tagen'],
    ['2026-12-06', 'seit 1 Tag überfällig'],
    ['2026-12-04', 'seit 3 Tagen überfällig'],
  ])('%s is %s', (due, words) => expect(dueIn(due, today, de)).toBe(words));
  it('counts back in weeks, months and years', () => {
    expect(agoIn('2026-12-06', today, de)).toBe('gestern');
    expect(agoIn(addDays(today, -DAYS_BEFORE_WEEKS), today, de)).toBe('vor 2 Wochen');
    expect(agoIn(addDays(today, -DAYS_BEFORE_MONTHS), today, de)).toBe('vor 1 Monat');
    expect(agoIn('2019-05-01', today, de)).toBe('vor 7 Jahren');
  });
});
