// How the desktop app starts: which store it opens, which native code it loads and which developer tools it
// offers. Pure decisions from plain facts (app.isPackaged, argv, environment, the managed config) so they are
// tested in Node; main/electron only carries them out. An installed build trusts IT's config file, not whoever
// can start it with extra arguments or environment variables.
import path from 'node:path';
import type { ManagedConfig } from './managed-config';

/** `--db FILE` or `--db=FILE` among the command-line arguments; Chromium's own switches are left alone. */
export function dbFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--db' && next && !next.startsWith('--')) return next;
    if (arg.startsWith('--db=')) return arg.slice('--db='.length) || undefined;
  }
  return undefined;
}

export interface DatabaseChoice {
  path: string;
  /** An override that was given but not honoured, for the log; null when none was. */
  ignored: string | null;
}

/**
 * The store the app opens. The managed config's `databasePath` wins outright: IT fixed it, so a shortcut with
 * `--db` or a COUNTERPART_DB variable cannot point a terminal at another file. Without it: --db, then
 * COUNTERPART_DB, then the user data folder.
 */
export function databasePath(
  managed: Pick<ManagedConfig, 'databasePath'>,
  argv: readonly string[],
  environment: NodeJS.ProcessEnv,
  userData: string,
): DatabaseChoice {
  const flag = dbFlag(argv);
  const env = environment.COUNTERPART_DB || undefined;
  if (managed.databasePath) {
    const given = [flag !== undefined && '--db', env !== undefined && 'COUNTERPART_DB'].filter(Boolean).join(' and ');
    return {
      path: path.resolve(managed.databasePath),
      ignored: given ? `${given} ignored: the managed config sets databasePath` : null,
    };
  }
  const chosen = flag ?? env;
  return { path: chosen ? path.resolve(chosen) : path.join(userData, 'counterpart.db'), ignored: null };
}

/**
 * better_sqlite3.node built for Electron, for `npm start` from a checkout. An installed build loads only the one it
 * ships: a path from the environment would let anyone who can set a variable run native code inside the app, past
 * the fuses that switch off ELECTRON_RUN_AS_NODE and NODE_OPTIONS.
 */
export function nativeBinding(isPackaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  return isPackaged ? undefined : env.COUNTERPART_NATIVE_BINDING || undefined;
}

/** Roles of Electron's built-in menus that an installed build keeps (macOS needs Edit for copy and paste keys). */
export type MenuRole = 'appMenu' | 'editMenu' | 'windowMenu';

export interface WindowChrome {
  /** Whether the renderer can open DevTools at all (webPreferences.devTools). */
  devTools: boolean;
  /**
   * 'default': Electron's own menu (with View > Toggle Developer Tools and Reload), for development;
   * otherwise the application menu to set, null for none.
   */
  menu: 'default' | { role: MenuRole }[] | null;
}

/**
 * An installed build has no DevTools and no default menu: its console could call the role-checked API directly,
 * in parallel and without the screens' limits, and Reload would throw away a clerk's unsaved work.
 */
export function windowChrome(isPackaged: boolean, platform: NodeJS.Platform): WindowChrome {
  if (!isPackaged) return { devTools: true, menu: 'default' };
  return {
    devTools: false,
    menu: platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }] : null,
  };
}
