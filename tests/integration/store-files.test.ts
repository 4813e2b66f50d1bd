// What lies at the store's path when it is not a healthy Counterpart store: each case gets its own sentence from the
// command line and from the backend start (store-lifecycle's openStore, which Electron and the preview use), a
// damaged one is offered the newest backup that passes its check, and nothing is written to any of these files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreProblem } from '@common/domain';
import { SCHEMA_VERSION } from '../../main/db/migrate';
import { newSession } from '../../main/ipc/session';
import { backupNow } from '../../main/services/backup';
import { createCustomer } from '../../main/services/customers';
import { openStore } from '../../main/store-lifecycle';
import { openDatabase } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { cli, openUp, storeProcess, storeWithAdmin, unprivileged } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';

/** A store of ~1 MB (so 64 KB in its middle lands on pages in use) and a good backup of it, built once. */
let base: { file: string; backup: string };
let baseDir: string;
beforeAll(async () => {
  baseDir = fs.mkdtempSync(path.join(path.dirname(tempDir()), 'counterpart-base-'));
  const file = path.join(baseDir, 'base.db');
  await storeWithAdmin(file);
  const db = openDatabase(file);
  const ctx = createContext(db);
  db.transaction(() => {
    for (let i = 0; i < 2500; i++)
      createCustomer(ctx, { firstName: `Customer${i}`, lastName: 'Matrix', notes: 'n'.repeat(300) });
  })();
  const b = await backupNow(db, path.join(baseDir, 'backups'), { keep: 5, now: new Date('2026-11-20T10:00:00.000Z') });
  db.close();
  base = { file, backup: b.file };
}, 60_000);
afterAll(() => fs.rmSync(baseDir, { recursive: true, force: true }));

interface Case {
  /** Makes the file at `file` (in a fresh folder that also holds backups/ with a good and a broken newer backup). */
  make(file: string): void;
  kind: StoreProblem['kind'];
  says: RegExp;
  damaged?: boolean;
}

const copyBase = (file: string) => fs.copyFileSync(base.file, file);
const sqlite = (file: string, sql: string) => {
  const db = new Database(file);
  db.exec(sql);
  db.close();
};

