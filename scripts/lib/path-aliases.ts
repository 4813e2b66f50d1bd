// Path aliases are declared once, as `paths` in tsconfig.base.json (`@common/*` -> `common/*`). tsc, tsx (the CLI,
// benches, child processes) and Playwright read tsconfig themselves; vite, vitest and electron-vite do not, so their
// configs take `resolve.alias` from here, read through TypeScript's own parser (it follows `extends`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface PathAlias {
  /** What an import starts with, e.g. `@common/`. */
  prefix: string;
  /** The absolute folder that prefix stands for, ending in a separator. */
  target: string;
}

const parsed = new Map<string, PathAlias[]>();

/** The `prefix/*` -> `folder/*` entries of a tsconfig's `paths`; any other shape is refused, not half-understood. */
export function pathAliases(tsconfig = path.join(ROOT, 'tsconfig.json')): PathAlias[] {
  const known = parsed.get(tsconfig);
  if (known) return known;
  const aliases = readPathAliases(tsconfig);
  parsed.set(tsconfig, aliases);
  return aliases;
}

/** The absolute path (without extension) that an aliased import names, or null when `spec` starts with no alias. */
export function aliasedPath(spec: string): string | null {
  const alias = pathAliases().find((a) => spec.startsWith(a.prefix));
  return alias ? path.join(alias.target, spec.slice(alias.prefix.length)) : null;
}

function readPathAliases(tsconfig: string): PathAlias[] {
  const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  // Only the options are wanted: a host that lists no files spares parsing a walk over the whole tree.
  const host: ts.ParseConfigHost = { ...ts.sys, readDirectory: () => [] };
  const { options } = ts.parseJsonConfigFileContent(config.config, host, path.dirname(tsconfig), undefined, tsconfig);
  // Without baseUrl, tsc resolves `paths` from the folder of the tsconfig that declares them and records it here.
  const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath;
  return Object.entries(options.paths ?? {}).map(([key, targets]) => {
    const [target, ...more] = targets;
    if (!base || !key.endsWith('/*') || !target?.endsWith('/*') || more.length > 0)
      throw new Error(`${tsconfig}: paths["${key}"] must map "prefix/*" to one "folder/*"`);
    return { prefix: key.slice(0, -1), target: path.resolve(base, target.slice(0, -1)) + path.sep };
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same aliases as vite's `resolve.alias`: a RegExp (vite's string form wants a `/` after the match), and the
 * folder with forward slashes, as vite writes paths on every OS. */
export function viteAliases(tsconfig?: string): { find: RegExp; replacement: string }[] {
  return pathAliases(tsconfig).map((a) => ({
    find: new RegExp(`^${escapeRegExp(a.prefix)}`),
    replacement: a.target.split(path.sep).join('/'),
  }));
}
