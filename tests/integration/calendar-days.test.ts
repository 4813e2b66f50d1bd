import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend';
import { runCli } from '../../main/cli/run';
import { newSession } from '../../main/ipc/session';
import { createCustomer } from '../../main/services/customers';
import { cliTerminal } from '../helpers/cli-terminal';
import { tempDir, tempStore } from '../helpers/temp-store';

describe('dates through the dispatcher', () => {
  it('refuses days the calendar does not have in every date field, and takes 29 February of a leap year', async () => {
    const b = startBackend({ dbPath: path.join(tempDir(), 'dates.db') });
    const s = newSession();
    await b.dispatch('app.setupEmpty', { clerkName: 'Ann', pin: '2468' }, s);
    try {
      expect(
        await b.dispatch('customers.create', { firstName: 'Ann', lastName: 'Lee', birthday: '1990-02-31' }, s),
      ).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'birthday: 1990-02-31 is not a calendar date',
          reason: 'calendarDay.notInCalendar',
        },
      });
      expect(
        await b.dispatch(
          'interactions.log',
          { customerId: null, kind: 'inquiry', outcome: 'follow_up', followUpDue: '2026-02-30' },
          s,
        ),
      ).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'followUpDue: 2026-02-30 is not a calendar date',
          reason: 'calendarDay.notInCalendar',
        },
      });
      expect(await b.dispatch('reports.day', { day: '2023-02-29' }, s)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(await b.dispatch('audit.list', { from: '2023-02-29' }, s)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      // Nothing was written by the refused calls.
      expect(
        b.db.prepare('SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM interactions) AS n').get(),
      ).toEqual({ n: 0 });

      const leap = await b.dispatch(
        'customers.create',
        { firstName: 'Ann', lastName: 'Lee', birthday: '2024-02-29' },
        s,
      );
      expect(leap).toMatchObject({ ok: true, value: { birthday: '2024-02-29' } });
      // A follow-up is promised within a year (common/follow-up-due.ts): tomorrow in UTC is today or later in every zone.
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      expect(
        await b.dispatch(
          'interactions.log',
          { customerId: null, kind: 'inquiry', outcome: 'follow_up', followUpDue: tomorrow },
          s,
        ),
      ).toMatchObject({
        ok: true,
        value: { followUpDue: tomorrow },
      });
    } finally {
      b.close();
    }
  });
});

describe('date flags of the command line', () => {
  const { io, out, err } = cliTerminal();

  it('refuses 2026-02-30 and 2023-02-29 with exit 2 and one line, and takes a day a follow-up can be promised for', async () => {
    const s = tempStore();
    const c = createCustomer(s.ctx, { firstName: 'Ann', lastName: 'Lee' });
    const log = (due: string) =>
      runCli(
        ['log', String(c.id), '--kind', 'inquiry', '--outcome', 'follow_up', '--follow-up', due, '--db', s.file],
        io,
      );
    const cases: [() => Promise<number>, string][] = [
      [() => log('2026-02-30'), '--follow-up: 2026-02-30 is not a calendar date.'],
      [() => log('30/11/2026'), '--follow-up: "30/11/2026" is not a date as YYYY-MM-DD.'],
      [
        () => runCli(['seed', '--today', '2023-02-29', '--db', path.join(tempDir(), 'never.db')], io),
        '--today: 2023-02-29 is not a calendar date.',
      ],
      [
        () =>
          runCli(
            [
              'report',
              '--date',
              '1990-02-31',
              '--format',
              'csv',
              '--out',
              path.join(tempDir(), 'r.csv'),
              '--db',
              s.file,
            ],
            io,
          ),
        '--date: 1990-02-31 is not a calendar date.',
      ],
    ];
    for (const [run, message] of cases) {
      err.length = 0;
      expect(await run(), message).toBe(2);
      expect(err.join('').trimEnd().split('\n')).toHaveLength(1);
      expect(err.join('')).toContain(message);
    }
    expect(s.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 0 });
    expect(fs.readdirSync(path.dirname(s.file)).filter((f) => f.startsWith('never'))).toEqual([]);

    // The real clock runs here; tomorrow in UTC is today or later in every time zone, and within a year.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    out.length = 0;
    expect(await log(tomorrow)).toBe(0);
    expect(out.join('')).toContain(`(due ${tomorrow})`);
  });
});
