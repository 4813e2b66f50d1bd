import type { DB } from '../db/connection';
import { audit } from './audit';
import { backupNow, DEFAULT_BACKUP_EVERY_HOURS, listBackups, type BackupInfo } from './backup';
import type { ServiceContext } from './context';
import { applyRetention } from './privacy';
import { forgetOldViews } from './profile-views';
import type { Job } from './scheduler';
import { getSetting, setSetting } from './settings';
import { pruneStoreCopies } from './store-copies';
import { retryWal } from './store-scrub';
import { storagePolicy } from './store-settings';

/**
 * Jobs wake up this often and then decide whether they are due, judged by the newest backup file and the last
 * retention run stored in the database, not by a timer: a terminal switched off every evening would otherwise never
 * reach a 24-hour interval.
 */
export const JOB_TICK_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_LAST_RUN = 'retention.lastRunAt';

export interface ScheduleSettings {
  backupDirectory: string;
  backupEveryHours: number;
  backupKeep: number;
  /** null: no retention policy configured, notes are kept. */
  retentionDays: number | null;
}

/** The managed config's schedule with the defaults filled in. */
export function scheduleSettings(
  managed: {
    backupEveryHours?: number | undefined;
    backupKeep?: number | undefined;
    retentionDays?: number | undefined;
  },
  defaults: { backupDirectory: string; backupKeep: number },
): ScheduleSettings {
  return {
    backupDirectory: defaults.backupDirectory,
    backupEveryHours: managed.backupEveryHours ?? DEFAULT_BACKUP_EVERY_HOURS,
    backupKeep: managed.backupKeep ?? defaults.backupKeep,
    retentionDays: managed.retentionDays ?? null,
  };
}

/** The store as the jobs see it: null while it is closed or in recovery, and then the jobs do nothing. */
export type OpenStore = () => { db: DB; ctx: ServiceContext } | null;

export type JobOutcome =
  | { ran: false; why: string }
  | {
      ran: true;
      backup?: BackupInfo;
      redacted?: number;
      viewsDeleted?: number;
      deleted?: string[];
      walPending?: boolean;
    };

type OpenedStore = NonNullable<ReturnType<OpenStore>>;

/** A job on the store's tick that skips its turn while the store is closed or in recovery. */
const storeJob = (
  name: string,
  openStore: OpenStore,
  run: (store: OpenedStore) => JobOutcome | Promise<JobOutcome>,
): Job => ({
  name,
  everyMs: JOB_TICK_MS,
  run: () => {
    const store = openStore();
    return store ? run(store) : ({ ran: false, why: 'the store is not open' } satisfies JobOutcome);
  },
});

export function storeJobs(
  openStore: OpenStore,
  settings: ScheduleSettings,
  opts: { nativeBinding?: string | undefined } = {},
): Job[] {
  const backup = storeJob('backup', openStore, async (store) => {
    const now = store.ctx.now();
    const newest = listBackups(settings.backupDirectory)[0];
    if (newest && now.getTime() - Date.parse(newest.createdAt) < settings.backupEveryHours * 3_600_000)
      return { ran: false, why: 'not due' };
    const made = await backupNow(store.db, settings.backupDirectory, {
      keep: settings.backupKeep,
      now,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    audit(store.ctx, null, 'backup', made.name, { bytes: made.bytes, scheduled: true });
    return { ran: true, backup: made };
  });
  // Copies beside the store file (store-copies.ts) go once they are storeCopyDays old; read per run, so a change in
  // Settings applies at the next tick.
  const storeCopies = storeJob('store-copies', openStore, (store) => {
    const { databasePath, storeCopyDays } = storagePolicy(store.ctx);
    if (!databasePath) return { ran: false, why: 'the store file is not known' };
    const deleted = pruneStoreCopies(databasePath, storeCopyDays, store.ctx.now()).map((c) => c.name);
    if (deleted.length) audit(store.ctx, null, 'erase', 'store-copies', { days: storeCopyDays, deleted });
    return { ran: true, deleted };
  });
  // An erasure whose WAL could not be emptied (another connection was reading) is finished here (store-scrub.ts).
  const wal = storeJob('erasure-wal', openStore, (store) => {
    const pending = retryWal(store.db);
    return pending === null ? { ran: false, why: 'nothing pending' } : { ran: true, walPending: pending };
  });
  const always = [backup, storeCopies, wal];
  if (settings.retentionDays === null) return always;

  const days = settings.retentionDays;
  const retention = storeJob('retention', openStore, (store) => {
    const now = store.ctx.now();
    const last = getSetting(store.ctx, RETENTION_LAST_RUN);
    if (last && now.getTime() - Date.parse(last) < DAY_MS) return { ran: false, why: 'not due' };
    const redacted = applyRetention(store.ctx, days);
    // Who opened which profile is kept for the same period as the notes.
    const viewsDeleted = forgetOldViews(store.ctx, days);
    if (viewsDeleted > 0) audit(store.ctx, null, 'erase', 'retention', { days, profileViewsDeleted: viewsDeleted });
    setSetting(store.ctx, RETENTION_LAST_RUN, now.toISOString());
    return { ran: true, redacted, viewsDeleted };
  });
  return [...always, retention];
}
