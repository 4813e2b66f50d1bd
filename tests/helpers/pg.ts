// A fresh PostgreSQL database per test file, on the run's one server (tests/helpers/pg-global-setup.ts): files run in
// parallel forks without seeing each other's rows, and nothing is left behind.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createPool, withDatabase, type Pool } from '../../main/hub/pg';

export interface TestDatabase {
  /** This file's own database. */
  readonly url: string;
  /** A pool on it, ended after the file. */
  readonly pool: Pool;
  /** One more pool on the same database, as a second hub process would have; ended after the file. */
  newPool(): Pool;
  /** Empties the database again (drops and recreates the public schema), for tests that need a blank one. */
  reset(): Promise<void>;
}

/** Runs `sql` on the run's server, outside any test database (CREATE and DROP DATABASE). */
export async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Call at the top of a test file: the database exists from beforeAll and is dropped in afterAll. */
export function useTestDatabase(): TestDatabase {
  const name = `counterpart_test_${crypto.randomBytes(6).toString('hex')}`;
  const pools: Pool[] = [];
  let url: string | undefined;
  const ready = () => {
    if (url === undefined) throw new Error('useTestDatabase(): the database exists only inside tests and hooks.');
    return url;
  };
  const newPool = () => {
    const pool = createPool(ready());
    pools.push(pool);
    return pool;
  };
  let first: Pool | undefined;

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${name}`);
    url = withDatabase(inject('pgUrl'), name);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    // FORCE: a hub under test may still hold a connection (e.g. one a test stopped halfway).
    if (url !== undefined) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  return {
    get url() {
      return ready();
    },
    get pool() {
      first ??= newPool();
      return first;
    },
    newPool,
    async reset() {
      first ??= newPool();
      await first.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    },
  };
}
