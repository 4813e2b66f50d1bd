// What an installed build lets the person starting it change: the store it opens, the native code it loads,
// DevTools and menus. Electron only carries these decisions out (main/electron/paths.ts, window.ts, index.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath, dbFlag, nativeBinding, windowChrome } from '../../main/config/launch';

const userData = path.resolve('user-data');
const argv = (...extra: string[]) => ['counterpart', '.', ...extra];

describe('--db flag', () => {
  it('reads both spellings and ignores everything else', () => {
    expect(dbFlag(argv('--db', 'store.db'))).toBe('store.db');
    expect(dbFlag(argv('--db=/x/y.db', '--no-sandbox'))).toBe('/x/y.db');
    expect(dbFlag(argv('--db', '--inspect'))).toBeUndefined();
    expect(dbFlag(argv('--dbx=1'))).toBeUndefined();
    expect(dbFlag(argv())).toBeUndefined();
  });
});

describe('the database the app opens', () => {
  it('is --db, else COUNTERPART_DB, else the user data folder, when IT has not fixed it', () => {
    expect(databasePath({}, argv('--db', 'a.db'), { COUNTERPART_DB: 'b.db' }, userData)).toEqual({
      path: path.resolve('a.db'),
      ignored: null,
    });
    expect(databasePath({}, argv(), { COUNTERPART_DB: 'b.db' }, userData)).toEqual({
      path: path.resolve('b.db'),
      ignored: null,
    });
    expect(databasePath({}, argv(), { COUNTERPART_DB: '' }, userData)).toEqual({
      path: path.join(userData, 'counterpart.db'),
      ignored: null,
    });
  });

  it("is the managed config's databasePath whatever the arguments and environment say, and says what it ignored", () => {
    const managed = { databasePath: path.resolve('it', 'store.db') };
    expect(databasePath(managed, argv(), {}, userData)).toEqual({ path: managed.databasePath, ignored: null });
    const both = databasePath(managed, argv('--db', 'mine.db'), { COUNTERPART_DB: 'other.db' }, userData);
    expect(both.path).toBe(managed.databasePath);
    expect(both.ignored).toMatch(/--db and COUNTERPART_DB ignored/);
    expect(databasePath(managed, argv('--db=mine.db'), {}, userData).ignored).toMatch(/^--db ignored/);
    expect(databasePath(managed, argv(), { COUNTERPART_DB: 'other.db' }, userData).ignored).toMatch(
      /^COUNTERPART_DB ignored/,
    );
  });
});

describe('installed builds', () => {
  const env = { COUNTERPART_NATIVE_BINDING: path.resolve('evil.node') };

  it('load only their own native binding; a checkout may point at one built for Electron', () => {
    expect(nativeBinding(true, env)).toBeUndefined();
    expect(nativeBinding(false, env)).toBe(env.COUNTERPART_NATIVE_BINDING);
    expect(nativeBinding(false, {})).toBeUndefined();
  });

  it('have no DevTools and no default menu on any platform; macOS keeps only the app, edit and window menus', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const chrome = windowChrome(true, platform);
      expect(chrome.devTools, platform).toBe(false);
      expect(chrome.menu, platform).not.toBe('default');
      // Electron's View menu is the one with Reload and Toggle Developer Tools.
      const roles = Array.isArray(chrome.menu) ? chrome.menu.map((m) => m.role) : [];
      expect(
        roles.filter((r) => !['appMenu', 'editMenu', 'windowMenu'].includes(r)),
        platform,
      ).toEqual([]);
    }
    expect(windowChrome(true, 'win32').menu).toBeNull();
    expect(windowChrome(true, 'darwin').menu).toContainEqual({ role: 'editMenu' });
    expect(windowChrome(false, 'win32')).toEqual({ devTools: true, menu: 'default' });
  });
});
