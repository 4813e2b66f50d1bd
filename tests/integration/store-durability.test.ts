// Nothing acknowledged is lost: a process killed mid-write, a full disk, another process holding the write lock,
// and a store that turns out damaged while open. Real files, real child processes.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { failure, type Io } from '../../main/cli/common';
import { BUSY_WAIT_MS } from '../../main/ipc/dispatch';
import { newSession, type Session } from '../../main/ipc/session';
import { backupNow } from '../../main/services/backup';
import { createCustomer } from '../../main/services/customers';
import { openStore, type StoreLifecycle } from '../../main/store-lifecycle';
import { startStoreProcess, storeWithAdmin, TEST_PIN } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

async function signedIn(opts: { busyWaitMs?: number; backupDir?: string } = {}) {
  const file = path.join(tempDir(), 'store.db');
  await storeWithAdmin(file);
  const store = openStore({ dbPath: file, log: () => {}, ...opts });
  const session = newSession();
  expect(await store.dispatch('session.signIn', { clerkId: 1, pin: TEST_PIN }, session)).toMatchObject({ ok: true });
  return { file, store, session };
}

const walkIn = (store: StoreLifecycle, session: Session, notes: string) =>
  store.dispatch(
    'interactions.log',
    { customerId: null, kind: 'inquiry', outcome: 'resolved', notes },
    session,
  ) as Promise<Envelope>;

const idOf = (r: Envelope) => (r.ok ? (r.value as { id: number }).id : null);

