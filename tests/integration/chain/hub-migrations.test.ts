// The hub's schema on a real PostgreSQL: the runner (order, record, lock, refusal of a newer schema) and one test
// per migration file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import {
  HUB_MIGRATIONS,
  HUB_SCHEMA_VERSION,
  HubSchemaError,
  hubSchemaVersion,
  loadHubMigrations,
  migrateHub,
} from '../../../main/hub/migrate';
import type { Pool } from '../../../main/hub/pg';
import { useTestDatabase } from '../../helpers/pg';
import { tempDir } from '../../helpers/temp-store';

const db = useTestDatabase();
beforeEach(() => db.reset());

const recorded = async (pool: Pool) =>
  (
    await pool.query<{ version: number; name: string }>(
      'SELECT version, name FROM hub_schema_migrations ORDER BY version',
    )
  ).rows;
const tables = async (pool: Pool) =>
  (
    await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
  ).rows.map((r) => r.t);

describe('hub migration runner', () => {
  it('applies every migration in order once and records each by name', async () => {
    expect(await hubSchemaVersion(db.pool)).toBe(0);
    expect(await migrateHub(db.pool)).toEqual({ from: 0, to: HUB_SCHEMA_VERSION });
    expect(await recorded(db.pool)).toEqual(HUB_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(await migrateHub(db.pool)).toEqual({ from: HUB_SCHEMA_VERSION, to: HUB_SCHEMA_VERSION });
    expect(await recorded(db.pool)).toHaveLength(HUB_SCHEMA_VERSION);
  });

  it('lets hub processes starting together migrate once: the others wait for the lock, then find nothing to do', async () => {
    const pools = [db.newPool(), db.newPool(), db.newPool(), db.newPool()];
    const results = await Promise.all(pools.map((p) => migrateHub(p)));
    expect(results.filter((r) => r.from === 0)).toHaveLength(1);
    expect(results.every((r) => r.to === HUB_SCHEMA_VERSION)).toBe(true);
    expect(await recorded(db.pool)).toHaveLength(HUB_SCHEMA_VERSION);
  });

  it('refuses a database from a newer hub without touching it', async () => {
    await migrateHub(db.pool);
    const newer = HUB_SCHEMA_VERSION + 1;
    await db.pool.query("INSERT INTO hub_schema_migrations (version, name) VALUES ($1, 'from-the-future')", [newer]);
    const before = await tables(db.pool);
    const err = await migrateHub(db.pool).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSchemaError);
    expect((err as Error).message).toBe(
      `This PostgreSQL database holds hub schema ${newer}, newer than this hub knows (${HUB_SCHEMA_VERSION}): update the hub, or give it another database.`,
    );
    expect(await tables(db.pool)).toEqual(before);
    expect(await hubSchemaVersion(db.pool)).toBe(newer);
  });

  it('rolls a failing migration back whole and keeps the ones before it', async () => {
    const broken = {
      version: HUB_SCHEMA_VERSION + 1,
      name: `${HUB_SCHEMA_VERSION + 1}-broken`,
      sql: 'CREATE TABLE half_done (x int); SELECT 1 / 0;',
    };
    await expect(migrateHub(db.pool, [...HUB_MIGRATIONS, broken])).rejects.toThrow(
      /broken failed and was rolled back: division by zero/,
    );
    expect(await tables(db.pool)).not.toContain('half_done');
    expect(await hubSchemaVersion(db.pool)).toBe(HUB_SCHEMA_VERSION);
  });

  it('reads only well-named files numbered without gaps', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '0001-first.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a migration');
    expect(loadHubMigrations(dir).map((m) => m.name)).toEqual(['0001-first']);
    fs.writeFileSync(path.join(dir, '0003-third.sql'), 'SELECT 3;');
    expect(() => loadHubMigrations(dir)).toThrow('Hub migration 0003-third.sql should be number 0002.');
    fs.renameSync(path.join(dir, '0003-third.sql'), path.join(dir, '0002-Third.sql'));
    expect(() => loadHubMigrations(dir)).toThrow('Hub migration 0002-Third.sql is not named NNNN-name.sql.');
  });
});

