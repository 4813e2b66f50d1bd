import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../main/services/audit';
import { DEFAULT_BACKUP_EVERY_HOURS, listBackups, verifyDatabaseFile } from '../../main/services/backup';
import { logInteraction } from '../../main/services/interactions';
import { JOB_TICK_MS, scheduleSettings, storeJobs, type JobOutcome } from '../../main/services/scheduled-jobs';
import { startScheduler } from '../../main/services/scheduler';
import { getSetting } from '../../main/services/settings';
import { tempDir, tempStore } from '../helpers/temp-store';

const run = async (job: { run(): unknown }) => (await job.run()) as JobOutcome;

describe('scheduleSettings', () => {
  it('fills in the defaults and takes what the managed config sets', () => {
    expect(scheduleSettings({}, { backupDirectory: '/data/backups', backupKeep: 14 })).toEqual({
      backupDirectory: '/data/backups',
      backupEveryHours: DEFAULT_BACKUP_EVERY_HOURS,
      backupKeep: 14,
      retentionDays: null,
    });
    expect(
      scheduleSettings(
        { backupEveryHours: 4, backupKeep: 30, retentionDays: 730 },
        { backupDirectory: '/b', backupKeep: 14 },
      ),
    ).toEqual({
      backupDirectory: '/b',
      backupEveryHours: 4,
      backupKeep: 30,
      retentionDays: 730,
    });
  });
});

describe('scheduled backups', () => {
  it('back up when due by the newest backup file, keep backupKeep of them, and audit each one', async () => {
    const s = tempStore('2026-11-23T08:00:00.000Z');
    const dir = path.join(tempDir(), 'backups');
    const [backup] = storeJobs(() => ({ db: s.db, ctx: s.ctx }), {
      backupDirectory: dir,
      backupEveryHours: 4,
      backupKeep: 2,
      retentionDays: null,
    });
    expect(backup!.everyMs).toBe(JOB_TICK_MS);

    const first = await run(backup!);
    expect(first.ran).toBe(true);
    expect(listBackups(dir)).toHaveLength(1);
    expect(verifyDatabaseFile(listBackups(dir)[0]!.file).ok).toBe(true);

    s.setNow('2026-11-23T11:59:00.000Z');
    expect(await run(backup!)).toEqual({ ran: false, why: 'not due' });
    for (const at of ['2026-11-23T12:00:00.000Z', '2026-11-23T16:00:00.000Z', '2026-11-24T09:00:00.000Z']) {
      s.setNow(at);
      expect((await run(backup!)).ran, at).toBe(true);
    }
    expect(listBackups(dir).map((b) => b.createdAt)).toEqual(['2026-11-24T09:00:00.000Z', '2026-11-23T16:00:00.000Z']);
    const audited = listAudit(s.ctx, { limit: 10 }).filter((e) => e.event === 'backup');
    expect(audited).toHaveLength(4);
    expect(audited[0]).toMatchObject({
      clerkId: null,
      subject: listBackups(dir)[0]!.name,
      details: { scheduled: true },
    });
  });

  it('skip their turn while the store is closed, and a failure is logged without stopping the scheduler', async () => {
    const s = tempStore();
    const dir = path.join(tempDir(), 'backups');
    let open = false;
    const jobs = storeJobs(() => (open ? { db: s.db, ctx: s.ctx } : null), {
      backupDirectory: dir,
      backupEveryHours: 24,
      backupKeep: 3,
      retentionDays: null,
    });
    expect(await run(jobs[0]!)).toEqual({ ran: false, why: 'the store is not open' });
    expect(fs.existsSync(dir)).toBe(false);

    const logged: string[] = [];
    const scheduler = startScheduler(jobs, (msg) => logged.push(msg));
    try {
      open = true;
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      fs.writeFileSync(dir, 'a file where the backup folder should be');
      await scheduler.runNow('backup');
      expect(logged).toEqual(['scheduled job backup failed']);
      fs.rmSync(dir);
      await scheduler.runNow('backup');
      expect(listBackups(dir)).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
  });
});

describe('scheduled retention', () => {
  it('is not scheduled without retentionDays', () => {
    const s = tempStore();
    const jobs = storeJobs(() => ({ db: s.db, ctx: s.ctx }), {
      backupDirectory: tempDir(),
      backupEveryHours: 24,
      backupKeep: 3,
      retentionDays: null,
    });
    expect(jobs.map((j) => j.name)).toEqual(['backup', 'store-copies', 'erasure-wal']);
  });

  it('runs at most once a day and blanks notes older than retentionDays', async () => {
    const s = tempStore('2024-01-10T10:00:00.000Z');
    const old = logInteraction(s.ctx, s.clerkId, {
      customerId: null,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'asked about opening hours',
    });
    s.setNow('2026-11-23T10:00:00.000Z');
    const recent = logInteraction(s.ctx, s.clerkId, {
      customerId: null,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'asked about the sale',
    });
    const jobs = storeJobs(() => ({ db: s.db, ctx: s.ctx }), {
      backupDirectory: tempDir(),
      backupEveryHours: 24,
      backupKeep: 3,
      retentionDays: 365,
    });
    const retention = jobs.find((j) => j.name === 'retention')!;

    expect(await run(retention)).toEqual({ ran: true, redacted: 1, viewsDeleted: 0 });
    const notes = (id: number) =>
      s.db.prepare<[number], { notes: string }>('SELECT notes FROM interactions WHERE id = ?').get(id)!.notes;
    expect(notes(old.id)).toBe('');
    expect(notes(recent.id)).toBe('asked about the sale');
    expect(getSetting(s.ctx, 'retention.lastRunAt')).toBe('2026-11-23T10:00:00.000Z');

    s.setNow('2026-11-24T09:59:00.000Z');
    expect(await run(retention)).toEqual({ ran: false, why: 'not due' });
    s.setNow('2026-11-24T10:00:00.000Z');
    expect(await run(retention)).toEqual({ ran: true, redacted: 0, viewsDeleted: 0 });
  });
});
