// The counter's calls go before a copy running on a thread of its own (a bootstrap, sync/bootstrap-thread.ts). That
// thread holds the store's write lock in slices, back to back, with a gap of microseconds between them; the counter's
// connection does not wait inside SQLite (busy_timeout 0, ipc/dispatch.ts) and looks again every few milliseconds,
// so it found the lock taken nearly every time: a sign-in failed as "busy" after its ten seconds of trying. Instead,
// a call raises a flag shared with the thread for as long as it runs, and the thread starts no slice while it is up.
// The copy takes its turn after each call, even when the next one has begun (else a busy counter would starve it):
// a call's write meets at most one slice (OFF_THREAD_SLICE_MS), and waits it out inside SQLite (SLICE_WAIT_MS), also
// when it comes after an await (a sign-in writes, asks the hub, writes again: a retried call cannot cover that).
import type { DB } from './connection';

/** The counter's side: the flag its calls raise, one per connection, made when a thread first needs it. */
const raised = new WeakMap<DB, Int32Array>();
/** A thread's side: the flag its copy on this connection heeds. */
const heeded = new WeakMap<DB, Int32Array>();

/**
 * How long a write of the counter's connection waits inside SQLite for the lock (busy_timeout): one slice of a copy,
 * OFF_THREAD_SLICE_MS (20 ms), stretched by a loaded machine. Longer waits step back to the event loop instead
 * (ipc/dispatch.ts): a wait inside SQLite holds up every other call on the thread.
 */
export const SLICE_WAIT_MS = 100;

/** How long a heeding thread sleeps at most before it looks at its messages again (a stop asked meanwhile). */
const HEED_POLL_MS = 50;
/**
 * How long a thread gives way at a stretch. A call that waits on something slow (a hub's answer over a bad line) must
 * not stop the copy for as long; nor may one that, some day, waits for the copy itself.
 */
export const GIVE_WAY_MAX_MS = 5_000;

/** The flag of this connection's calls, to hand to a thread that writes to the same file (shared memory). */
export function callsFlag(db: DB): Int32Array {
  let flag = raised.get(db);
  if (!flag) {
    flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    raised.set(db, flag);
  }
  return flag;
}

/** Runs one call of the counter with its flag raised (a no-op when no thread ever asked for it). */
export async function asCounterCall<T>(db: DB, run: () => T | Promise<T>): Promise<T> {
  const flag = raised.get(db);
  if (!flag) return run();
  Atomics.add(flag, 0, 1);
  try {
    return await run();
  } finally {
    if (Atomics.sub(flag, 0, 1) === 1) Atomics.notify(flag, 0);
  }
}

/** On a thread: this connection's copy gives way to the calls flagged in `flag`. */
export function giveWayTo(db: DB, flag: Int32Array): void {
  heeded.set(db, flag);
}

/**
 * Before a slice of a copy: waits while the counter's calls are running (at once when nothing is heeded), then takes
 * its turn even if another call has begun meanwhile, so a counter busy with call after call cannot starve the copy:
 * the two alternate. That call's first write may meet the slice and is tried again (nothing of it was written yet).
 */
export async function counterCallsDone(db: DB): Promise<void> {
  const flag = heeded.get(db);
  if (!flag) return;
  const end = Date.now() + GIVE_WAY_MAX_MS;
  for (let up = Atomics.load(flag, 0); up > 0 && Date.now() < end; up = Atomics.load(flag, 0)) {
    // 'ok': woken by the last running call as it ended.
    if (Atomics.wait(flag, 0, up, HEED_POLL_MS) === 'ok') return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
