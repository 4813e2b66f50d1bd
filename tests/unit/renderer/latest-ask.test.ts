// How the search box asks as the clerk types (renderer/src/lib/latest-ask.ts): one request in flight, the keys typed
// meanwhile coalesced into one for the newest query, and an older answer never shown over a newer one. The answers
// here are promises the test settles in whatever order it likes, as a loaded machine would.
import { describe, expect, it } from 'vitest';
import { latestAsk, type Outcome } from '../../../renderer/src/lib/latest-ask';

interface Asked {
  query: string;
  answer(value: string): Promise<void>;
  refuse(error: Error): Promise<void>;
}

/** Lets every answer already given reach `show` (and the request it frees be sent). */
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function harness(patienceMs?: number) {
  const asked: Asked[] = [];
  const shown: { query: string; outcome: Outcome<string> }[] = [];
  const ask = latestAsk(
    (query: string) =>
      new Promise<string>((resolve, reject) => {
        asked.push({
          query,
          answer: (value) => {
            resolve(value);
            return flush();
          },
          refuse: (error) => {
            reject(error);
            return flush();
          },
        });
      }),
    (query, outcome) => shown.push({ query, outcome }),
    patienceMs === undefined ? {} : { patienceMs },
  );
  return { ask, asked, shown, flush };
}

describe('asking for the newest query only', () => {
  it('asks at once when nothing is in flight, and shows the answer', async () => {
    const h = harness();
    h.ask.want('ob');
    await h.flush();
    expect(h.asked.map((a) => a.query)).toEqual(['ob']);
    await h.asked[0]!.answer('answer to ob');
    expect(h.shown).toEqual([{ query: 'ob', outcome: { ok: true, value: 'answer to ob' } }]);
  });

  it('keeps one request in flight and coalesces the keys typed meanwhile into one for the newest query', async () => {
    const h = harness();
    h.ask.want('o');
    await h.flush();
    for (const q of ['ob', 'obr', 'obri', 'obrie', 'obrien']) h.ask.want(q);
    await h.flush();
    expect(h.asked.map((a) => a.query)).toEqual(['o']);
    await h.asked[0]!.answer('answer to o');
    expect(h.asked.map((a) => a.query)).toEqual(['o', 'obrien']);
    await h.asked[1]!.answer('answer to obrien');
    expect(h.shown.map((s) => s.query)).toEqual(['o', 'obrien']);
  });

  it('never shows an answer to a query the box was emptied of', async () => {
    const h = harness();
    h.ask.want('ob');
    await h.flush();
    h.ask.clear();
    await h.asked[0]!.answer('answer to ob');
    expect(h.shown).toEqual([]);
    expect(h.asked).toHaveLength(1);
  });

  it('back to the query in flight: its answer is shown and nothing is asked twice', async () => {
    const h = harness();
    h.ask.want('obr');
    await h.flush();
    h.ask.want('obri');
    h.ask.want('obr');
    await h.asked[0]!.answer('answer to obr');
    await h.flush();
    expect(h.asked.map((a) => a.query)).toEqual(['obr']);
    expect(h.shown.map((s) => s.query)).toEqual(['obr']);
  });

  it('a refused request is an answer like any other, and the next query is still asked', async () => {
    const h = harness();
    h.ask.want('ob');
    await h.flush();
    h.ask.want('obrien');
    const refusal = new Error('not reachable');
    await h.asked[0]!.refuse(refusal);
    expect(h.shown).toEqual([{ query: 'ob', outcome: { ok: false, error: refusal } }]);
    await h.asked[1]!.answer('answer to obrien');
    expect(h.shown.at(-1)).toEqual({ query: 'obrien', outcome: { ok: true, value: 'answer to obrien' } });
  });

  it('an answer that does not come back within the patience stops holding the newest query back', async () => {
    const h = harness(20);
    h.ask.want('mar');
    await h.flush();
    h.ask.want('murphy');
    await h.flush();
    expect(h.asked.map((a) => a.query)).toEqual(['mar']);
    await new Promise((r) => setTimeout(r, 40));
    expect(h.asked.map((a) => a.query)).toEqual(['mar', 'murphy']);
    await h.asked[1]!.answer('answer to murphy');
    await h.asked[0]!.answer('answer to mar');
    // The late answer to "mar" came after the newer one was shown: dropped.
    expect(h.shown.map((s) => s.query)).toEqual(['murphy']);
  });
});
