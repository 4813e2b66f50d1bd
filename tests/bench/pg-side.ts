// `npm run bench`'s other side: the same lookups asked of PostgreSQL with pg_trgm, as a server-side CRM would search
// its customers, next to the counter's local SQLite lookups in the same run. The server is a throwaway embedded
// PostgreSQL on the same machine, started as the tests start theirs (main/hub/embedded.ts), or a fresh database on the
// server a URL names (dropped afterwards). The store's customers go in by COPY … FROM STDIN, then GIN trigram indexes
// on the name and phone digits and B-tree indexes on the exact identifiers. Timed from the client over TCP, with
// named (prepared) statements: what a counter asking a server would wait for at best.
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DB } from '../../main/db/connection';
import { startEmbeddedPostgres } from '../../main/hub/embedded';
import { withDatabase } from '../../main/hub/pg';
import { stat, type Stat } from './stats';

/** What each lookup shape asks PostgreSQL: the query text and how the typed input becomes its parameter. */
export interface PgShape {
  sql: string;
  param(q: string): string;
}

const COLUMNS = 'id, first_name, last_name, phone, email, loyalty_id, last_visit_at';

/**
 * The server CRM's queries, by the bench's shape names: names by trigram containment (a prefix is a containment
 * too, as a CRM's search box treats it) or, for a typo, by trigram word similarity (at least 0.3), best first; the last 4 digits
 * by a trigram suffix match, most recent visitor first; the exact identifiers by B-tree equality.
 */
export function pgShapes(normalise: {
  name(q: string): string;
  phone(q: string): string;
  email(q: string): string;
  card(q: string): string;
}): Record<string, PgShape> {
  const name: PgShape = {
    sql: `SELECT ${COLUMNS} FROM customers WHERE name_key LIKE '%' || $1 || '%' LIMIT 20`,
    param: normalise.name,
  };
  return {
    "name prefix ('mar')": name,
    "full name ('mary obrien')": name,
    'phone, last 4 digits': {
      sql: `SELECT ${COLUMNS} FROM customers WHERE phone_digits LIKE '%' || $1 ORDER BY last_visit_at DESC NULLS LAST LIMIT 20`,
      param: (q) => q,
    },
    'phone as written': {
      sql: `SELECT ${COLUMNS} FROM customers WHERE phone_digits = $1 LIMIT 20`,
      param: normalise.phone,
    },
    email: { sql: `SELECT ${COLUMNS} FROM customers WHERE email = $1 LIMIT 20`, param: normalise.email },
    'loyalty card': { sql: `SELECT ${COLUMNS} FROM customers WHERE loyalty_id = $1 LIMIT 20`, param: normalise.card },
    'name with one typo': {
      sql: `SELECT ${COLUMNS} FROM customers WHERE $1 <% name_key ORDER BY word_similarity($1, name_key) DESC LIMIT 20`,
      param: normalise.name,
    },
  };
}

export interface PgTiming extends Stat {
  /** Share of the queries that found at least one customer: a ratio against a query that finds nothing says little. */
  answered: number;
}

export interface PgSide {
  /** 'embedded' or the given server's address without its password. */
  server: string;
  loadMs: number;
  indexMs: number;
  /** Times one shape's queries, as the SQLite side does (20 warm-up queries, then `iterations`). */
  time(name: string, shape: PgShape, queries: readonly string[], iterations: number): Promise<PgTiming>;
  close(): Promise<void>;
}

const EXPORTED = [
  'id',
  'first_name',
  'last_name',
  'name_key',
  'phone',
  'phone_digits',
  'email',
  'loyalty_id',
  'last_visit_at',
  'visit_count',
];
const TABLE = `CREATE TABLE customers (id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, name_key text NOT NULL,
  phone text, phone_digits text, email text, loyalty_id text, last_visit_at text, visit_count integer NOT NULL)`;
const INDEXES = `SET maintenance_work_mem = '256MB';
  CREATE INDEX customers_name_trgm ON customers USING gin (name_key gin_trgm_ops);
  CREATE INDEX customers_phone_trgm ON customers USING gin (phone_digits gin_trgm_ops);
  CREATE INDEX customers_phone ON customers (phone_digits);
  CREATE INDEX customers_email ON customers (email);
  CREATE INDEX customers_loyalty ON customers (loyalty_id);
  ANALYZE customers`;

