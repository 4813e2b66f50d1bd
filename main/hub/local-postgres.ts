// The one-machine hub's own PostgreSQL (`counterpart hub start` without --pg): a cluster in a data folder, its
// password and current port in hub.json beside it (owner-only), so `hub enroll`, `hub terminals` and `hub revoke`
// on the same machine find it without a URL. A chain runs its hub on a PostgreSQL it manages (--pg) instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

const stateSchema = z.object({ password: z.string().min(16), port: z.number().int().positive().nullable() });
type State = z.infer<typeof stateSchema>;

/** Where the app keeps its data on this OS (as Electron's userData for "Counterpart"), then hub/. */
export function defaultHubDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || path.join(home, '.config');
  return path.join(base, 'Counterpart', 'hub');
}

const stateFile = (dataDir: string) => path.join(dataDir, 'hub.json');
export const clusterDir = (dataDir: string) => path.join(dataDir, 'postgres');

function readState(dataDir: string): State | null {
  try {
    return stateSchema.parse(JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')));
  } catch {
    return null;
  }
}

function writeState(dataDir: string, state: State): void {
  fs.writeFileSync(stateFile(dataDir), `${JSON.stringify(state)}\n`, { mode: 0o600 });
}

/** The URL of the local hub's PostgreSQL as last started from `dataDir`; null if it never was. */
export function localPostgresUrl(dataDir: string): string | null {
  const state = readState(dataDir);
  return state?.port
    ? `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/postgres`
    : null;
}

export class LocalPostgresError extends Error {}

export async function startLocalPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  // Running it as root would need a system user made for it (what the test setup does in CI containers); a command
  // does not change the machine's users on its own.
  if (process.getuid?.() === 0) {
    throw new LocalPostgresError(
      'PostgreSQL does not run as root: start the hub as an ordinary user, or give it a PostgreSQL with --pg URL.',
    );
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let state = readState(dataDir);
  if (!state) {
    if (fs.existsSync(clusterDir(dataDir))) {
      throw new LocalPostgresError(
        `${stateFile(dataDir)} is missing or damaged, so the password of the PostgreSQL in ${clusterDir(dataDir)} is lost.`,
      );
    }
    state = { password: crypto.randomBytes(24).toString('base64url'), port: null };
    writeState(dataDir, state);
  }
  const server = await startEmbeddedPostgres({ dataDir: clusterDir(dataDir), password: state.password });
  writeState(dataDir, { ...state, port: Number(new URL(server.url).port) });
  return server;
}
