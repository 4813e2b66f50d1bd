// How many wrong PINs an account takes before it locks, and for how long: one rule for the terminal (its own count,
// which works offline) and the hub (the store's count across its counters), so both lock at the same point.

export const MAX_PIN_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** Each lockout in a row doubles the wait: 1, 2, 4 … minutes, at most an hour. */
export const lockDuration = (lockouts: number) => Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, lockouts - 1), MAX_LOCK_MS);
