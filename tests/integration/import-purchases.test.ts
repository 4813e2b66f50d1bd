import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../main/services/customers';
import { importCsv } from '../../main/services/import';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');

function fixture(name: string): string {
  const to = path.join(tempDir(), name);
  fs.copyFileSync(path.join(FIXTURES, name), to);
  return to;
}

function writeCsv(name: string, content: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

interface PurchaseOut {
  receipt_no: string;
  customer_id: number;
  purchased_at: string;
  local_day: string;
  total_cents: number;
  items: string;
}

const purchases = (s: TempStore) =>
  s.db
    .prepare<[], PurchaseOut>(
      `SELECT p.receipt_no, p.customer_id, p.purchased_at, p.local_day, p.total_cents,
         (SELECT json_group_array(json_array(sku, description, quantity, unit_price_cents, return_status))
          FROM (SELECT * FROM purchase_items WHERE purchase_id = p.id ORDER BY id)) AS items
       FROM purchases p ORDER BY p.receipt_no`,
    )
    .all()
    .map((p) => ({ ...p, items: JSON.parse(p.items) as unknown[] }));

function seed(s: TempStore) {
  return {
    a: createCustomer(s.ctx, { firstName: 'Aoife', loyaltyId: 'C-1' }),
    b: createCustomer(s.ctx, { firstName: 'Brian', phone: '+353 87 123 4567' }),
    c: createCustomer(s.ctx, { firstName: 'Ciara', email: 'c@example.ie' }),
  };
}

describe('purchase import', () => {
  it('groups lines by receipt, reads European prices, local times, returns, and links customers by card, phone or email', async () => {
    const s = tempStore();
    const c = seed(s);
    const r = await importCsv(s.ctx, { entity: 'purchases', file: fixture('till-purchases.csv') });
    expect(r).toMatchObject({
      rowsRead: 7,
      inserted: 4,
      unchanged: 0,
      failed: 3,
      receiptsInserted: 3,
      delimiter: ';',
      warnings: [],
    });

    expect(purchases(s)).toEqual([
      {
        receipt_no: 'R-1001',
        customer_id: c.a.id,
        purchased_at: '2026-11-23T10:15:00.000Z', // Dublin is on UTC in November
        local_day: '2026-11-23',
        total_cents: 2 * 1299 + 123_450,
        items: [
          ['SKU-1', 'Blue scarf', 2, 1299, 'kept'],
          ['SKU-2', 'Gloves', 1, 123_450, 'returned'],
        ],
      },
      {
        receipt_no: 'R-1002',
        customer_id: c.b.id,
        purchased_at: '2026-06-01T08:00:00.000Z', // 09:00 Irish summer time
        local_day: '2026-06-01',
        total_cents: 2000,
        items: [['SKU-3', 'Hat', 1, 2000, 'kept']],
      },
      {
        receipt_no: 'R-1003',
        customer_id: c.c.id,
        purchased_at: '2026-06-01T22:30:00.000Z', // late evening keeps its local day
        local_day: '2026-06-01',
        total_cents: -1299, // a refund receipt: negative quantity
        items: [['SKU-4', 'Refund scarf', 1, 1299, 'returned']],
      },
    ]);
    // The schema's triggers keep the customers' figures.
    const stats = s.db.prepare<[number], { purchase_count: number; lifetime_spend_cents: number; visit_count: number }>(
      'SELECT purchase_count, lifetime_spend_cents, visit_count FROM customers WHERE id = ?',
    );
    expect(stats.get(c.a.id)).toEqual({ purchase_count: 1, lifetime_spend_cents: 126_048, visit_count: 1 });
  });

  it('refuses a whole receipt when one of its lines is bad, and a receipt whose customer is unknown', async () => {
    const s = tempStore();
    seed(s);
    const r = await importCsv(s.ctx, { entity: 'purchases', file: fixture('till-purchases.csv') });
    const errors = parse(fs.readFileSync(r.errorFile!), { columns: true, bom: true, delimiter: ';' }) as Record<
      string,
      string
    >[];
    expect(errors.map((e) => [e.line, e.Receipt, e.reason])).toEqual([
      ['6', 'R-1004', 'no customer has this loyalty id, phone or email; import the customers first'],
      ['7', 'R-1005', 'another line of receipt R-1005 is not valid (line 8)'],
      ['8', 'R-1005', 'Unit Price "abc" is not an amount'],
    ]);
    expect(purchases(s).map((p) => p.receipt_no)).toEqual(['R-1001', 'R-1002', 'R-1003']);
  });

  it('is idempotent by receipt number', async () => {
    const s = tempStore();
    seed(s);
    const file = fixture('till-purchases.csv');
    await importCsv(s.ctx, { entity: 'purchases', file });
    const before = purchases(s);
    const again = await importCsv(s.ctx, { entity: 'purchases', file });
    expect(again).toMatchObject({ rowsRead: 7, inserted: 0, unchanged: 4, failed: 3, receiptsInserted: 0 });
    expect(purchases(s)).toEqual(before);
  });

  it('never splits a receipt across batches', async () => {
    const s = tempStore();
    const { a } = seed(s);
    const lines = ['Receipt,Card,Date,SKU,Price'];
    for (let r = 1; r <= 7; r++) for (let i = 1; i <= 3; i++) lines.push(`T${r},C-1,2026-11-0${r} 10:00,S${i},1.00`);
    const res = await importCsv(s.ctx, {
      entity: 'purchases',
      file: writeCsv('p.csv', lines.join('\n')),
      batchSize: 2,
    });
    expect(res).toMatchObject({ rowsRead: 21, inserted: 21, receiptsInserted: 7, failed: 0 });
    const all = purchases(s);
    expect(all.every((p) => p.items.length === 3 && p.total_cents === 300 && p.customer_id === a.id)).toBe(true);
  });

  it('refuses lines of a receipt that reappear further down after the receipt was written', async () => {
    const s = tempStore();
    seed(s);
    const file = writeCsv(
      'p.csv',
      'Receipt,Card,Date,SKU,Price\nT1,C-1,2026-11-01,S1,1\nT2,C-1,2026-11-01,S2,2\nT1,C-1,2026-11-01,S3,3\n',
    );
    const r = await importCsv(s.ctx, { entity: 'purchases', file, batchSize: 1 });
    expect(r).toMatchObject({ inserted: 2, failed: 1 });
    const errors = parse(fs.readFileSync(r.errorFile!), { columns: true, bom: true }) as Record<string, string>[];
    expect(errors[0]).toMatchObject({ line: '4', reason: expect.stringContaining('appears again further down') });
    // A date without a time is put at noon, so its day never shifts.
    expect(purchases(s)[0]).toMatchObject({ purchased_at: '2026-11-01T12:00:00.000Z', local_day: '2026-11-01' });
  });

  it('says which required columns are missing', async () => {
    const s = tempStore();
    await expect(
      importCsv(s.ctx, { entity: 'purchases', file: writeCsv('p.csv', 'Card,SKU\nC-1,S1\n') }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('receipt number, unit price, date'),
    });
  });
  it('lists every reason a line is refused, not only the first', async () => {
    const s = tempStore();
    seed(s);
    const file = writeCsv(
      'bad.csv',
      'Receipt,Card,Date,SKU,Qty,Price,Returned\nR-9,C-1,31/02/2026 10:00,SKU-1,1.5,twelve,maybe\n',
    );
    const r = await importCsv(s.ctx, { entity: 'purchases', file });
    expect(r).toMatchObject({ failed: 1, inserted: 0 });
    const [refused] = parse(fs.readFileSync(r.errorFile!), { columns: true, bom: true }) as Record<string, string>[];
    expect(refused!.reason!.split('; ')).toEqual([
      'Date "31/02/2026" is not a real calendar date',
      'Qty "1.5" is not a whole number',
      'Returned "maybe" is not yes/no, 1/0, true/false or y/n',
      'Price "twelve" is not an amount',
    ]);
  });
});