/** A CSV cell as COPY reads it: NULL is an empty unquoted cell, every value is quoted. */
const csvCell = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replaceAll('"', '""')}"`);

/** The store's customers as CSV, about 1 MB at a time. */
function* customersCsv(db: DB): Generator<string> {
  let chunk = '';
  for (const r of db
    .prepare(`SELECT ${EXPORTED.join(', ')} FROM customers`)
    .raw()
    .iterate() as IterableIterator<unknown[]>) {
    chunk += `${r.map(csvCell).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The COPY messages node-postgres's connection sends, which its type declarations leave out. */
interface CopyConnection extends pg.Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * COPY … FROM STDIN through node-postgres's submittable hook (the `pg` package has no COPY API of its own, and a
 * server-side file would not reach a server on another machine). Chunks are sent as the socket drains, so the table
 * never sits whole in this process's memory.
 */
function copyIn(client: pg.Client, sql: string, chunks: Iterable<string>): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const send = async (connection: CopyConnection) => {
      try {
        for (const chunk of chunks) {
          connection.sendCopyFromChunk(Buffer.from(chunk));
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
        connection.sendCopyFail(failure.message);
      }
    };
    const submittable = {
      submit: (connection: pg.Connection) => connection.query(sql),
      handleCopyInResponse: (connection: CopyConnection) => void send(connection),
      handleCommandComplete: () => undefined,
      handleError: (err: Error) => {
        failure ??= err;
      },
      // The server's last word on the statement, after an error too.
      handleReadyForQuery: () => (failure ? reject(failure) : resolve()),
    };
    client.query(submittable);
  });
}

/** A PostgreSQL to ask: a fresh database on the given server, or a throwaway embedded server. */
async function startServer(
  given: string | undefined,
  say: (text: string) => void,
): Promise<{ url: string; server: string; stop(): Promise<void> }> {
  if (given) {
    const database = `counterpart_bench_${crypto.randomBytes(6).toString('hex')}`;
    const onServer = async (sql: string) => {
      const admin = new pg.Client({ connectionString: given });
      await admin.connect();
      try {
        await admin.query(sql);
      } finally {
        await admin.end();
      }
    };
    await onServer(`CREATE DATABASE ${database}`);
    const u = new URL(given);
    return {
      url: withDatabase(given, database),
      server: `${u.hostname}:${u.port || 5432}`,
      stop: () => onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-bench-pg-'));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data folder
  say('Starting a throwaway embedded PostgreSQL …');
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      password: crypto.randomBytes(18).toString('base64url'),
      throwaway: true,
    });
    return {
      url: server.url,
      server: 'embedded',
      stop: async () => {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export async function startPgSide(db: DB, opts: { url?: string; say(text: string): void }): Promise<PgSide> {
  const started = await startServer(opts.url, opts.say);
  const client = new pg.Client({ connectionString: started.url });
  const close = async () => {
    await client.end().catch(() => undefined);
    await started.stop();
  };
  try {
    await client.connect();
    // A typed word's trigrams must cover 30% of a name word's, pg_trgm's own default for similarity (`%`): at its
    // word-similarity default (60%) the one-typo query found anyone for only 30% of the inputs the counter answers.
    await client.query('SET pg_trgm.word_similarity_threshold = 0.3');
    opts.say('Loading the customers into PostgreSQL (COPY) …');
    let t0 = performance.now();
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm; ${TABLE}`);
    await copyIn(client, `COPY customers (${EXPORTED.join(', ')}) FROM STDIN (FORMAT csv)`, customersCsv(db));
    const loadMs = performance.now() - t0;
    opts.say('Indexing (GIN trigram on the name and the phone digits, B-tree on the identifiers) …');
    t0 = performance.now();
    await client.query(INDEXES);
    const indexMs = performance.now() - t0;
    let statement = 0;
    return {
      server: started.server,
      loadMs,
      indexMs,
      async time(name, shape, queries, iterations) {
        const named = { name: `q${statement++}`, text: shape.sql };
        const run = (q: string) => client.query({ ...named, values: [shape.param(q)] });
        for (let i = 0; i < Math.min(20, queries.length); i++) await run(queries[i] as string);
        const ms: number[] = [];
        let answered = 0;
        for (let i = 0; i < iterations; i++) {
          const t = process.hrtime.bigint();
          const result = await run(queries[i % queries.length] as string);
          ms.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (result.rowCount) answered++;
        }
        return { ...stat(name, ms), answered: answered / iterations };
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
