// electron-builder afterPack hook: runs on the unpacked app, before electron-builder signs and wraps it.
// 1. npmRebuild is off so packaging never recompiles node_modules/better-sqlite3 in place (the Node test suite loads
//    that build). Instead the Electron build from .cache/electron-native replaces the Node build in app.asar.unpacked.
// 2. The Electron fuses are flipped (scripts/fuses.mjs) and read back.
// COUNTERPART_PACKAGING_SMOKE=1 marks a packaging test run against a stand-in Electron: there is no real binary to
// flip and no Electron headers to build against, so both steps are skipped (and said so).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFuses, electronExecutable } from './fuses.mjs';
import { electronNativeBinding } from './lib/native-binding.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const target = path.join(
    context.packager.getResourcesDir(context.appOutDir),
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  if (!fs.existsSync(target))
    throw new Error(`afterPack: ${target} is missing; check asarUnpack in electron-builder.yml.`);

  if (process.env.COUNTERPART_PACKAGING_SMOKE === '1') {
    console.log('  • packaging smoke run (stand-in Electron): native rebuild and fuse flipping skipped');
    return;
  }

  const electronVersion =
    context.packager.config.electronVersion ??
    JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const built = electronNativeBinding(root, electronVersion, { platform, arch, useEnv: false });
  fs.copyFileSync(built, target);
  console.log(`  • better-sqlite3 for Electron ${electronVersion} ${platform}-${arch} placed in the package`);

  const executable = electronExecutable(context);
  await applyFuses(executable, { platform, arch });
  console.log(`  • Electron fuses set and verified in ${path.basename(executable)}`);
}
