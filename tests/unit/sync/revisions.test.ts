// The revisions the customer on screen is compared by (main/sync/revisions.ts): each page that touched customers is
// one; a customer forgotten to keep the memory bounded answers no older than its own revision, so no change is missed.
import { describe, expect, it } from 'vitest';
import { KEPT_ROWS, Revisions } from '../../../main/sync/revisions';

describe('revisions of pulled changes', () => {
  it('moves for the rows a page touched and for no other', () => {
    const r = new Revisions();
    expect(r.of([1])).toBe(0);
    r.touched([1, 2]);
    r.touched([]); // a page that touched no customer is no revision
    r.touched([3]);
    expect([r.of([1]), r.of([2]), r.of([3]), r.of([4])]).toEqual([1, 1, 2, 0]);
    expect(r.of([1, 3])).toBe(2); // one person's records: the newest of them
  });

  it('forgets the oldest rows past KEPT_ROWS, answering for them the newest revision it forgot', () => {
    const r = new Revisions();
    r.touched([0]);
    for (let row = 1; row <= KEPT_ROWS; row++) r.touched([row]);
    r.touched([0]); // touched again: remembered afresh, at the newest end
    r.touched([KEPT_ROWS + 1]);
    const forgotten = r.of([1]);
    expect(forgotten).toBeGreaterThanOrEqual(2); // row 1 was touched at revision 2: never answered older
    expect(r.of([0])).toBe(KEPT_ROWS + 2);
    expect(r.of([KEPT_ROWS])).toBe(KEPT_ROWS + 1);
  });
});
