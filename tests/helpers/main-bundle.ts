// The app's main bundle as electron-vite builds it (electron.vite.config.ts), built into a folder of the test's own:
// out/ in the checkout belongs to `npm run build`, the packaging test and the E2E specs. Only the main side is built
// (the renderer takes a minute). Its dependencies stay external, so the folder gets the checkout's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { build, mergeConfig } from 'vite';
import { resolveConfig } from 'electron-vite';
import { ROOT } from './processes';
import { tempDir } from './temp-store';

/** Builds the main bundle; returns its folder (the bundle's out/main), there until the test file ends. */
export async function buildMainBundle(): Promise<string> {
  const dir = tempDir({ forFile: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const outDir = path.join(dir, 'out', 'main');
  const { config } = await resolveConfig({ root: ROOT }, 'build', 'production');
  if (!config?.main) throw new Error('electron.vite.config.ts has no main build');
  await build(mergeConfig(config.main, { logLevel: 'warn', build: { outDir, emptyOutDir: true } }));
  return outDir;
}
