// Copies of the store beside it (before a restore, a store that would not open, before an upgrade), their retention,
// and what an erasure says about them and about the backups: which still hold the person, and until when.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SettingView } from '@common/settings';
import { startBackend, type Backend } from '../../main/backend';
import { openDatabase } from '../../main/db/connection';
import { migrate, SCHEMA_VERSION } from '../../main/db/migrate';
import { newSession } from '../../main/ipc/session';
import { listAudit } from '../../main/services/audit';
import { backupNow, restoreBackup } from '../../main/services/backup';
import { createCustomer } from '../../main/services/customers';
import { eraseCustomer } from '../../main/services/privacy';
import { scheduleSettings, storeJobs, JOB_TICK_MS, type JobOutcome } from '../../main/services/scheduled-jobs';
import { listStoreCopies, pruneStoreCopies } from '../../main/services/store-copies';
import { openStore } from '../../main/store-lifecycle';
import { tempDir } from '../helpers/temp-store';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const run = async (job: { run(): unknown }) => (await job.run()) as JobOutcome;

/** A store file one schema behind this version, so opening it upgrades it (and keeps a copy first). */
function storeOneVersionBehind(dbPath: string): void {
  const old = new Database(dbPath);
  migrate(old, dbPath, { backup: false, target: SCHEMA_VERSION - 1 });
  old.close();
}

describe('copies of the store beside it', () => {
  it('are listed with their age read from the name, companions included, and pruned by it; other files stay', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'store.db');
    storeOneVersionBehind(dbPath);
    const t0 = Date.now();
    const db = openDatabase(dbPath); // the upgrade keeps a copy
    const backup = await backupNow(db, path.join(dir, 'backups'), { keep: 3 });
    db.close();
    const restoredAt = new Date(t0 + 5000);
    const { previous } = restoreBackup(dbPath, backup.file, { now: restoredAt });
    // The replaced store's write-ahead log travels with it when one was left (after a crash, say).
    for (const suffix of ['-wal', '-shm']) fs.writeFileSync(previous! + suffix, 'x');
    // A store that will not open, set aside to start afresh.
    const bytes = fs.readFileSync(dbPath);
    bytes.fill(0x41, 4096);
    fs.writeFileSync(dbPath, bytes);
    const lifecycle = openStore({ dbPath, log: () => {} });
    expect(await lifecycle.dispatch('recovery.startFresh', {}, newSession())).toEqual({ ok: true, value: null });
    lifecycle.close();
    const foreign = [
      'store.db.notes',
      'other.db.before-restore-20261123T100000000Z',
      'store.db.before-restore-later',
      'store.db.pre-v3.bak',
    ];
    for (const f of foreign) fs.writeFileSync(path.join(dir, f), 'keep me');

    const copies = listStoreCopies(dbPath);
    expect(copies.map((c) => c.kind).sort()).toEqual(['before-restore', 'pre-migration', 'unusable']);
    const byKind = Object.fromEntries(copies.map((c) => [c.kind, c]));
    expect(byKind['before-restore']).toMatchObject({
      name: path.basename(previous!),
      createdAt: restoredAt.toISOString(),
    });
    expect(byKind['before-restore']!.files.map((f) => path.basename(f)).sort()).toEqual([
      path.basename(previous!),
      `${path.basename(previous!)}-shm`,
      `${path.basename(previous!)}-wal`,
    ]);
    for (const kind of ['pre-migration', 'unusable']) {
      const at = Date.parse(byKind[kind]!.createdAt);
      expect(at, kind).toBeGreaterThanOrEqual(t0 - 1000);
      expect(at, kind).toBeLessThanOrEqual(Date.now());
    }
    expect(copies.every((c) => c.bytes > 0)).toBe(true);

    const newest = Math.max(...copies.map((c) => Date.parse(c.createdAt)));
    expect(pruneStoreCopies(dbPath, 30, new Date(t0 - 1000 + 30 * DAY))).toEqual([]);
    expect(
      pruneStoreCopies(dbPath, 30, new Date(newest + 30 * DAY))
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['before-restore', 'pre-migration', 'unusable']);
    for (const copy of copies) for (const f of copy.files) expect(fs.existsSync(f), f).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(['store.db', 'backups', ...foreign]));
    expect(listStoreCopies(dbPath)).toEqual([]);
  });

  it('go once they are storeCopyDays old, as an admin set it in Settings; the scheduled job audits what it deleted', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'store.db');
    storeOneVersionBehind(dbPath);
    let clock = new Date();
    const b = startBackend({ dbPath, now: () => clock, log: () => {} });
    const [copy] = listStoreCopies(dbPath);
    expect(copy?.kind).toBe('pre-migration');
    const admin = newSession();
    const manager = newSession();
    await b.dispatch('app.setupEmpty', { clerkName: 'Ada Admin', pin: '5555' }, admin);
    await b.dispatch('clerks.create', { displayName: 'Mo Manager', role: 'manager', pin: '6666' }, admin);
    await b.dispatch('session.signIn', { clerkId: 2, pin: '6666' }, manager);

    const view = async () =>
      ((await b.dispatch('settings.get', {}, admin)) as { value: SettingView[] }).value.find(
        (v) => v.key === 'storeCopyDays',
      )!;
    expect(await view()).toMatchObject({
      value: 30,
      source: 'default',
      editable: true,
      editRole: 'admin',
      group: 'backups',
      unit: 'days',
    });
    expect(await b.dispatch('settings.set', { values: { storeCopyDays: 10 } }, manager)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await b.dispatch('settings.set', { values: { storeCopyDays: 0 } }, admin)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('from 1 to 3,650 days') },
    });
    expect(await b.dispatch('settings.set', { values: { storeCopyDays: 10 } }, admin)).toMatchObject({ ok: true });
    expect(await view()).toMatchObject({ value: 10, source: 'store' });

    const job = storeJobs(() => ({ db: b.db, ctx: b.ctx }), {
      backupDirectory: path.join(dir, 'backups'),
      backupEveryHours: 24,
      backupKeep: 3,
      retentionDays: null,
    }).find((j) => j.name === 'store-copies')!;
    expect(job.everyMs).toBe(JOB_TICK_MS);
    clock = new Date(Date.parse(copy!.createdAt) + 10 * DAY - 60_000);
    expect(await run(job)).toEqual({ ran: true, deleted: [] });
    clock = new Date(Date.parse(copy!.createdAt) + 10 * DAY);
    expect(await run(job)).toEqual({ ran: true, deleted: [copy!.name] });
    expect(fs.existsSync(copy!.files[0]!)).toBe(false);
    expect(listAudit(b.ctx, { limit: 5 }).find((e) => e.subject === 'store-copies')).toMatchObject({
      event: 'erase',
      clerkId: null,
      details: { days: 10, deleted: [copy!.name] },
    });
    b.close();
  });
});

