// Finds the Electron executable the way the electron package does, without its raw-stack failure mode.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function platformPath() {
  if (process.platform === 'darwin' || process.platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

const readText = (file) => {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

/**
 * { path, version } of a runnable Electron, or { path: null, version, reason }.
 * Order: ELECTRON_OVERRIDE_DIST_PATH, node_modules/electron/dist, then one attempt at electron's own lazy download.
 */
export function electronBinary(root, { download = true } = {}) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pkg = readText(path.join(dir, 'package.json'));
  if (!pkg) return { path: null, version: 'unknown', reason: 'the electron package is not installed' };
  let version = JSON.parse(pkg).version;
  const exe = readText(path.join(dir, 'path.txt')) || platformPath();

  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, exe);
    version = (readText(path.join(override, 'version')) ?? version).replace(/^v/, '');
    return fs.existsSync(candidate)
      ? { path: candidate, version }
      : { path: null, version, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${exe}` };
  }

  const bundled = path.join(dir, 'dist', exe);
  if (fs.existsSync(bundled)) return { path: bundled, version };
  if (!download) return { path: null, version, reason: 'its binary has not been downloaded' };

  const got = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const after = path.join(dir, 'dist', readText(path.join(dir, 'path.txt')) || exe);
  if (got.status === 0 && fs.existsSync(after)) return { path: after, version };
  return { path: null, version, reason: 'its binary is missing and could not be downloaded' };
}
