// The hub's merges at a terminal's back office: the list of the same person created at two stores that touch this
// store, and a manager's undo of one. Asked of the hub when the manager opens the list: merges live on the hub (the
// terminal holds only the links it pulled), and undoing one is the hub's act, which the feed then brings to every
// terminal. The hub's refusals and absence become the contract's typed errors, in its own words.
import { AppError, ERROR_CODES, type ErrorCode } from '../../common/errors';
import type { MergeView } from '../../common/sync/merges';
import type { HubErrorCode } from '../../common/sync/protocol';
import { callHub, HubRefused, HubUnreachable } from './hub-client';
import { readHubLink, type HubLink } from './hub-link';

function linkOf(dbFile: string): HubLink {
  const link = readHubLink(dbFile);
  if (!link)
    throw new AppError(
      'NOT_FOUND',
      'This store has not joined a chain, so it has no merges: the hub links the same person created at two stores.',
    );
  return link;
}

/** The hub's codes the contract has pass as they are; a refused credential is a refusal; the rest wait on the hub. */
function codeOf(code: HubErrorCode): ErrorCode {
  if ((ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  return code === 'UNAUTHENTICATED' ? 'FORBIDDEN' : 'CONFLICT';
}

async function askHub<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    // Unreachable: the counter works on; only this list waits for the hub.
    if (err instanceof HubUnreachable) throw new AppError('CONFLICT', `${err.message} The merges are kept on the hub.`);
    if (err instanceof HubRefused) throw new AppError(codeOf(err.code), err.message);
    throw err;
  }
}

/** The merges touching this store, newest first. */
export async function chainMerges(dbFile: string): Promise<MergeView[]> {
  const link = linkOf(dbFile);
  return askHub(
    async () =>
      (await callHub(link.hubUrl, 'merges', { storeId: link.store.id }, { credential: link.credential })).merges,
  );
}

/** Undoes a merge as `actor` (the manager signed in here); the hub records who and where. */
export async function undoChainMerge(dbFile: string, mergeId: string, actor: string): Promise<MergeView> {
  const link = linkOf(dbFile);
  return askHub(() =>
    callHub(link.hubUrl, 'unmerge', { storeId: link.store.id, mergeId, actor }, { credential: link.credential }),
  );
}
