import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { addClerk } from '../../main/services/clerks';
import { backupNow, listBackups, restoreBackup, verifyDatabaseFile } from '../../main/services/backup';
import { createCustomer } from '../../main/services/customers';
import { logInteraction } from '../../main/services/interactions';
import Database from 'better-sqlite3';
import { cliHere } from '../helpers/chain-cli';
import { cli, startStoreProcess, storeWithAdmin } from '../helpers/processes';
import { tempDir, tempStore } from '../helpers/temp-store';

/** A store with `customers` customers of some bulk, open; its folder holds nothing else. */
function liveStore(customers: number) {
  const dir = tempDir();
  const file = path.join(dir, 'store.db');
  const db = openDatabase(file, { create: true });
  const ctx = createContext(db);
  const clerk = addClerk(ctx, 'Ann').id;
  // One transaction: the same file as one commit each, without waiting on a sync to disk each.
  db.transaction(() => {
    for (let i = 0; i < customers; i++)
      createCustomer(ctx, { firstName: `Customer${i}`, lastName: 'Test', notes: 'x'.repeat(200) });
  })();
  return { dir, file, db, ctx, clerk };
}

describe('backups', () => {
  it('round-trips while the counter keeps writing', async () => {
    // Big enough that the backup copies it in several steps, with the counter's writes in between.
    const s = liveStore(2000);
    const backups = path.join(s.dir, 'backups');
    let writes = 0;
    const writer = setInterval(() => {
      logInteraction(s.ctx, s.clerk, {
        customerId: null,
        kind: 'inquiry',
        outcome: 'resolved',
        notes: `during backup ${writes++}`,
      });
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
    expect(restored.prepare("SELECT count(*) AS n FROM interactions WHERE notes = 'after backup'").get()).toEqual({
      n: 0,
    });
    restored.close();
  });

  it('keeps only the newest N and ignores foreign files', async () => {
    const s = liveStore(50);
    const dir = path.join(s.dir, 'b');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    for (let h = 1; h <= 5; h++) await backupNow(s.db, dir, { keep: 2, now: new Date(`2026-11-23T0${h}:00:00.000Z`) });
    expect(listBackups(dir).map((b) => b.createdAt)).toEqual(['2026-11-23T05:00:00.000Z', '2026-11-23T04:00:00.000Z']);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });

  it('refuses to restore a corrupt backup and leaves the live file alone', () => {
    const s = liveStore(50); // the schema alone fills the pages scribbled over
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

describe('backups from the command line', () => {
  /** A real store with some data, its folder, and a managed config naming it (as IT deploys one). */
  async function managedStore() {
    const dir = tempDir();
    const file = path.join(dir, 'store', 'counterpart.db');
    fs.mkdirSync(path.dirname(file));
    await storeWithAdmin(file);
    const db = openDatabase(file);
    const ctx = createContext(db);
    db.transaction(() => {
      for (let i = 0; i < 300; i++)
        createCustomer(ctx, { firstName: `Real${i}`, lastName: 'Customer', notes: 'x'.repeat(200) });
    })();
    db.close();
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ databasePath: file }));
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    return { dir, file, config, elsewhere };
  }

  const customersIn = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM customers').pluck().get();
    } finally {
      db.close();
    }
  };

  it('backs up the store the managed config names, from any folder, and rotation keeps the new verified copy', async () => {
    const s = await managedStore();
    const backups = path.join(s.dir, 'backups');
    const env = { COUNTERPART_CONFIG: s.config };
    const first = await cli(['backup', '--dir', backups, '--keep', '1', '--json'], { cwd: s.elsewhere, env });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // The rotation is the same code in this process: one child (above) shows the command finds the store from anywhere.
    const second = await cliHere(['backup', '--dir', backups, '--keep', '1', '--json'], env);
    expect(second.code).toBe(0);
    // nothing was created where the command ran, and the one backup kept is the newer copy of the real store
    expect(fs.readdirSync(s.elsewhere)).toEqual([]);
    const kept = listBackups(backups);
    expect(kept.map((b) => b.file)).toEqual([JSON.parse(second.out).file]);
    expect(customersIn(kept[0]!.file)).toBe(300);
    // no -wal/-shm/.partial files beside the backups
    expect(fs.readdirSync(backups)).toEqual([kept[0]!.name]);
    const db = new Database(s.file, { readonly: true });
    const events = db
      .prepare(
        "SELECT event, subject, clerk_id AS clerk, json_extract(details, '$.cli') AS cli FROM audit_log WHERE event = 'backup' ORDER BY id",
      )
      .all();
    db.close();
    expect(events).toEqual([
      { event: 'backup', subject: JSON.parse(first.out).name, clerk: 1, cli: 1 },
      { event: 'backup', subject: JSON.parse(second.out).name, clerk: 1, cli: 1 },
    ]);
  });

  it('puts backups beside the store by default, as the app does, not in the folder the command ran from', async () => {
    const s = await managedStore();
    const r = await cli(['backup', '--db', s.file], { cwd: s.elsewhere });
    expect(r.code).toBe(0);
    expect(listBackups(path.join(path.dirname(s.file), 'backups'))).toHaveLength(1);
    expect(fs.readdirSync(s.elsewhere)).toEqual([]);
  });

  it('never rotates away the backup just made, even when the clock was set back', async () => {
    const s = tempStore();
    const dir = path.join(path.dirname(s.file), 'b');
    await backupNow(s.db, dir, { keep: 1, now: new Date('2026-11-23T10:00:00.000Z') });
    const made = await backupNow(s.db, dir, { keep: 1, now: new Date('2026-11-20T10:00:00.000Z') });
    expect(listBackups(dir).map((b) => b.name)).toEqual([made.name]);
  });

  // The app runs in a process of its own, so its hold on the store is another process's; the commands run here
  // (the tests above start them as IT does).
  it('refuses to restore while a running app has the store open, and every write the app acknowledges stays in the store', async () => {
    const s = await managedStore();
    const backups = path.join(s.dir, 'backups');
    const made = await cliHere(['backup', '--db', s.file, '--dir', backups, '--json']);
    const backup = JSON.parse(made.out).file as string;
    const app = startStoreProcess('app', s.file);
    expect(await app.line()).toBe('ready');
    const refused = await cliHere(['restore', backup, '--db', s.file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `The store ${s.file} is open in Counterpart or in another command on this computer; close it there, then restore again. Nothing was changed.\n`,
    );
    const acked: number[] = [];
    for (let i = 0; i < 50; i++) {
      app.send('write');
      acked.push(Number((await app.line()).replace(/^ack /, '')));
    }
    await app.end();
    expect(fs.readdirSync(path.dirname(s.file)).filter((f) => f.includes('before-restore'))).toEqual([]);
    const db = new Database(s.file, { readonly: true });
    expect(
      db
        .prepare(`SELECT count(*) FROM interactions WHERE id IN (${acked.join(',')})`)
        .pluck()
        .get(),
    ).toBe(50);
    db.close();

    // with the app closed the restore goes ahead, keeps the replaced file aside and is audited in the restored store
    const restored = await cliHere(['restore', backup, '--db', s.file]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    const back = new Database(s.file, { readonly: true });
    expect(back.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(0);
    expect(
      back
        .prepare("SELECT subject, json_extract(details, '$.cli') AS cli FROM audit_log WHERE event = 'restore'")
        .all(),
    ).toEqual([{ subject: path.basename(backup), cli: 1 }]);
    back.close();
    const aside = fs.readdirSync(path.dirname(s.file)).filter((f) => /before-restore-[^-]*$/.test(f));
    expect(aside).toHaveLength(1);
    const old = new Database(path.join(path.dirname(s.file), aside[0]!), { readonly: true });
    expect(
      old
        .prepare(`SELECT count(*) FROM interactions WHERE id IN (${acked.join(',')})`)
        .pluck()
        .get(),
    ).toBe(50);
    old.close();
  });
});
