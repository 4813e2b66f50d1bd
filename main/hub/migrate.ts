// The hub's schema: numbered SQL files in migrations/ (NNNN-name.sql), applied in order when a hub starts, each in its
// own transaction and recorded in hub_schema_migrations. Hub processes sharing one database may start together, so
// the whole check-and-apply runs under one PostgreSQL advisory lock: the second waits, then finds nothing to do.
// A database migrated by a newer hub is refused untouched, as the terminal refuses a newer SQLite file.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from './pg';

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** The migration files, checked: well named, numbered 1, 2, 3… without gaps or repeats. */
export function loadHubMigrations(dir: string = MIGRATIONS_DIR): HubMigration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, i) => {
    const m = FILE_NAME.exec(file);
    if (!m) throw new Error(`Hub migration ${file} is not named NNNN-name.sql.`);
    if (Number(m[1]) !== i + 1)
      throw new Error(`Hub migration ${file} should be number ${String(i + 1).padStart(4, '0')}.`);
    return { version: i + 1, name: file.replace(/\.sql$/, ''), sql: fs.readFileSync(`${dir}/${file}`, 'utf8') };
  });
}

export const HUB_MIGRATIONS = loadHubMigrations();
export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS.length;

/** pg_advisory_lock key for migrating: "Countrpt" in ASCII, so it will not collide with another application's. */
export const MIGRATION_LOCK_KEY = '4859231640216563828';

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS hub_schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export class HubSchemaError extends Error {}

/** The schema version recorded in the database; 0 for a database no hub has migrated. */
export async function hubSchemaVersion(pool: Pool): Promise<number> {
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('hub_schema_migrations')::text AS t");
  if (exists.rows[0]?.t == null) return 0;
  const { rows } = await pool.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM hub_schema_migrations');
  return rows[0]!.v;
}

/** Brings the database to the last of `migrations`; returns the versions before and after. */
export async function migrateHub(
  pool: Pool,
  migrations: HubMigration[] = HUB_MIGRATIONS,
): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(MIGRATIONS_TABLE_SQL);
      const { rows } = await client.query<{ v: number }>(
        'SELECT coalesce(max(version), 0) AS v FROM hub_schema_migrations',
      );
      const from = rows[0]!.v;
      const known = migrations.length;
      if (from > known) {
        throw new HubSchemaError(
          `This PostgreSQL database holds hub schema ${from}, newer than this hub knows (${known}): update the hub, or give it another database.`,
        );
      }
      for (const m of migrations.slice(from)) {
        try {
          await client.query('BEGIN');
          await client.query(m.sql);
          await client.query('INSERT INTO hub_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new HubSchemaError(`Hub migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
        }
      }
      return { from, to: Math.max(from, known) };
    } finally {
      // A dropped connection releases the lock by itself; its error must not hide the one that matters.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
