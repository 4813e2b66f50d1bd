// Guards on what a logged entry may hold (issues #14 and #17): no unfilled slot in what was said, a follow-up date a
// clerk can keep, and one entry per draft.
import { describe, expect, it } from 'vitest';
import { followUpDueProblem, oneYearAfter } from '@common/follow-up-due';
import { slotToken, unfilledSlotMessage } from '@common/slots';
import { AppError, wordError } from '@common/errors';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { tempStore } from '../helpers/temp-store';

const count = (s: ReturnType<typeof tempStore>) => s.db.prepare('SELECT count(*) AS n FROM interactions').pluck().get();

function refusal(fn: () => unknown): AppError | Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal');
}

describe('what was said', () => {
  it('cannot hold an unfilled slot: the refusal names it and nothing is written', () => {
    const s = tempStore();
    const said = `I'm sorry about ${slotToken('what went wrong')}.`;
    const err = refusal(() =>
      logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'complaint', outcome: 'resolved', said }),
    );
    expect(err.message).toContain(unfilledSlotMessage(said));
    expect(count(s)).toBe(0);
    logInteraction(s.ctx, s.clerkId, {
      customerId: null,
      kind: 'complaint',
      outcome: 'resolved',
      said: "I'm sorry about the kettle.",
    });
    expect(count(s)).toBe(1);
  });
});

describe('follow-up dates', () => {
  // The store's clock says 2026-11-23 (tests/helpers/temp-store.ts).
  const today = '2026-11-23';
  const log = (s: ReturnType<typeof tempStore>, followUpDue: string) =>
    logInteraction(s.ctx, s.clerkId, { customerId: null, kind: 'inquiry', outcome: 'follow_up', followUpDue });

  it('are today up to the same day a year ahead', () => {
    const s = tempStore();
    expect(log(s, today).followUpDue).toBe(today);
    expect(log(s, oneYearAfter(today)).followUpDue).toBe('2027-11-23');
  });

  it.each([
    ['2020-01-01', 'in the past'],
    ['2026-11-22', 'in the past'],
    ['2027-11-24', 'at most a year ahead'],
    ['9999-12-31', 'at most a year ahead'],
  ])('refuse %s (%s) with a VALIDATION error and write nothing', (due, words) => {
    const s = tempStore();
    const err = refusal(() => log(s, due));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect(err.message).toBe(wordError(followUpDueProblem(due, today)!, 'en'));
    expect(err.message).toContain(words);
    expect(count(s)).toBe(0);
  });

  it('are checked in an amendment that sets one, not when one is carried forward', () => {
    const s = tempStore();
    const promised = log(s, '2026-11-30');
    s.setNow('2026-12-05T10:00:00.000Z'); // the promise is overdue now, and an amendment of the notes keeps it
    expect(
      amendInteraction(s.ctx, s.clerkId, { interactionId: promised.id, reason: 'typo', notes: 'fixed' }).followUpDue,
    ).toBe('2026-11-30');
    expect(() =>
      amendInteraction(s.ctx, s.clerkId, { interactionId: promised.id, reason: 'moved', followUpDue: '2026-12-01' }),
    ).toThrow(/in the past/);
  });

  it('a year after 29 February is 28 February', () => {
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
    expect(oneYearAfter('2026-12-31')).toBe('2027-12-31');
  });
});
