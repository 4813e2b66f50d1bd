// Whatever bulk-loads a store leaves it settled (main/db/settle.ts): the WAL copied into the file and truncated, so
// the first interaction logged afterwards does not pay for the load. (The fsync that follows is not observable from
// here; `npm run bench` times the first writes after a seed.) The bootstrap from a hub is checked in
// chain/bootstrap-settles.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { settleAfterBulkLoad } from '../../main/db/settle';
import { createContext } from '../../main/services/context';
import { addLongStandingRegular } from '../../main/services/demo/long-history';
import { seedDemoStore } from '../../main/services/demo/seed-store';
import { importCsv } from '../../main/services/import';
import { tempDir, tempStore } from '../helpers/temp-store';

const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe('a bulk load leaves the store settled', () => {
  it('settleAfterBulkLoad empties the WAL into the file', () => {
    const s = tempStore();
    s.db.exec(
      'CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT hex(randomblob(500)) FROM n',
    );
    expect(walBytes(s.file)).toBeGreaterThan(0);
    expect(settleAfterBulkLoad(s.db)).toEqual({ walPages: 0 });
    expect(walBytes(s.file)).toBe(0);
    expect(s.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(2000);
  });

  it('after a demo seed, in one transaction (the small demo) and in batches (a large one)', () => {
    for (const customers of [300, 1200]) {
      const file = path.join(tempDir(), 'seeded.db');
      const db = openDatabase(file, { create: true });
      try {
        const ctx = createContext(db, {}, () => new Date('2026-11-23T10:00:00.000Z'));
        seedDemoStore(ctx, { customers, seed: 7, batchSize: 1000, parallel: false });
        expect(walBytes(file)).toBe(0);
        expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBeGreaterThanOrEqual(customers);
      } finally {
        db.close();
      }
    }
  });

  it('after a regular with thousands of interactions is added to a seeded store (what npm run bench times next)', () => {
    const file = path.join(tempDir(), 'regular.db');
    const db = openDatabase(file, { create: true });
    try {
      const ctx = createContext(db, {}, () => new Date('2026-11-23T10:00:00.000Z'));
      seedDemoStore(ctx, { customers: 200, seed: 7, parallel: false });
      const id = addLongStandingRegular(ctx, { interactions: 3000, seed: 7 });
      expect(walBytes(file)).toBe(0);
      expect(db.prepare('SELECT count(*) FROM interactions WHERE customer_id = ?').pluck().get(id)).toBe(3000);
    } finally {
      db.close();
    }
  });

  it('after a customer import', async () => {
    const s = tempStore();
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `Person${i},Settled,087 ${String(1_000_000 + i)},C${200_000 + i}`,
    );
    const file = path.join(tempDir(), 'customers.csv');
    fs.writeFileSync(file, ['First Name,Last Name,Phone,Card', ...rows].join('\n'));
    const report = await importCsv(s.ctx, { entity: 'customers', file });
    expect(report.inserted).toBe(3000);
    expect(walBytes(s.file)).toBe(0);
  });
});
