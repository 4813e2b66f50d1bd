import type { DB } from '../db/connection';
import { audit } from './audit';
import { backupNow, listBackups, type BackupInfo } from './backup';
import type { ServiceContext } from './context';
import { applyRetention } from './privacy';
import { forgetOldViews } from './profile-views';
import type { Job } from './scheduler';
import { getSetting, setSetting } from './settings';

export const DEFAULT_BACKUP_EVERY_HOURS = 24;
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
  managed: { backupEveryHours?: number | undefined; backupKeep?: number | undefined; retentionDays?: number | undefined },
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

export type JobOutcome = { ran: false; why: string } | { ran: true; backup?: BackupInfo; redacted?: number; viewsDeleted?: number };

export function storeJobs(openStore: OpenStore, settings: ScheduleSettings, opts: { nativeBinding?: string | undefined } = {}): Job[] {
  const backup: Job = {
    name: 'backup',
    everyMs: JOB_TICK_MS,
    run: async (): Promise<JobOutcome> => {
      const store = openStore();
      if (!store) return { ran: false, why: 'the store is not open' };
      const now = store.ctx.now();
      const newest = listBackups(settings.backupDirectory)[0];
      if (newest && now.getTime() - Date.parse(newest.createdAt) < settings.backupEveryHours * 3_600_000) return { ran: false, why: 'not due' };
      const made = await backupNow(store.db, settings.backupDirectory, {
        keep: settings.backupKeep,
        now,
        ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      });
      audit(store.ctx, null, 'backup', made.name, { bytes: made.bytes, scheduled: true });
      return { ran: true, backup: made };
    },
  };
  if (settings.retentionDays === null) return [backup];

  const days = settings.retentionDays;
  const retention: Job = {
    name: 'retention',
    everyMs: JOB_TICK_MS,
    run: (): JobOutcome => {
      const store = openStore();
      if (!store) return { ran: false, why: 'the store is not open' };
      const now = store.ctx.now();
      const last = getSetting(store.ctx, RETENTION_LAST_RUN);
      if (last && now.getTime() - Date.parse(last) < DAY_MS) return { ran: false, why: 'not due' };
      const redacted = applyRetention(store.ctx, days);
      // Who opened which profile is kept for the same period as the notes.
      const viewsDeleted = forgetOldViews(store.ctx, days);
      if (viewsDeleted > 0) audit(store.ctx, null, 'erase', 'retention', { days, profileViewsDeleted: viewsDeleted });
      setSetting(store.ctx, RETENTION_LAST_RUN, now.toISOString());
      return { ran: true, redacted, viewsDeleted };
    },
  };
  return [backup, retention];
}
