// The test run's PostgreSQL: each file gets its own empty database on the one shared server.
import { describe, expect, inject, it } from 'vitest';
import { useTestDatabase } from '../../helpers/pg';

const db = useTestDatabase();

describe('test PostgreSQL', () => {
  it('gives this file an empty database of its own, not the server default', async () => {
    const { rows } = await db.pool.query<{ name: string; tables: number }>(
      "SELECT current_database() AS name, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables",
    );
    expect(rows[0]!.name).toMatch(/^counterpart_test_[0-9a-f]{12}$/);
    expect(new URL(inject('pgUrl')).pathname).not.toBe(`/${rows[0]!.name}`);
    expect(rows[0]!.tables).toBe(0);
  });

  it('has pg_trgm, which lookups on the hub will want', async () => {
    const { rows } = await db.pool.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
    expect(rows).toHaveLength(1);
  });
});
