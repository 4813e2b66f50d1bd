/** How one request ended: its value, or what it threw. */
export type Outcome<A> = { ok: true; value: A } | { ok: false; error: unknown };

export interface LatestAsk<Q> {
  /** The newest query: asked at once when nothing is in flight, else as soon as the answer in flight is back. */
  want(query: Q): void;
  /** Nothing is wanted any more (the box was emptied): no answer still in flight may be shown. */
  clear(): void;
}

/**
 * Asks as the clerk types, without a debounce and without a queue: one request in flight at a time, and the keys
 * typed meanwhile coalesce into one request for the newest query, sent the moment the answer in flight is back.
 * A lookup takes about a millisecond, so on a quiet machine every key gets its own answer at once; on a busy one the
 * server never holds a backlog of queries nobody is waiting for. An answer that has not come back within `patienceMs`
 * stops holding the newest query back (it is sent beside it), so one stuck request never stops the search.
 *
 * `show` gets an answer only when it is newer than every answer shown so far and nothing newer was cleared: a slow
 * answer to "ob" never overwrites the one to "obrien". An answer to a query the clerk has since typed past is shown
 * (it is newer than what is on screen; the caller marks it as not yet the answer to what is in the box).
 */
export function latestAsk<Q, A>(
  ask: (query: Q) => Promise<A>,
  show: (query: Q, outcome: Outcome<A>) => void,
  { patienceMs = 250 } = {},
) {
  /** Every want and clear gets the next number; an answer carries the number of the want it answers. */
  let latest = 0;
  let shown = 0;
  let inFlight: { query: Q; n: number; sentAt: number } | null = null;
  let next: { query: Q; n: number } | null = null;
  let waiting: ReturnType<typeof setTimeout> | undefined;

  const send = () => {
    if (!next) return;
    if (inFlight) {
      // Waits for the answer in flight, but not for ever.
      waiting ??= setTimeout(
        () => {
          waiting = undefined;
          inFlight = null;
          send();
        },
        Math.max(0, inFlight.sentAt + patienceMs - performance.now()),
      );
      return;
    }
    clearTimeout(waiting);
    waiting = undefined;
    const job = { ...next, sentAt: performance.now() };
    next = null;
    inFlight = job;
    const settle = (outcome: Outcome<A>) => {
      if (inFlight === job) inFlight = null;
      if (job.n > shown) {
        shown = job.n;
        show(job.query, outcome);
      }
      send();
    };
    // Called inside a promise, so a synchronous throw is an answer like any other instead of a stuck flight.
    void Promise.resolve()
      .then(() => ask(job.query))
      .then(
        (value) => settle({ ok: true, value }),
        (error: unknown) => settle({ ok: false, error }),
      );
  };

  const self: LatestAsk<Q> = {
    want(query) {
      latest += 1;
      // Back to the query already in flight ("obr", "obri", "obr"): its answer is the newest again.
      if (inFlight && Object.is(inFlight.query, query)) {
        inFlight.n = latest;
        next = null;
        return;
      }
      next = { query, n: latest };
      send();
    },
    clear() {
      latest += 1;
      shown = latest;
      next = null;
    },
  };
  return self;
}
