// Hub migration 0003-merges on a database holding the data of the migrations before it: how identifiers compare,
// one live merge per alias, the conflict pair's order, and merges in the feed.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import { HUB_MIGRATIONS, migrateHub } from '../../../main/hub/migrate';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();
const migration = HUB_MIGRATIONS.find((m) => m.name === '0003-merges')!;
const [a, b] = [uuidv7(Date.now() - 1000), uuidv7()];
const store = uuidv7();
const terminal = uuidv7();

beforeAll(async () => {
  await migrateHub(db.pool, HUB_MIGRATIONS.slice(0, migration.version - 1));
  const now = new Date();
  await db.pool.query('INSERT INTO stores (id, name, created_at) VALUES ($1, $2, $3)', [store, 'Galway', now]);
  await db.pool.query(
    'INSERT INTO terminals (id, store_id, name, credential_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
    [terminal, store, 'till-1', crypto.randomBytes(32), now],
  );
  for (const id of [a, b])
    await db.pool.query(
      'INSERT INTO customers (id, origin_store_id, origin_terminal_id, created_at) VALUES ($1, $2, $3, $4)',
      [id, store, terminal, now],
    );
  await db.pool.query(
    `INSERT INTO customer_fields (customer_id, field, value, hlc) VALUES ($1, 'phone', '"087 123 4567"', 'x'), ($2, 'phone', '"+353871234567"', 'x')`,
    [a, b],
  );
  await migrateHub(db.pool, HUB_MIGRATIONS.slice(0, migration.version));
});

describe('0003-merges', () => {
  it('compares emails without case, cards without spaces or dashes, phones by their last 9 digits, and nothing else', async () => {
    const key = async (field: string, value: unknown) =>
      (await db.pool.query<{ k: string }>('SELECT identifier_key($1, $2::jsonb) AS k', [field, JSON.stringify(value)]))
        .rows[0]!.k;
    expect(await key('email', ' Mary@Example.IE ')).toBe('mary@example.ie');
    expect(await key('loyaltyId', 'ab-12 34')).toBe('AB1234');
    expect(await key('phone', '087 123 4567')).toBe(await key('phone', '+353 87 123 4567'));
    expect(await key('phone', '12 34')).toBe('');
    expect(await key('phone', null)).toBe('');
    expect(await key('firstName', 'Mary')).toBe('');
    // Rows from before the migration are found through the new index's expression.
    const { rows } = await db.pool.query(
      "SELECT customer_id FROM customer_fields WHERE field = 'phone' AND identifier_key(field, value) = identifier_key('phone', '\"0871234567\"') ORDER BY 1",
    );
    expect(rows.map((r) => r.customer_id)).toEqual([a, b]);
  });

  it('holds one live merge per alias, conflicts once per pair in id order, and merges in the feed', async () => {
    const now = new Date();
    const merge = (id: string) =>
      db.pool.query(
        "INSERT INTO customer_merges (id, alias_id, survivor_id, matched_on, merged_at) VALUES ($1, $2, $3, 'phone', $4)",
        [id, b, a, now],
      );
    const first = uuidv7();
    await merge(first);
    await expect(merge(uuidv7())).rejects.toThrow(/customer_merges_alias/);
    await db.pool.query("UPDATE customer_merges SET undone_at = $2, undone_by = 'm' WHERE id = $1", [first, now]);
    await merge(uuidv7());
    await expect(
      db.pool.query("INSERT INTO customer_conflicts VALUES ($1, $2, 'phone', $3)", [b, a, now]),
    ).rejects.toThrow(/check constraint/);
    await db.pool.query(
      `INSERT INTO changes (entity, entity_id, kind, hlc, body, origin_store_id, origin_terminal_id, committed_at) VALUES ('customer', $1, 'merge', 'x', '{}', $2, $3, $4)`,
      [b, store, terminal, now],
    );
  });
});
