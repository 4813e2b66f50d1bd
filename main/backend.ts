import { openDatabase, type DB } from './db/connection';
import { createDispatcher, type Dispatch, type Logger, waitBetweenCalls } from './ipc/dispatch';
import { allHandlers } from './ipc/handlers';
import type { StoreDeps } from './ipc/store-handlers';
import { hasNoClerks as isEmpty } from './services/clerks';
import { createContext, type ServiceContext, type StoreConfig } from './services/context';
import { seedDemoStore } from './services/demo/seed-store';
import { AppError, words } from '@common/errors';
import { setSetting } from './services/settings';
import type { ManagedConfig } from './config/managed-config';
import { initStoreSettings } from './services/store-settings';
import { compactIfPending } from './services/store-scrub';
import { startLiveSync, SYNC_OFF, type LiveSync } from './sync/live-sync';

export interface BackendOptions {
  dbPath: string;
  config?: Partial<StoreConfig>;
  /** The config file IT deployed: its keys override `config` and stored settings, and are read-only in the app. */
  managed?: ManagedConfig | null;
  /** Load the demo store into an empty database right away (the browser preview and tests do). */
  demo?: boolean;
  demoCustomers?: number;
  now?: () => Date;
  nativeBinding?: string;
  log?: Logger;
  /** Events worth a line in the log that are not failures (the store compacted after an erasure). */
  note?: (message: string) => void;
  /** Where online backups go; without it the backup methods answer that backups are not set up. */
  backupDir?: string;
  backupKeep?: number;
  /** Restores a backup over this store (the store lifecycle supplies it: it must close and reopen the file). */
  restore?: StoreDeps['restore'];
  /**
   * Create the store if nothing is at dbPath (default true here: the store lifecycle decides before it calls, and
   * the preview's demo start and the tests start on new files). Never overwrites or fills an existing file.
   */
  create?: boolean;
  /** Told when a statement meets a damaged page (the store lifecycle then stops all writes). */
  onDamaged?: (err: unknown) => void;
  /** How long a call keeps trying while another process holds the write lock (default BUSY_WAIT_MS). */
  busyWaitMs?: number;
  /** Keep the store in step with its hub while open, when it has joined one (default true). */
  sync?: boolean;
  /** How soon the managed config's hub is asked again when it could not be reached (default JOIN_RETRY_MS). */
  joinRetryMs?: number;
}

export interface Backend {
  db: DB;
  ctx: ServiceContext;
  dispatch: Dispatch;
  /** The background sync with the chain's hub ('off' when the store has not joined one). */
  sync: LiveSync;
  close(): void;
}

export const DEMO_CUSTOMERS = 3000;
export const DEFAULT_BACKUP_KEEP = 14;

const native = (opts: { nativeBinding?: string | undefined }) =>
  opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
export const DEMO_SEED = 20261123;

/** Composition root shared by Electron and the preview server: one database, one context, one dispatcher. */
export function startBackend(opts: BackendOptions): Backend {
  const db = openDatabase(opts.dbPath, { create: opts.create ?? true, ...native(opts) });
  const ctx = createContext(db, opts.config, opts.now);
  initStoreSettings(ctx, {
    managed: opts.managed ?? null,
    databasePath: opts.dbPath,
    backupDirectory: opts.backupDir ?? null,
    backupKeep: opts.backupKeep ?? DEFAULT_BACKUP_KEEP,
  });
  const log: Logger = opts.log ?? ((msg, err) => console.error(msg, err));
  // An erasure leaves the file to be compacted when the app closes; if it did not close cleanly, that happens now.
  // A compaction that fails (a full disk: VACUUM needs room for a second copy) is logged and stays pending; it must
  // not keep the store from opening or closing.
  const compact = (when: string) => {
    try {
      const ms = compactIfPending(db);
      if (ms !== null) opts.note?.(`store compacted ${when} after an erasure in ${(ms / 1000).toFixed(1)} s`);
    } catch (err) {
      log(`store compaction ${when} failed; it is tried again at the next start or close`, err);
    }
  };
  compact('at start');
  const loadDemo = () => {
    if (!isEmpty(ctx)) throw new AppError('CONFLICT', words('storeSetup.demoNeedsEmpty'));
    seedDemoStore(ctx, { customers: opts.demoCustomers ?? DEMO_CUSTOMERS, seed: DEMO_SEED });
    setSetting(ctx, 'demo', '1');
  };
  if (opts.demo && isEmpty(ctx)) loadDemo();
  // Started after the demo load and the compaction, so the first push sees the store as it will stay.
  // A store not yet in a chain joins the one the managed config names, beside the counter, never holding it up.
  const sync =
    opts.sync === false
      ? SYNC_OFF
      : startLiveSync(ctx, opts.dbPath, log, {
          hub: opts.managed?.hub,
          note: opts.note ?? ((m) => console.info(m)),
          retryMs: opts.joinRetryMs,
        });
  const handlers = allHandlers(
    {
      loadDemo,
      dbPath: opts.dbPath,
      sync,
      backupDir: opts.backupDir,
      backupKeep: opts.backupKeep ?? DEFAULT_BACKUP_KEEP,
      nativeBinding: opts.nativeBinding,
      ...(opts.restore ? { restore: opts.restore } : {}),
    },
    log,
  );
  // From here on, a call that meets another writer's lock for long steps back to the event loop instead of blocking it.
  waitBetweenCalls(db);
  const dispatch = createDispatcher(handlers, ctx, log, {
    ...(opts.onDamaged ? { onDamaged: opts.onDamaged } : {}),
    ...(opts.busyWaitMs !== undefined ? { busyWaitMs: opts.busyWaitMs } : {}),
  });
  return {
    db,
    ctx,
    dispatch,
    sync,
    close: () => {
      void sync.stop(); // its loops find the store closed and end; a push the hub took is skipped when sent again
      compact('on close');
      db.close();
    },
  };
}
