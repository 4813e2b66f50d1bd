import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { addClerk } from '../../main/services/clerks';
import { backupNow, listBackups, restoreBackup, verifyDatabaseFile } from '../../main/services/backup';
import { createCustomer } from '../../main/services/customers';
import { logInteraction } from '../../main/services/interactions';
import { tempDir } from '../helpers/temp-store';

function liveStore() {
  const dir = tempDir();
  const file = path.join(dir, 'store.db');
  const db = openDatabase(file, { create: true });
  const ctx = createContext(db);
  const clerk = addClerk(ctx, 'Ann').id;
  for (let i = 0; i < 2000; i++) createCustomer(ctx, { firstName: `Customer${i}`, lastName: 'Test', notes: 'x'.repeat(200) });
  return { dir, file, db, ctx, clerk };
}

describe('backups', () => {
  it('round-trips while the counter keeps writing', async () => {
    const s = liveStore();
    const backups = path.join(s.dir, 'backups');
    let writes = 0;
    const writer = setInterval(() => {
      logInteraction(s.ctx, s.clerk, { customerId: null, kind: 'inquiry', outcome: 'resolved', notes: `during backup ${writes++}` });
    }, 1);
    const b = await backupNow(s.db, backups, { keep: 3, now: new Date('2026-11-23T10:00:00.000Z') });
    clearInterval(writer);
    logInteraction(s.ctx, s.clerk, { customerId: null, kind: 'inquiry', outcome: 'resolved', notes: 'after backup' });
    expect(b.name).toBe('counterpart-20261123T100000000Z.db');
    expect(verifyDatabaseFile(b.file, undefined, true)).toEqual({ ok: true, message: 'ok' });
    const total = s.db.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number };
    s.db.close();

    const { previous } = restoreBackup(s.file, b.file, { now: new Date('2026-11-23T11:00:00.000Z') });
    expect(previous && fs.existsSync(previous)).toBeTruthy();
    const restored = openDatabase(s.file);
    expect(restored.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2000 });
    const n = (restored.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number }).n;
    expect(n).toBeLessThan(total.n); // "after backup" is not in it
    expect(restored.prepare("SELECT count(*) AS n FROM interactions WHERE notes = 'after backup'").get()).toEqual({ n: 0 });
    restored.close();
  });

  it('keeps only the newest N and ignores foreign files', async () => {
    const s = liveStore();
    const dir = path.join(s.dir, 'b');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    for (let h = 1; h <= 5; h++) await backupNow(s.db, dir, { keep: 2, now: new Date(`2026-11-23T0${h}:00:00.000Z`) });
    expect(listBackups(dir).map((b) => b.createdAt)).toEqual(['2026-11-23T05:00:00.000Z', '2026-11-23T04:00:00.000Z']);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });

  it('refuses to restore a corrupt backup and leaves the live file alone', () => {
    const s = liveStore();
    s.db.close();
    const bad = path.join(s.dir, 'counterpart-20260101T000000000Z.db');
    const bytes = fs.readFileSync(s.file);
    bytes.fill(0x41, 4096, 4096 * 3); // scribble over b-tree pages
    fs.writeFileSync(bad, bytes);
    expect(verifyDatabaseFile(bad).ok).toBe(false);
    const before = fs.readFileSync(s.file);
    expect(() => restoreBackup(s.file, bad)).toThrow(/cannot be restored/);
    expect(fs.readFileSync(s.file).equals(before)).toBe(true);
  });
});