const CASES: Record<string, Case> = {
  truncated: {
    make: (file) => {
      copyBase(file);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2 / 4096) * 4096);
    },
    kind: 'corrupt',
    says: /^The store .*store\.db is damaged \(it is [\d,]+ bytes where its header says [\d,]+: it was cut short\)/,
    damaged: true,
  },
  'garbage mid-file': {
    make: (file) => {
      copyBase(file);
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, crypto.randomBytes(64 * 1024), 0, 64 * 1024, Math.floor(fs.statSync(file).size / 2));
      fs.closeSync(fd);
    },
    kind: 'corrupt',
    says: /^The store .*store\.db is damaged \((quick_check: |SQLite reports )/,
    damaged: true,
  },
  'zero-byte': {
    make: (file) => fs.writeFileSync(file, ''),
    kind: 'not-a-store',
    says: /store\.db is an empty file \(0 bytes\), not a Counterpart store; nothing was written to it\.$/,
  },
  'foreign SQLite database': {
    make: (file) => sqlite(file, 'CREATE TABLE recipes (name TEXT); PRAGMA user_version = 3;'),
    kind: 'not-a-store',
    says: /store\.db is an SQLite database of another program, not a Counterpart store; nothing was written to it\.$/,
  },
  'not an SQLite file': {
    make: (file) => fs.writeFileSync(file, 'name,phone\nMary,0871234567\n'.repeat(200)),
    kind: 'not-a-store',
    says: /store\.db is not an SQLite database, not a Counterpart store; nothing was written to it\.$/,
  },
  'future version': {
    make: (file) => {
      copyBase(file);
      sqlite(file, `PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    },
    kind: 'newer',
    says: new RegExp(
      `^This database was written by a newer Counterpart \\(schema ${SCHEMA_VERSION + 1}, this app knows ${SCHEMA_VERSION}\\)\\. Update the app\\.$`,
    ),
  },
};

/** A folder with the case's file and backups/: the good backup, and a newer one that fails its check. */
function setUp(c: Case) {
  const dir = tempDir();
  const file = path.join(dir, 'store.db');
  c.make(file);
  const backups = path.join(dir, 'backups');
  fs.mkdirSync(backups);
  const good = path.join(backups, path.basename(base.backup));
  fs.copyFileSync(base.backup, good);
  const broken = path.join(backups, 'counterpart-20261122T100000000Z.db');
  fs.writeFileSync(broken, fs.readFileSync(base.backup).fill(0x41, 4096));
  return { dir, file, backups, good, snapshot: () => snapshot(dir, file) };
}

/** The file's bytes and the folder's names: what "nothing was written" means. */
function snapshot(dir: string, file: string) {
  return {
    sha: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    names: fs.readdirSync(dir).sort(),
  };
}

describe('a store file that cannot be used', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: the command line says so in one line, exits 1 and writes nothing`, async () => {
      const s = setUp(c);
      const before = s.snapshot();
      // show reads, log writes, seed is the one command that creates stores: none may touch this file
      const runs = await Promise.all([
        cli(['show', '1', '--db', s.file]),
        c.damaged
          ? cli(['log', '--walk-in', '--kind', 'inquiry', '--outcome', 'resolved', '--db', s.file])
          : cli(['seed', '--customers', '10', '--db', s.file]),
      ]);
      for (const r of runs) {
        expect(r.out).toBe('');
        expect(r.code).toBe(1);
        expect(r.err.trimEnd().split('\n')).toHaveLength(1);
        expect(r.err.trimEnd()).toMatch(c.says);
        // a damaged store is offered the newest backup that passes its check, not the newer broken one
        if (c.damaged)
          expect(r.err).toContain(
            `the newest backup that passes its check is ${s.good}: counterpart restore ${s.good} --db ${s.file}`,
          );
      }
      expect(s.snapshot()).toEqual(before);
    });

    it(`${name}: the backend starts in recovery with its own message and writes nothing`, async () => {
      const s = setUp(c);
      const before = s.snapshot();
      const store = openStore({ dbPath: s.file, backupDir: s.backups, log: () => {} });
      const problem = store.problem();
      expect(problem?.kind).toBe(c.kind);
      expect(problem?.message).toMatch(c.says);
      expect(problem?.recommended).toBe(path.basename(s.good));
      expect(await store.dispatch('customers.search', { query: 'customer' }, newSession())).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      store.close();
      expect(s.snapshot()).toEqual(before);
    });
  }

  // Root writes to read-only files regardless, so these run as an unprivileged user when the tests run as root.
  const READ_ONLY: Record<string, { arrange(dir: string, file: string): void; says: RegExp }> = {
    'read-only file': {
      arrange: (dir, file) => {
        if (process.getuid?.() === 0) fs.chownSync(dir, 65534, 65534);
        else fs.chmodSync(file, 0o444);
      },
      says: /^The store .*store\.db is read-only for this user; ask IT to allow writing to the file\.$/,
    },
    'read-only folder': {
      arrange: (dir, file) => {
        if (process.getuid?.() === 0) fs.chownSync(file, 65534, 65534);
        else fs.chmodSync(dir, 0o555);
      },
      says: /^The folder .* is read-only for this user, and Counterpart keeps its journal beside the store there; ask IT to allow writing to the folder\.$/,
    },
  };
  for (const [name, c] of Object.entries(READ_ONLY)) {
    it(`${name}: the command line and the backend start each say so, and sign-in is not reached`, async () => {
      const dir = tempDir();
      openUp(dir);
      const file = path.join(dir, 'store.db');
      copyBase(file);
      c.arrange(dir, file);
      try {
        const before = snapshot(dir, file);
        const [show, start] = await Promise.all([
          cli(['show', '1', '--db', file], unprivileged()),
          storeProcess('open', file, [], unprivileged()),
        ]);
        expect(show.code).toBe(1);
        expect(show.err.trimEnd().split('\n')).toHaveLength(1);
        expect(show.err.trimEnd()).toMatch(c.says);
        expect(start.err).toBe('');
        const problem = JSON.parse(start.out) as StoreProblem;
        expect(problem.kind).toBe('read-only');
        expect(problem.message).toMatch(c.says);
        expect(snapshot(dir, file)).toEqual(before);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    });
  }

  it('a missing store is one line and exit 1 from every command but seed, and no file appears', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'none.db');
    const runs = await Promise.all([
      cli(['show', '1', '--db', file]),
      cli(['backup', '--db', file]),
      cli(['report', '--date', '2026-11-20', '--format', 'csv', '--out', path.join(dir, 'r.csv'), '--db', file]),
    ]);
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.err).toBe(`No database at ${file}: pass --db FILE, or create a demo store with "counterpart seed".\n`);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
