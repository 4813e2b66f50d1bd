// Wrong PINs counted across the counters of a store (main/hub/clerks.ts holds the count). Asked at each PIN check of
// a store that joined a hub, for a clerk the hub knows. When the hub cannot be reached, or does not know the clerk
// yet, the counter goes on with its own count alone (accounts.ts), so signing in never depends on the hub.
//
// A hub that took the request but did not answer in time may have counted it: that attempt is refused unchecked
// (checking it could hand out more checks than the store's limit), and the hub is taken as offline for a while, so
// the next attempts go on with this counter's own count instead of each waiting for it again.
import type { PinAttemptResponse } from '@common/sync/clerks';
import type { DB } from '../db/connection';
import { callHub, HubRefused, HubUnreachable } from './hub-client';
import { readHubLink } from './hub-link';

/** How long a PIN check waits for the store's count. */
export const STORE_LOCKOUT_TIMEOUT_MS = 5_000;
/** After a hub failed to answer in time, how long this counter checks PINs against its own count only. */
export const OFFLINE_FOR_MS = 30_000;

/** The store's count could not say in time; the attempt was not checked. */
export class StoreCountSilent extends Error {
  override name = 'StoreCountSilent';
}

const silentUntil = new Map<string, number>();

const globalIdOf = (db: DB, clerkId: number) =>
  db
    .prepare<[number], { global_id: string }>('SELECT global_id FROM sync_clerks WHERE clerk_id = ? AND stand_in = 0')
    .get(clerkId)?.global_id ?? null;

/** One step of a PIN attempt at the store's count; null when only this counter's count applies. */
export async function storeAttempt(
  db: DB,
  clerkId: number,
  step: 'count' | 'wrong' | 'right',
): Promise<PinAttemptResponse | null> {
  let link: ReturnType<typeof readHubLink> | null;
  try {
    link = db.memory ? null : readHubLink(db.name);
  } catch {
    return null; // a damaged link file is the sync's to report; the counter still signs people in
  }
  const clerk = link && globalIdOf(db, clerkId);
  if (!link || !clerk || (silentUntil.get(link.hubUrl) ?? 0) > Date.now()) return null;
  try {
    return await callHub(
      link.hubUrl,
      'pinAttempt',
      { storeId: link.store.id, clerkId: clerk, step },
      { credential: link.credential, timeoutMs: STORE_LOCKOUT_TIMEOUT_MS },
    );
  } catch (err) {
    if (err instanceof HubUnreachable && err.timedOut) {
      silentUntil.set(link.hubUrl, Date.now() + OFFLINE_FOR_MS);
      if (step === 'count')
        throw new StoreCountSilent('The hub did not answer in time, so that PIN was not checked: type it again.');
      return null;
    }
    if (err instanceof HubUnreachable || err instanceof HubRefused) return null;
    throw err;
  }
}
