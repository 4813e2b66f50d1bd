import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { channelFor, contract, METHOD_NAMES } from '@common/contract';
import * as methods from '@common/methods';
import { buildBridge } from '../../preload/api';
import { aliasedPath } from '../../scripts/lib/path-aliases';

/**
 * The modules a bundle of `entry` holds: value imports followed through relative and aliased paths (type-only imports
 * are erased by the bundler), and the bare package names reached.
 */
function bundled(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const s of source.statements) {
      if (
        !(ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) ||
        !s.moduleSpecifier ||
        !ts.isStringLiteral(s.moduleSpecifier)
      )
        continue;
      if (ts.isImportDeclaration(s) && s.importClause?.isTypeOnly) continue;
      if (ts.isExportDeclaration(s) && s.isTypeOnly) continue;
      const clause = ts.isImportDeclaration(s) ? s.importClause : undefined;
      const named = clause?.namedBindings;
      if (named && ts.isNamedImports(named) && !clause.name && named.elements.every((e) => e.isTypeOnly)) continue;
      const spec = s.moduleSpecifier.text;
      const aliased = aliasedPath(spec);
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), `${spec}.ts`));
      else if (aliased) visit(`${aliased}.ts`);
      else packages.add(spec);
    }
  };
  visit(path.resolve(entry));
  return { files: [...files], packages: [...packages].sort() };
}

describe('preload bridge', () => {
  it('exposes exactly the contract methods, as functions, and cannot be extended', () => {
    const api = buildBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) expect(typeof api[m]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => Object.assign(api, { invoke: () => 0 })).toThrow();
  });

  it('sends each method on its own channel with the input, {} when none is given', async () => {
    const calls: [string, unknown][] = [];
    const api = buildBridge(async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: channel };
    });
    expect(await api['customers.search']({ query: 'byrne' })).toEqual({
      ok: true,
      value: channelFor('customers.search'),
    });
    await (api['app.info'] as (i?: object) => Promise<unknown>)();
    expect(calls).toEqual([
      ['counterpart:customers.search', { query: 'byrne' }],
      ['counterpart:app.info', {}],
    ]);
    expect(new Set(METHOD_NAMES.map(channelFor)).size).toBe(METHOD_NAMES.length);
  });

  it('turns a failed IPC call into an INTERNAL envelope without the underlying message', async () => {
    const api = buildBridge(async () => {
      throw new Error("Error invoking remote method 'counterpart:app.info': SqliteError at /secret/path.ts:12");
    });
    const res = await api['app.info']({});
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(res)).not.toMatch(/secret|Sqlite|remote method/);
  });

  it('lists in common/methods.ts exactly the methods the contract declares, in its order', () => {
    expect(methods.METHOD_NAMES).toEqual(Object.keys(contract));
    expect(new Set(methods.METHOD_NAMES).size).toBe(methods.METHOD_NAMES.length);
    expect(METHOD_NAMES).toBe(methods.METHOD_NAMES);
  });

  it('bundles no zod into the preload: it reads the plain list of method names, not the contract', () => {
    const preload = bundled(new URL('../../preload/index.ts', import.meta.url).pathname);
    expect(preload.packages).toEqual(['electron']);
    expect(
      preload.files.map((f) => path.relative(path.resolve(new URL('../..', import.meta.url).pathname), f)).sort(),
    ).toEqual(['common/methods.ts', 'preload/api.ts', 'preload/index.ts']);
  });

  it('preload/index.ts exposes only the bridge, once, under window.counterpart', () => {
    const src = fs.readFileSync(new URL('../../preload/index.ts', import.meta.url), 'utf8');
    expect(src.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(src).toMatch(/exposeInMainWorld\(\s*'counterpart',\s*buildBridge\(/);
    // ipcRenderer may only appear inside the invoke callback handed to buildBridge.
    expect(src.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke']);
  });
});