describe('an erasure names the backups and copies still holding the person', () => {
  it('lists those made since the person was created, and each goes at the time it says', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'store.db');
    const backupDir = path.join(dir, 'backups');
    const t0 = Date.parse('2026-11-23T08:00:00.000Z');
    let clock = new Date(t0);
    const managed = { backupEveryHours: 6, backupKeep: 4 };
    const open = () =>
      startBackend({ dbPath, backupDir, backupKeep: managed.backupKeep, managed, now: () => clock, log: () => {} });
    let b: Backend = open();
    const jobs = () =>
      storeJobs(
        () => ({ db: b.db, ctx: b.ctx }),
        scheduleSettings(managed, { backupDirectory: backupDir, backupKeep: managed.backupKeep }),
      );
    const at = async (hours: number, job: 'backup' | 'store-copies') => {
      clock = new Date(t0 + hours * HOUR);
      return run(jobs().find((j) => j.name === job)!);
    };

    const before = (await at(0, 'backup')) as { backup: { name: string } }; // before the customer existed
    clock = new Date(t0 + HOUR);
    const person = createCustomer(b.ctx, { firstName: 'Nuala', lastName: 'Ó Faoláin', phone: '087 111 2222' }).id;
    await at(6, 'backup');
    const restoredFrom = (await at(12, 'backup')) as { backup: { file: string } };
    b.close();
    restoreBackup(dbPath, restoredFrom.backup.file, { now: new Date(t0 + 13 * HOUR) }); // the replaced file is kept beside
    b = open();
    expect((await at(14, 'backup')).ran).toBe(false); // not due: the newest is 2 hours old
    await at(18, 'backup');

    clock = new Date(t0 + 20 * HOUR);
    const r = eraseCustomer(b.ctx, null, person, 'customer request');
    expect(r.stillHeldBy.map((h) => [h.kind, h.createdAt])).toEqual([
      ['backup', new Date(t0 + 6 * HOUR).toISOString()],
      ['backup', new Date(t0 + 12 * HOUR).toISOString()],
      ['before-restore', new Date(t0 + 13 * HOUR).toISOString()],
      ['backup', new Date(t0 + 18 * HOUR).toISOString()],
    ]);
    expect(r.stillHeldBy.map((h) => h.name)).not.toContain(before.backup.name);
    const backups = r.stillHeldBy.filter((h) => h.kind === 'backup');
    const copy = r.stillHeldBy.find((h) => h.kind === 'before-restore')!;
    expect(copy.deletedBy).toBe(new Date(t0 + 13 * HOUR + 30 * DAY).toISOString());

    // The app runs on: the backup job every tick. Each backup is there until its time and gone from then on.
    for (let t = t0 + 20 * HOUR; t <= t0 + 48 * HOUR; t += JOB_TICK_MS) {
      clock = new Date(t);
      await run(jobs().find((j) => j.name === 'backup')!);
      for (const h of backups)
        expect(fs.existsSync(path.join(backupDir, h.name)), `${h.name} at ${clock.toISOString()}`).toBe(
          t < Date.parse(h.deletedBy),
        );
    }
    expect(backups.map((h) => h.deletedBy)).toEqual([30, 36, 42].map((h) => new Date(t0 + h * HOUR).toISOString()));
    const copyGoes = Date.parse(copy.deletedBy);
    expect(await at((copyGoes - t0 - JOB_TICK_MS) / HOUR, 'store-copies')).toEqual({ ran: true, deleted: [] });
    expect(await at((copyGoes - t0) / HOUR, 'store-copies')).toEqual({ ran: true, deleted: [copy.name] });
    b.close();
  });
});