describe('0001-stores-terminals', () => {
  const now = new Date('2026-12-04T10:00:00Z');
  const digest = () => crypto.randomBytes(32);
  const migration = HUB_MIGRATIONS.find((m) => m.name === '0001-stores-terminals')!;

  beforeEach(async () => {
    await migrateHub(db.pool, HUB_MIGRATIONS.slice(0, migration.version));
  });

  const addStore = async (name: string) => {
    const id = uuidv7();
    await db.pool.query('INSERT INTO stores (id, name, created_at) VALUES ($1, $2, $3)', [id, name, now]);
    return id;
  };
  const addTerminal = async (storeId: string, name: string, hash = digest()) => {
    const id = uuidv7();
    await db.pool.query(
      'INSERT INTO terminals (id, store_id, name, credential_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
      [id, storeId, name, hash, now],
    );
    return id;
  };

  it('creates stores, terminals and enrolment codes', async () => {
    expect(await tables(db.pool)).toEqual(['enrolment_codes', 'hub_schema_migrations', 'stores', 'terminals']);
  });

  it('keeps one store per name whatever the case', async () => {
    await addStore('Galway');
    await expect(addStore('GALWAY')).rejects.toThrow(/stores_name_key/);
  });

  it('gives a name to one active terminal per store, and a revoked one leaves it free', async () => {
    const galway = await addStore('Galway');
    const cork = await addStore('Cork');
    const till = await addTerminal(galway, 'till-2');
    await addTerminal(cork, 'till-2');
    await expect(addTerminal(galway, 'Till-2')).rejects.toThrow(/terminals_active_name_key/);
    await db.pool.query('UPDATE terminals SET revoked_at = $2 WHERE id = $1', [till, now]);
    await addTerminal(galway, 'till-2');
  });

  it('holds secrets only as 32-byte digests, each credential once', async () => {
    const galway = await addStore('Galway');
    const hash = digest();
    await addTerminal(galway, 'till-1', hash);
    await expect(addTerminal(galway, 'till-9', hash)).rejects.toThrow(/credential_hash/);
    await expect(addTerminal(galway, 'till-3', Buffer.from('cpt1_plaintext'))).rejects.toThrow(/check constraint/);
    const code = (hash: Buffer, expires: Date) =>
      db.pool.query(
        'INSERT INTO enrolment_codes (code_hash, store_id, terminal_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [hash, galway, 'till-4', now, expires],
      );
    await expect(code(Buffer.from('ABCD'), new Date(now.getTime() + 1000))).rejects.toThrow(/check constraint/);
    await expect(code(digest(), now)).rejects.toThrow(/check constraint/);
  });

  it('records a code as used only together with the terminal it became', async () => {
    const galway = await addStore('Galway');
    const hash = digest();
    await db.pool.query(
      'INSERT INTO enrolment_codes (code_hash, store_id, terminal_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [hash, galway, 'till-4', now, new Date(now.getTime() + 1000)],
    );
    await expect(
      db.pool.query('UPDATE enrolment_codes SET used_at = $2 WHERE code_hash = $1', [hash, now]),
    ).rejects.toThrow(/check constraint/);
    const till = await addTerminal(galway, 'till-4');
    await db.pool.query('UPDATE enrolment_codes SET used_at = $2, terminal_id = $3 WHERE code_hash = $1', [
      hash,
      now,
      till,
    ]);
  });
});

describe('0002-sync', () => {
  const migration = HUB_MIGRATIONS.find((m) => m.name === '0002-sync')!;

  beforeEach(async () => {
    await migrateHub(db.pool, HUB_MIGRATIONS.slice(0, migration.version));
  });

  it('adds the customers, their fields, facts, the change feed and the hub clock, and a mutation count per terminal', async () => {
    expect(await tables(db.pool)).toEqual(
      expect.arrayContaining(['changes', 'customer_fields', 'customers', 'facts', 'hub_clock']),
    );
    const { rows } = await db.pool.query(
      "SELECT column_default FROM information_schema.columns WHERE table_name = 'terminals' AND column_name = 'last_mutation_id'",
    );
    expect(rows).toEqual([{ column_default: '0' }]);
  });

  it('compares every clock stamp byte by byte, as the terminals do', async () => {
    const { rows } = await db.pool.query<{ table_name: string; collation_name: string | null }>(
      "SELECT table_name, collation_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('hlc', 'erased_hlc', 'last') ORDER BY 1, column_name",
    );
    expect(rows.map((r) => `${r.table_name}: ${r.collation_name}`)).toEqual([
      'changes: C',
      'customer_fields: C',
      'customers: C',
      'facts: C',
      'hub_clock: C',
    ]);
  });

  it('keeps one hub clock row, and an erasure with both its time and its stamp', async () => {
    await db.pool.query("INSERT INTO hub_clock (last) VALUES ('x')");
    await expect(db.pool.query("INSERT INTO hub_clock (only_row, last) VALUES (false, 'y')")).rejects.toThrow(
      /check constraint/,
    );
    await expect(db.pool.query("INSERT INTO hub_clock (last) VALUES ('y')")).rejects.toThrow(/hub_clock_pkey/);
    const store = uuidv7();
    const terminal = uuidv7();
    const now = new Date();
    await db.pool.query('INSERT INTO stores (id, name, created_at) VALUES ($1, $2, $3)', [store, 'Galway', now]);
    await db.pool.query(
      'INSERT INTO terminals (id, store_id, name, credential_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
      [terminal, store, 'till-1', crypto.randomBytes(32), now],
    );
    await expect(
      db.pool.query(
        'INSERT INTO customers (id, origin_store_id, origin_terminal_id, created_at, erased_at) VALUES ($1, $2, $3, $4, $4)',
        [uuidv7(), store, terminal, now],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
