import type { BackupSummary } from '@common/domain';
import { AppError, words } from '@common/errors';
import { appInfo } from '../services/app-info';
import { audit } from '../services/audit';
import { backupNow, listBackups, type BackupInfo } from '../services/backup';
import { createStore } from '../services/store-setup';
import type { LiveSync } from '../sync/live-sync';
import type { PartialHandlers } from './handlers';

/** What the store's own methods need from the backend that opened it (main/backend.ts). */
export interface StoreDeps {
  /** Loads the demo store into this store; refuses one that holds data. */
  loadDemo: () => void;
  /** The store's file: its hub link is kept beside it (main/sync/hub-link.ts). */
  dbPath: string;
  /** The background sync with the chain's hub ('off' when the store has not joined one). */
  sync: LiveSync;
  /** Where online backups go; without it the backup methods answer that backups are not set up. */
  backupDir: string | undefined;
  backupKeep: number;
  nativeBinding: string | undefined;
  /**
   * Puts a backup in place of the open store. Only the store lifecycle can (it closes and reopens the file); without
   * it the method says so.
   */
  restore?: (name: string, clerkId: number) => null;
}

/** A backup as the backup methods and the recovery screen list it. */
export const summary = (b: BackupInfo): BackupSummary => ({ name: b.name, bytes: b.bytes, createdAt: b.createdAt });

const notInRecovery = (): never => {
  throw new AppError('CONFLICT', words('backups.nothingToRecover'));
};

/** First-run setup, the sync state, backups, and the recovery methods' answers while the store is open. */
export function storeHandlers(deps: StoreDeps): PartialHandlers {
  const backupDir = (): string => {
    if (!deps.backupDir) throw new AppError('CONFLICT', words('backups.noDirectory'));
    return deps.backupDir;
  };
  return {
    'app.setupDemo': (ctx) => {
      deps.loadDemo();
      return appInfo(ctx);
    },
    'app.setupEmpty': async (ctx, { session }, i) => {
      const { clerk } = await createStore(ctx, { store: i.store ?? null, admin: { name: i.clerkName, pin: i.pin } });
      session.clerkId = clerk.id;
      session.lastActivityAt = ctx.now().getTime();
      return clerk;
    },
    'sync.state': (_ctx, _call, i) => deps.sync.state(i.openCustomerId),
    'recovery.status': () => null,
    'recovery.restore': () => notInRecovery(),
    'recovery.startFresh': () => notInRecovery(),
    'backups.list': () => listBackups(backupDir()).map(summary),
    'backups.run': async (ctx, { clerk }) => {
      const native = deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {};
      const b = await backupNow(ctx.db, backupDir(), { keep: deps.backupKeep, now: ctx.now(), ...native });
      audit(ctx, clerk.id, 'backup', b.name, { bytes: b.bytes });
      return summary(b);
    },
    'backups.restore': (_ctx, { clerk }, i) => {
      if (!deps.restore) throw new AppError('CONFLICT', words('backups.restoreNeedsApp'));
      return deps.restore(i.name, clerk.id);
    },
  };
}
