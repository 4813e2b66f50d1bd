import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSession } from '../../main/ipc/session';
import { openStore } from '../../main/store-lifecycle';
import { startStoreProcess } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';

type Ok<T> = { ok: true; value: T };

async function setUpStoreWithBackup() {
  const dir = tempDir();
  const dbPath = path.join(dir, 'store.db');
  const backupDir = path.join(dir, 'backups');
  const store = openStore({ dbPath, backupDir, log: () => {} });
  const admin = newSession();
  await store.dispatch('app.setupEmpty', { clerkName: 'Ada', pin: '9999' }, admin);
  await store.dispatch('customers.create', { firstName: 'Before', lastName: 'Backup' }, admin);
  const backup = (await store.dispatch('backups.run', {}, admin)) as Ok<{ name: string }>;
  expect(backup.ok).toBe(true);
  await store.dispatch('customers.create', { firstName: 'After', lastName: 'Backup' }, admin);
  return { dir, dbPath, backupDir, store, admin, backupName: backup.value.name };
}

function corrupt(file: string) {
  const bytes = fs.readFileSync(file);
  bytes.fill(0x41, 4096, bytes.length);
  fs.writeFileSync(file, bytes);
}

describe('store lifecycle', () => {
  it('opens a healthy store normally', async () => {
    const { store, admin } = await setUpStoreWithBackup();
    expect(await store.dispatch('recovery.status', {}, admin)).toEqual({ ok: true, value: null });
    expect(await store.dispatch('recovery.startFresh', {}, admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const list = (await store.dispatch('backups.list', {}, admin)) as Ok<unknown[]>;
    expect(list.value).toHaveLength(1);
    store.close();
  });

  it('offers the backups instead of crashing when the file is corrupt, and restores one', async () => {
    const s = await setUpStoreWithBackup();
    s.store.close();
    corrupt(s.dbPath);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(s.dbPath + suffix, { force: true });
    const reopened = openStore({ dbPath: s.dbPath, backupDir: s.backupDir, log: () => {} });
    const session = newSession();
    const status = (await reopened.dispatch('recovery.status', {}, session)) as Ok<{
      kind: string;
      backups: { name: string }[];
    }>;
    expect(status.value.kind).toMatch(/corrupt|unreadable/);
    expect(status.value.backups.map((b) => b.name)).toEqual([s.backupName]);
    expect(await reopened.dispatch('customers.search', { query: 'x' }, session)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('restore a backup') },
    });
    expect(await reopened.dispatch('recovery.restore', { name: s.backupName }, session)).toEqual({
      ok: true,
      value: null,
    });
    expect(await reopened.dispatch('recovery.status', {}, session)).toEqual({ ok: true, value: null });
    await reopened.dispatch('session.signIn', { clerkId: 1, pin: '9999' }, session);
    const found = (await reopened.dispatch('customers.search', { query: 'backup' }, session)) as Ok<
      { displayName: string }[]
    >;
    expect(found.value.map((h) => h.displayName)).toEqual(['Before Backup']);
    // the corrupt file was kept beside the restored one, not deleted
    expect(fs.readdirSync(s.dir).some((f) => f.startsWith('store.db.before-restore-'))).toBe(true);
    reopened.close();
  });

  it('does not silently start empty when the file vanished but backups exist', async () => {
    const s = await setUpStoreWithBackup();
    s.store.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(s.dbPath + suffix, { force: true });
    const reopened = openStore({ dbPath: s.dbPath, backupDir: s.backupDir, log: () => {} });
    expect(reopened.problem()?.kind).toBe('missing');
    expect(fs.existsSync(s.dbPath)).toBe(false);
    expect(await reopened.dispatch('recovery.startFresh', {}, newSession())).toEqual({ ok: true, value: null });
    expect(await reopened.dispatch('app.info', {}, newSession())).toMatchObject({
      ok: true,
      value: { needsSetup: true },
    });
    reopened.close();
  });

  it('keeps an unusable file aside when starting fresh', async () => {
    const s = await setUpStoreWithBackup();
    s.store.close();
    corrupt(s.dbPath);
    const reopened = openStore({ dbPath: s.dbPath, backupDir: s.backupDir, log: () => {} });
    await reopened.dispatch('recovery.startFresh', {}, newSession());
    expect(fs.readdirSync(s.dir).filter((f) => /^store\.db\.unusable-\d+T\d+Z$/.test(f))).toHaveLength(1);
    reopened.close();
  });

  it('lets an admin restore a backup while running, and audits it', async () => {
    const s = await setUpStoreWithBackup();
    expect(await s.store.dispatch('backups.restore', { name: s.backupName }, s.admin)).toEqual({
      ok: true,
      value: null,
    });
    const found = (await s.store.dispatch('customers.search', { query: 'after' }, s.admin)) as Ok<unknown[]>;
    expect(found.value).toEqual([]);
    const events = s.store
      .current()!
      .db.prepare("SELECT event FROM audit_log WHERE event IN ('backup','restore')")
      .all();
    // the backup's own audit entry was written after the copy was taken, so the restored store has only the restore
    expect(events).toEqual([{ event: 'restore' }]);
    expect(await s.store.dispatch('backups.restore', { name: '../../etc/passwd' }, s.admin)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    s.store.close();
  });

  it("refuses the app's restore while another process has the store open, and keeps serving the open store", async () => {
    const s = await setUpStoreWithBackup();
    const other = startStoreProcess('hold-write-lock', s.dbPath);
    expect(await other.line()).toBe('locked');
    expect(await s.store.dispatch('backups.restore', { name: s.backupName }, s.admin)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `The store ${s.dbPath} is open in Counterpart or in another command on this computer; close it there, then restore again. Nothing was changed.`,
        reason: 'storeFile.inUse',
      },
    });
    await other.end();
    const found = (await s.store.dispatch('customers.search', { query: 'after' }, s.admin)) as Ok<unknown[]>;
    expect(found.value).toHaveLength(1);
    expect(fs.readdirSync(s.dir).filter((f) => f.includes('before-restore'))).toEqual([]);
    s.store.close();
  });
});
