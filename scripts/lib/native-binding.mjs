// better-sqlite3 compiled for Electron's ABI, kept in .cache/electron-native/<version>/ so node_modules keeps the
// Node build that the tests load. Never rebuilds node_modules/better-sqlite3 in place.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = 'better-sqlite3';
const FILE = 'better_sqlite3.node';
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rebuild-native-worker.mjs');

/**
 * Path to better_sqlite3.node for this Electron version (and platform/arch, for packaging), building it on first use.
 * COUNTERPART_NATIVE_BINDING short-cuts the build for local runs; packaging passes useEnv: false.
 */
export function electronNativeBinding(
  root,
  electronVersion,
  { platform = process.platform, arch = process.arch, useEnv = true } = {},
) {
  if (useEnv && process.env.COUNTERPART_NATIVE_BINDING) return path.resolve(process.env.COUNTERPART_NATIVE_BINDING);
  const host = platform === process.platform && arch === process.arch;
  const cacheDir = path.join(
    root,
    '.cache',
    'electron-native',
    host ? electronVersion : `${electronVersion}-${platform}-${arch}`,
  );
  const target = path.join(cacheDir, FILE);
  if (fs.existsSync(target)) return target;

  const workDir = path.join(cacheDir, 'work');
  const source = path.join(root, 'node_modules', MODULE);
  const copy = path.join(workDir, 'node_modules', MODULE);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  const ownBuild = path.join(source, 'build');
  fs.cpSync(source, copy, {
    recursive: true,
    filter: (src) => src !== ownBuild && !src.startsWith(ownBuild + path.sep),
  });
  const { version } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(workDir, 'package.json'),
    JSON.stringify({ name: 'electron-native-build', private: true, dependencies: { [MODULE]: version } }),
  );

  const logFile = path.join(cacheDir, 'build.log');
  console.log(
    `Building ${MODULE} for Electron ${electronVersion} (once; cached in ${path.relative(root, cacheDir)}) …`,
  );
  // An npm-provided nodedir points node-gyp at Node's headers, which would yield a binary Electron refuses to load.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];
  const log = fs.openSync(logFile, 'w');
  const run = spawnSync(process.execPath, [worker, workDir, electronVersion, MODULE, platform, arch], {
    cwd: workDir,
    env,
    stdio: ['ignore', log, log],
    timeout: 900_000,
  });
  fs.closeSync(log);
  const built = path.join(copy, 'build', 'Release', FILE);
  if (run.status === 0 && fs.existsSync(built)) {
    fs.copyFileSync(built, target);
    fs.rmSync(workDir, { recursive: true, force: true });
    return target;
  }
  throw new Error(
    `${MODULE} could not be built for Electron ${electronVersion} on ${platform}-${arch} (it needs a prebuilt binary or Electron's headers from the internet; details in ${path.relative(root, logFile)}); ` +
      'set COUNTERPART_NATIVE_BINDING to a better_sqlite3.node built for this Electron, or run `npm run preview` instead.',
  );
}
