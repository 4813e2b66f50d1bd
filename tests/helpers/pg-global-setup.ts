// Once per `vitest run`: a throwaway PostgreSQL for the hub's tests, unless COUNTERPART_TEST_PG_URL names a server
// (which must let that role CREATE DATABASE). Tests get the URL through inject('pgUrl') and make their own database
// on it (tests/helpers/pg.ts), so files stay isolated while the one server is shared.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../main/hub/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL whose role may create and drop databases. */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.COUNTERPART_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder inside.
  fs.chmodSync(dir, 0o755);
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      password: crypto.randomBytes(18).toString('base64url'),
      throwaway: true,
    });
    project.provide('pgUrl', server.url);
    return async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
