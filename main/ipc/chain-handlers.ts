import { AppError, words } from '@common/errors';
import { audit } from '../services/audit';
import { chainConflicts, chainMerges, undoChainMerge } from '../sync/chain-merges';
import { askHubFor } from '../sync/hub-client';
import { chainLinkOf } from '../sync/hub-link';
import { joinHub } from '../sync/join';
import type { PartialHandlers } from './handlers';
import type { StoreDeps } from './store-handlers';

/**
 * The store's place in a chain, from the back office: which hub it joined, joining one with a code (the same joinHub
 * as `counterpart sync join`, so there is one way to join), and the hub's merges and conflicts that touch this store.
 * The terminal's credential stays in the link file beside the store: nothing here returns it.
 */
export function chainHandlers(deps: Pick<StoreDeps, 'dbPath' | 'sync'>): PartialHandlers {
  // One join at a time: a second one sent while the first waits on the hub would spend its code for nothing.
  let joining = false;
  return {
    'chain.status': () => chainLinkOf(deps.dbPath),
    'chain.join': async (ctx, { clerk }, i) => {
      if (joining) throw new AppError('CONFLICT', words('sync.joiningAlready'));
      joining = true;
      try {
        const link = await askHubFor(() =>
          joinHub({ dbFile: deps.dbPath, db: ctx.db, hubUrl: i.hubUrl, code: i.code }),
        );
        audit(ctx, clerk.id, 'chain_join', link.hubUrl, { store: link.store.name, terminal: link.terminal.name });
        deps.sync.joined();
        return link;
      } finally {
        joining = false;
      }
    },
    'merges.list': () => chainMerges(deps.dbPath),
    // The hub keeps the manager's name with the undo: its own records do not know this store's clerks.
    'merges.undo': (_ctx, { clerk }, i) => undoChainMerge(deps.dbPath, i.mergeId, clerk.displayName),
    'merges.conflicts': () => chainConflicts(deps.dbPath),
  };
}
