import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { openDatabase, type DB } from '../../main/db/connection';
import { addClerk } from '../../main/services/clerks';
import { createContext, type ServiceContext, type StoreConfig } from '../../main/services/context';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const fileCleanups: (() => void)[] = [];
afterAll(() => {
  while (fileCleanups.length) fileCleanups.pop()!();
});

/** A fresh directory under the OS temp dir, removed after the test (or, `forFile`, after the test file). */
export function tempDir(opts: { forFile?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-test-'));
  (opts.forFile ? fileCleanups : cleanups).push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TempStore {
  file: string;
  db: DB;
  ctx: ServiceContext;
  clerkId: number;
  /** Moves the store's clock; services read it through ctx.now(). */
  setNow(iso: string): void;
}

/** A real SQLite file with the current schema and one clerk; the clock starts at `now`. */
export function tempStore(now = '2026-11-23T10:00:00.000Z', config: Partial<StoreConfig> = {}): TempStore {
  const file = path.join(tempDir(), 'store.db');
  const db = openDatabase(file, { create: true });
  cleanups.push(() => db.open && db.close());
  let clock = new Date(now);
  const ctx = createContext(db, config, () => clock);
  const clerkId = addClerk(ctx, 'Aoife Byrne', 'manager').id;
  return { file, db, ctx, clerkId, setNow: (iso) => (clock = new Date(iso)) };
}

let receipt = 0;
/** Inserts a purchase the way the POS import does; the schema's triggers keep the customer's stats. */
export function addPurchase(
  s: TempStore,
  customerId: number,
  at: string,
  items: { sku?: string; description: string; priceCents: number; quantity?: number; returned?: boolean }[],
): number {
  const total = items.reduce((sum, i) => sum + i.priceCents * (i.quantity ?? 1), 0);
  const info = s.db
    .prepare(
      'INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, ?, ?, ?)',
    )
    .run(customerId, at, at.slice(0, 10), `R-${++receipt}-${Date.now()}`, total);
  const pid = Number(info.lastInsertRowid);
  const ins = s.db.prepare(
    'INSERT INTO purchase_items (purchase_id, sku, description, quantity, unit_price_cents, return_status) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const i of items)
    ins.run(pid, i.sku ?? 'SKU', i.description, i.quantity ?? 1, i.priceCents, i.returned ? 'returned' : 'kept');
  return pid;
}
