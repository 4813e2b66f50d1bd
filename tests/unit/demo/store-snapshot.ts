import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../main/db/connection';
import { createContext, type ServiceContext, type StoreConfig } from '../../../main/services/context';
import { seedDemoStore, type SeedOptions, type SeedResult } from '../../../main/services/demo/seed-store';
import { tempDir } from '../../helpers/temp-store';

export const TODAY = '2026-11-23T10:00:00.000Z';

const TABLES: [string, string][] = [
  ['clerks', 'id'],
  ['customers', 'id'],
  ['purchases', 'id'],
  ['purchase_items', 'id'],
  ['interactions', 'id'],
  ['customer_days', 'customer_id, day'],
  ['open_issues', 'interaction_id'],
  ['playbook_uses', 'interaction_id'],
  ['playbook_stats', 'template_id, store_id, style'],
  ['name_words', 'word'],
  ['name_word_variants', 'variant, word'],
];

export interface SeededStore {
  file: string;
  db: Database.Database;
  ctx: ServiceContext;
  result: SeedResult;
}

/**
 * A demo store seeded into a fresh file, clock fixed at TODAY unless `today` says otherwise; the file goes after the
 * test, or after the test file when `forFile` (a store its tests share).
 */
export function seeded(
  opts: Partial<SeedOptions> & { customers: number },
  config: Partial<StoreConfig> = {},
  { forFile = false } = {},
): SeededStore {
  const file = path.join(tempDir({ forFile }), 'demo.db');
  const db = openDatabase(file, { create: true });
  const now = new Date(opts.today ?? TODAY);
  const ctx = createContext(db, config, () => now);
  const result = seedDemoStore(ctx, { seed: 20261123, ...opts });
  return { file, db, ctx, result };
}

/** Columns that differ between two seeds by design: every clerk's PIN hash has a random salt. */
const SALTED: Record<string, string> = { clerks: 'pin_hash' };

/** Every row of every table the seed touches, in key order, plus the schema objects (salted hashes left out). */
export function snapshot(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [t, order] of TABLES) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
    if (!exists) continue;
    const rows = db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all() as Record<string, unknown>[];
    out[t] = rows.map((r) =>
      Object.entries(r)
        .filter(([k]) => k !== SALTED[t])
        .map(([, v]) => v),
    );
  }
  out.schema = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .raw()
    .all();
  return out;
}

export const fileSize = (f: string) => fs.statSync(f).size;
