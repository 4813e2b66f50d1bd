// Where this terminal stands with its hub, read from this machine only (a status must answer without the network),
// and `sync now`: checks the hub still knows this terminal, then pushes and pulls until caught up.
import { AppError, words } from '@common/errors';
import type { HelloResponse } from '@common/sync/api';
import { APP_VERSION } from '../services/app-info';
import type { DB } from '../db/connection';
import type { ServiceContext } from '../services/context';
import { callHub } from './hub-client';
import { unsyncedCount } from './replica';
import { bootstrap, bootstrapProgress, type BootstrapProgress } from './bootstrap';
import { pullAll, pushAll, type Exchanged } from './session';
import { linkView, readHubLink, type HubLinkView } from './hub-link';
import { hubRestoreView, type HubRestoreView } from './hub-restore';

export type SyncStatus =
  | { joined: false }
  | (HubLinkView & {
      joined: true;
      /** When this terminal last exchanged changes with the hub; null until that is recorded (not yet). */
      lastSync: string | null;
      /** Changes made here that the hub does not have yet (the outbox). */
      unsynced: number;
      /** An unfinished first copy of the chain (bootstrap.ts): which phase, how far; null when there is none. */
      bootstrap: BootstrapProgress | null;
      /** The last time this terminal found the hub's database gone back to an earlier copy (hub-restore.ts). */
      hubRestore: HubRestoreView | null;
    });

/** `db` is the store of `dbFile`, opened. */
export function syncStatus(dbFile: string, db: DB): SyncStatus {
  const link = readHubLink(dbFile);
  if (!link) return { joined: false };
  return {
    joined: true,
    ...linkView(link),
    lastSync: null,
    unsynced: unsyncedCount(db),
    bootstrap: bootstrapProgress(db),
    hubRestore: hubRestoreView(db),
  };
}

export interface SyncResult extends Exchanged {
  hello: HelloResponse;
  /** This run found the hub's database gone back to an earlier copy and put it right (hub-restore.ts). */
  hubRestore: HubRestoreView | null;
}

export interface SyncProgress {
  /** What this terminal sends: sent so far, left in the outbox. */
  upload?: (sent: number, left: number) => void;
  /** The first copy of the chain, page by page. */
  bootstrap?: (p: BootstrapProgress) => void;
}

/** `ctx` is the store of `dbFile`, opened. Pushes everything, bootstraps if this terminal never pulled, pulls the rest. */
export async function syncNow(
  ctx: ServiceContext,
  dbFile: string,
  opts: { historyDays?: number; progress?: SyncProgress } = {},
): Promise<SyncResult> {
  const link = readHubLink(dbFile);
  if (!link) throw new AppError('NOT_FOUND', words('sync.notJoined'));
  const hello = await callHub(
    link.hubUrl,
    'hello',
    { storeId: link.store.id, appVersion: APP_VERSION },
    { credential: link.credential },
  );
  const before = hubRestoreView(ctx.db)?.detectedAt;
  const { pushed, restamped } = await pushAll(ctx, link, opts.progress?.upload);
  const booted = await bootstrap(ctx, link, { historyDays: opts.historyDays, onProgress: opts.progress?.bootstrap });
  let pulled = booted + (await pullAll(ctx, link));
  let restore = hubRestoreView(ctx.db);
  if (restore?.recovering && restore.detectedAt !== before) {
    // Noticed in this run: what it put back in the outbox goes now, and the hub's verdicts on it come back.
    const again = await pushAll(ctx, link, opts.progress?.upload);
    pulled += await pullAll(ctx, link);
    restore = hubRestoreView(ctx.db);
    return {
      hello,
      pushed: pushed + again.pushed,
      restamped: restamped + again.restamped,
      pulled,
      hubRestore: restore,
    };
  }
  return { hello, pushed, restamped, pulled, hubRestore: restore?.detectedAt === before ? null : restore };
}
