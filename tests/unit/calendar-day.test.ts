import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { calendarDay, calendarDayProblem, isCalendarDay } from '@common/calendar-day';
import { contract, METHOD_NAMES } from '@common/contract';
import { wordError } from '@common/errors';

describe('calendar days', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-01-31', '2026-12-31', '1990-02-28', '0001-01-01'])('accepts %s', (day) => {
    expect(isCalendarDay(day)).toBe(true);
    expect(calendarDay.safeParse(day).success).toBe(true);
  });

  it.each([
    '1990-02-31',
    '2026-02-30',
    '2023-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
  ])('refuses %s as no day of the calendar', (day) => {
    expect(isCalendarDay(day)).toBe(false);
    expect(wordError(calendarDayProblem(day)!, 'en')).toBe(`${day} is not a calendar date`);
  });

  it.each(['30/11/2026', '2026-2-3', '2026-02-03T00:00', ' 2026-02-03', ''])('refuses the shape of %j', (text) => {
    expect(wordError(calendarDayProblem(text)!, 'en')).toMatch(/is not a date as YYYY-MM-DD$/);
  });

  it('keeps a long wrong value short in the message', () => {
    expect(wordError(calendarDayProblem('x'.repeat(5000))!, 'en').length).toBeLessThan(80);
  });
});

/**
 * The string fields of an input schema, by path, with optional/nullable/default taken off and each string member of
 * a union listed (a birthday is '' or a calendar day).
 */
function stringFields(schema: z.ZodType, path = ''): [string, z.ZodType][] {
  const def = (
    schema as unknown as {
      def: { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; options?: z.ZodType[] };
    }
  ).def;
  if (def.type === 'union') return def.options!.flatMap((o) => stringFields(o, path));
  if (def.type === 'object')
    return Object.entries(def.shape!).flatMap(([k, v]) => stringFields(v, path ? `${path}.${k}` : k));
  if (def.innerType) return stringFields(def.innerType, path);
  return def.type === 'string' ? [[path, schema]] : [];
}

describe('the contract', () => {
  it('checks every date field with the one calendar-day schema', () => {
    const dateFields = METHOD_NAMES.flatMap((m) =>
      stringFields(contract[m].input)
        .filter(([field]) => /(day|date|birthday|due|^from$|^to$|\.from$|\.to$)/i.test(field))
        .map(([field, schema]) => [`${m} ${field}`, schema] as const),
    );
    // The fields are found by name, so a new date field cannot slip past with a pattern of its own.
    expect(dateFields.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'customers.create birthday',
        'interactions.log followUpDue',
        'reports.day day',
        'reports.exportCsv from',
        'audit.list to',
      ]),
    );
    for (const [name, schema] of dateFields) expect(schema, name).toBe(calendarDay);
  });
});
