import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { dbFlag } from './args';

export interface AppPaths {
  dbPath: string;
  backupDir: string;
  /** better_sqlite3.node built for Electron's ABI; undefined lets better-sqlite3 find its own (packaged builds). */
  nativeBinding: string | undefined;
  rendererIndex: string;
  preload: string;
}

/** Where things live. The database: --db, else COUNTERPART_DB, else the managed config's path, else userData. */
export function resolvePaths(
  managed: { databasePath?: string; backupDirectory?: string } = {},
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): AppPaths {
  // Bundled layout: out/main/index.js next to out/preload and out/renderer.
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const given = dbFlag(argv) ?? (env.COUNTERPART_DB || undefined) ?? managed.databasePath;
  const userData = app.getPath('userData');
  return {
    dbPath: given ? path.resolve(given) : path.join(userData, 'counterpart.db'),
    backupDir: managed.backupDirectory ? path.resolve(managed.backupDirectory) : path.join(userData, 'backups'),
    nativeBinding: env.COUNTERPART_NATIVE_BINDING || undefined,
    rendererIndex: path.join(outDir, 'renderer', 'index.html'),
    preload: path.join(outDir, 'preload', 'index.cjs'),
  };
}