function countIn(file: string, ids: number[]): number {
  const db = new Database(file, { readonly: true });
  try {
    const present = new Set(db.prepare('SELECT id FROM interactions').pluck().all() as number[]);
    return ids.filter((id) => present.has(id)).length;
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('keeps every acknowledged interaction when the writing process is killed at random points', async () => {
    const file = path.join(tempDir(), 'store.db');
    await storeWithAdmin(file);
    const TOTAL = 2000;
    const KILLS = 3;
    const acked: number[] = [];
    // Each run is killed after a random number of acknowledgements, at whatever point of its next write it is in.
    const killAfter = Array.from({ length: KILLS }, (_, k) =>
      Math.floor(((k + 0.2 + Math.random() * 0.6) * TOTAL) / (KILLS + 1)),
    );
    for (let run = 0; run <= KILLS; run++) {
      const child = startStoreProcess('log', file);
      expect(await child.line()).toBe('ready');
      const stopAt = run < KILLS ? killAfter[run]! : TOTAL;
      while (acked.length < stopAt) acked.push(Number((await child.line()).replace(/^ack /, '')));
      child.child.kill('SIGKILL');
      await child.exited;
    }
    expect(acked).toHaveLength(TOTAL);
    expect(new Set(acked).size).toBe(TOTAL);
    expect(countIn(file, acked)).toBe(TOTAL);
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 180_000);

  it('says the disk is full, loses nothing acknowledged, and carries on once there is room', async () => {
    const { file, store, session } = await signedIn();
    const db = store.current()!.db;
    // SQLite's own ceiling on the file stands in for a full disk: the same SQLITE_FULL, on any machine.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const acked: number[] = [];
    let full: Envelope | null = null;
    for (let i = 0; i < 5000 && !full; i++) {
      const r = await walkIn(store, session, `note ${i} ${'x'.repeat(500)}`);
      if (r.ok) acked.push(idOf(r)!);
      else full = r;
    }
    expect(full).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'The disk of this terminal is full: nothing was saved. Free some space (or ask IT to), then save again; what you typed is kept.',
        reason: 'store.diskFull',
      },
    });
    expect(store.problem()).toBeNull(); // a full disk is not a damaged store
    db.pragma('max_page_count = 1073741823');
    const after = await walkIn(store, session, 'after the disk was cleared');
    expect(after.ok).toBe(true);
    store.close();
    expect(countIn(file, [...acked, idOf(after)!])).toBe(acked.length + 1);
  });

  it('gives the command line the same sentence for a full disk', () => {
    const db = new Database(path.join(tempDir(), 'full.db'));
    db.exec('CREATE TABLE t (x)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let err: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
    } catch (e) {
      err = e;
    }
    db.close();
    expect((err as { code?: string }).code).toBe('SQLITE_FULL');
    const lines: string[] = [];
    const io: Io = { stdout: { write: () => true }, stderr: { write: (t: string) => lines.push(t) }, env: {} };
    expect(failure(err, io)).toBe(1);
    expect(lines).toEqual([
      'The disk of this terminal is full: nothing was saved. Free some space (or ask IT to), then save again; what you typed is kept.\n',
    ]);
  });

  it('keeps answering reads while another process holds the write lock, and saves the write once it is released', async () => {
    const { file, store, session } = await signedIn();
    const holder = startStoreProcess('hold-write-lock', file);
    expect(await holder.line()).toBe('locked');
    const order: string[] = [];
    const write = walkIn(store, session, 'waited for the lock').then((r) => {
      order.push('write');
      return r;
    });
    for (let i = 0; i < 5; i++) {
      const r = (await store.dispatch('customers.search', { query: 'nobody' }, session)) as Envelope;
      expect(r.ok).toBe(true);
      order.push('read');
    }
    // With the old 5 s busy_timeout the write blocked the thread and answered first; the reads queued behind it.
    expect(order).toEqual(['read', 'read', 'read', 'read', 'read']);
    await holder.end();
    const saved = await write;
    expect(saved.ok).toBe(true);
    store.close();
    expect(countIn(file, [idOf(saved)!])).toBe(1);
  });

  it('gives up on a write lock held too long with a sentence the clerk can act on, writing nothing', async () => {
    expect(BUSY_WAIT_MS).toBeGreaterThan(5000);
    const { file, store, session } = await signedIn({ busyWaitMs: 300 });
    const holder = startStoreProcess('hold-write-lock', file);
    expect(await holder.line()).toBe('locked');
    const refused = await walkIn(store, session, 'refused');
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'Another program on this computer is writing to the store right now: nothing was saved. Save again in a moment; what you typed is kept.',
        reason: 'store.busy',
      },
    });
    await holder.end();
    expect((await walkIn(store, session, 'saved again')).ok).toBe(true);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT notes FROM interactions ORDER BY id').pluck().all()).toEqual(['saved again']);
    db.close();
  });

  it('stops writing the moment a statement meets a damaged page, and offers the newest good backup', async () => {
    const dir = tempDir();
    const { file, store, session } = await signedIn({ backupDir: path.join(dir, 'backups') });
    const live = store.current()!;
    live.db.transaction(() => {
      for (let i = 0; i < 1500; i++)
        createCustomer(live.ctx, { firstName: `Customer${i}`, lastName: 'Damage', notes: 'n'.repeat(300) });
    })();
    const good = await backupNow(live.db, path.join(dir, 'backups'), { keep: 3 });
    // The damage arrives while the store is open (a failing disk): every leaf page of the customers table is
    // overwritten behind SQLite's back, and the connection's cache is emptied so it has to read them again.
    const pages = live.db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'customers' AND pagetype = 'leaf'")
      .pluck()
      .all() as number[];
    live.db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = live.db.pragma('page_size', { simple: true }) as number;
    const fd = fs.openSync(file, 'r+');
    for (const p of pages) fs.writeSync(fd, Buffer.alloc(pageSize, 0x41), 0, pageSize, (p - 1) * pageSize);
    fs.closeSync(fd);
    live.db.pragma('cache_size = 0');
    live.db.pragma('cache_size = 2000');

    const read = (await store.dispatch('customers.get', { id: 700 }, session)) as Envelope;
    expect(read).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^The store is damaged \(SQLite reports .*\); nothing more is written to it\.$/),
      },
    });
    expect(store.current()).toBeNull();
    expect(store.problem()).toMatchObject({ kind: 'corrupt', recommended: good.name });
    const before = fs.readFileSync(file);
    expect(await walkIn(store, session, 'after the damage')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await store.dispatch('recovery.status', {}, session)).toMatchObject({
      ok: true,
      value: { kind: 'corrupt', recommended: good.name },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    store.close();
  });
});
