import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

/** A product as the store describes it beyond its till line (migration 0010-settle-issues). */
export interface CatalogItemRow {
  sku: string;
  /** The name as said mid-sentence; null: the till description up to its first comma. */
  spoken: string | null;
  /** 1 when asking how the customer is getting on with it makes sense (a drill), 0 when not (a gift card). */
  check_in: number;
}

export const catalogRepo = preparedFor((db: Database.Database) => ({
  put: db.prepare<CatalogItemRow>(
    `INSERT INTO catalog_items (sku, spoken, check_in) VALUES (@sku, @spoken, @check_in)
     ON CONFLICT (sku) DO UPDATE SET spoken = excluded.spoken, check_in = excluded.check_in`,
  ),
  bySku: db.prepare<[string], CatalogItemRow>('SELECT * FROM catalog_items WHERE sku = ?'),
}));
