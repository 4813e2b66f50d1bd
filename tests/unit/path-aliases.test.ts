// The `@common/*` alias is declared once, in tsconfig's `paths`; every tool that resolves imports must land on the file
// tsc lands on. tsc's own module resolution is the reference: each tsconfig (tsx and Playwright read tsconfig.json)
// and each bundler config (vitest, the renderer's vite, electron-vite's main, preload and renderer) is checked
// against it for every module in common/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { AliasOptions, UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import electronViteConfig from '../../electron.vite.config';
import rendererConfig from '../../renderer/vite.config';
import { aliasedPath, pathAliases } from '../../scripts/lib/path-aliases';
import vitestConfig from '../../vitest.config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const commonDir = path.join(root, 'common');

/** Every module of common/ as its alias names it ('@common/sync/api') and the file it is. */
const modules = (fs.readdirSync(commonDir, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
  .map((f) => ({
    spec: `@common/${f
      .replace(/\.tsx?$/, '')
      .split(path.sep)
      .join('/')}`,
    file: path.join(commonDir, f),
  }));

const optionsOf = new Map<string, ts.CompilerOptions>();
/** Where tsc resolves `spec` imported from `importer` under the given tsconfig. */
function viaTsc(tsconfig: string, importer: string, spec: string): string | undefined {
  let options = optionsOf.get(tsconfig);
  if (!options) {
    options = ts.getParsedCommandLineOfConfigFile(
      path.join(root, tsconfig),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!.options;
    optionsOf.set(tsconfig, options);
  }
  return ts.resolveModuleName(spec, path.join(root, importer), options, ts.sys).resolvedModule?.resolvedFileName;
}

/** What vite makes of `spec` with a config's `resolve.alias` (first match wins, as in @rollup/plugin-alias). */
function viaVite(alias: AliasOptions | undefined, spec: string): string | null {
  const entries = Array.isArray(alias)
    ? alias
    : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
  for (const { find, replacement } of entries) {
    if (typeof find === 'string' ? spec === find || spec.startsWith(`${find}/`) : find.test(spec))
      return path.resolve(`${spec.replace(find, replacement)}.ts`);
  }
  return null;
}

const configs: [string, UserConfig | undefined][] = [
  ['vitest.config.ts', vitestConfig as UserConfig],
  ['renderer/vite.config.ts', rendererConfig as UserConfig],
  ['electron.vite.config.ts main', (electronViteConfig as { main?: UserConfig }).main],
  ['electron.vite.config.ts preload', (electronViteConfig as { preload?: UserConfig }).preload],
  ['electron.vite.config.ts renderer', (electronViteConfig as { renderer?: UserConfig }).renderer],
];

describe('the @common/ path alias', () => {
  it('is declared in tsconfig and reaches every module of common/', () => {
    expect(pathAliases()).toEqual([{ prefix: '@common/', target: commonDir + path.sep }]);
    expect(modules.map((m) => m.spec)).toContain('@common/contract');
    expect(modules.map((m) => m.spec)).toContain('@common/sync/api');
    expect(aliasedPath('@common/sync/api')).toBe(path.join(commonDir, 'sync', 'api'));
    expect(aliasedPath('zod')).toBeNull();
  });

  it.each([
    ['tsconfig.json', 'main/x.ts'],
    ['tsconfig.node.json', 'main/x.ts'],
    ['tsconfig.web.json', 'renderer/src/x.tsx'],
  ])('resolves in tsc through %s', (tsconfig, importer) => {
    for (const m of modules) expect(viaTsc(tsconfig, importer, m.spec), m.spec).toBe(m.file);
  });

  it.each(configs)('resolves in %s to the file tsc finds', (_name, config) => {
    for (const m of modules) expect(viaVite(config?.resolve?.alias, m.spec), m.spec).toBe(m.file);
  });

  it('is told apart from a config without it or with it pointing elsewhere', () => {
    const spec = '@common/contract';
    expect(viaVite(undefined, spec)).toBeNull();
    expect(viaVite([{ find: /^@common\//, replacement: path.join(root, 'main') + path.sep }], spec)).not.toBe(
      path.join(commonDir, 'contract.ts'),
    );
    expect(viaTsc('tsconfig.base.json', 'main/x.ts', '@common/nothing-here')).toBeUndefined();
  });
});
