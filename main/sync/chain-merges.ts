// The hub's merges at a terminal's back office: the list of the same person created at two stores that touch this
// store, and a manager's undo of one. Asked of the hub when the manager opens the list: merges live on the hub (the
// terminal holds only the links it pulled), and undoing one is the hub's act, which the feed then brings to every
// terminal. The hub's refusals and absence become the contract's typed errors, in its own words.
import { AppError, words } from '@common/errors';
import type { ConflictView, MergeView } from '@common/sync/merges';
import { askHubFor, callHub } from './hub-client';
import { readHubLink, type HubLink } from './hub-link';

function linkOf(dbFile: string): HubLink {
  const link = readHubLink(dbFile);
  if (!link) throw new AppError('NOT_FOUND', words('sync.noMerges'));
  return link;
}

/** Asked of the hub; when it cannot be reached, the counter works on and only this list waits. */
const askHub = <T>(ask: () => Promise<T>) => askHubFor(ask, 'sync.mergesAway');

/** The merges touching this store, newest first. */
export async function chainMerges(dbFile: string): Promise<MergeView[]> {
  const link = linkOf(dbFile);
  return askHub(
    async () =>
      (await callHub(link.hubUrl, 'merges', { storeId: link.store.id }, { credential: link.credential })).merges,
  );
}

/** The pairs sharing an identifier the hub did not link (the names differ) that touch this store, newest first. */
export async function chainConflicts(dbFile: string): Promise<ConflictView[]> {
  const link = linkOf(dbFile);
  return askHub(
    async () =>
      (await callHub(link.hubUrl, 'conflicts', { storeId: link.store.id }, { credential: link.credential })).conflicts,
  );
}

/** Undoes a merge as `actor` (the manager signed in here); the hub records who and where. */
export async function undoChainMerge(dbFile: string, mergeId: string, actor: string): Promise<MergeView> {
  const link = linkOf(dbFile);
  return askHub(() =>
    callHub(link.hubUrl, 'unmerge', { storeId: link.store.id, mergeId, actor }, { credential: link.credential }),
  );
}
