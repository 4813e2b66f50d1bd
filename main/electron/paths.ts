import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { databasePath, nativeBinding } from '../config/launch';

export interface AppPaths {
  dbPath: string;
  /** A --db or COUNTERPART_DB that the managed config overrode, to log; null when none was given. */
  dbOverrideIgnored: string | null;
  backupDir: string;
  /** better_sqlite3.node built for Electron's ABI; undefined lets better-sqlite3 find its own (packaged builds). */
  nativeBinding: string | undefined;
  rendererIndex: string;
  preload: string;
}

/** Where things live; the database and native binding as main/config/launch.ts decides. */
export function resolvePaths(
  managed: { databasePath?: string; backupDirectory?: string } = {},
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): AppPaths {
  // Bundled layout: out/main/index.js next to out/preload and out/renderer.
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const userData = app.getPath('userData');
  const db = databasePath(managed, argv, env, userData);
  return {
    dbPath: db.path,
    dbOverrideIgnored: db.ignored,
    backupDir: managed.backupDirectory ? path.resolve(managed.backupDirectory) : path.join(userData, 'backups'),
    nativeBinding: nativeBinding(app.isPackaged, env),
    rendererIndex: path.join(outDir, 'renderer', 'index.html'),
    preload: path.join(outDir, 'preload', 'index.cjs'),
  };
}
