// electron-builder afterPack hook. npmRebuild is off so packaging never recompiles node_modules/better-sqlite3 in
// place (the Node test suite loads that build). Instead the Electron build from .cache/electron-native replaces the
// Node build inside app.asar.unpacked, before electron-builder signs and wraps the app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeBinding } from './lib/native-binding.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const electronVersion =
    context.packager.config.electronVersion ??
    JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const target = path.join(
    context.packager.getResourcesDir(context.appOutDir),
    'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node',
  );
  if (!fs.existsSync(target)) throw new Error(`afterPack: ${target} is missing; check asarUnpack in electron-builder.yml.`);
  const built = electronNativeBinding(root, electronVersion, { platform, arch, useEnv: false });
  fs.copyFileSync(built, target);
  console.log(`  • better-sqlite3 for Electron ${electronVersion} ${platform}-${arch} placed in the package`);
}
