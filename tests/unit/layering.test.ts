// Keeps the layers honest: only the Electron shell may touch 'electron', common/ stays process-neutral, and the
// renderer reaches the backend only through the contract (never by importing main/).
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { aliasedPath } from '../../scripts/lib/path-aliases';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['common', 'main', 'renderer', 'tests'];
/** The only places allowed to import electron. */
const ELECTRON_ALLOWED = [
  /^main\/index\.ts$/,
  /^main\/electron\//,
  /^preload\//,
  /^tests\/e2e\/electron-smoke\.spec\.ts$/,
];
const DOM_GLOBALS = /\b(window|document|navigator|localStorage|sessionStorage|HTMLElement|customElements)\s*[.[(]/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module specifier, from the syntax tree: imports, re-exports, import(), require(), import types. */
function importsOf(text: string, file = 'x.ts'): string[] {
  const found = new Set<string>();
  const literal = (n: ts.Node | undefined) => {
    if (n && ts.isStringLiteralLike(n)) found.add(n.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      literal(node.moduleReference.expression);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      literal(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(
    ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    ),
  );
  return [...found];
}

/** JSON imports without `with { type: 'json' }`: bundlers accept them, but Node's ESM loader (Playwright) throws. */
function bareJsonImports(text: string, file: string): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  return source.statements
    .filter(ts.isImportDeclaration)
    .filter(
      (d) =>
        ts.isStringLiteral(d.moduleSpecifier) &&
        d.moduleSpecifier.text.endsWith('.json') &&
        !d.attributes &&
        !d.importClause?.isTypeOnly,
    )
    .map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
}

const isElectron = (spec: string) =>
  spec === 'electron' ||
  spec.startsWith('electron/') ||
  ((spec === 'electron-log' || spec.startsWith('electron-log/')) && spec !== 'electron-log/node');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (spec: string) =>
  spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]!);

/** Problems with one file's imports; `rel` is the file's path from the project root with forward slashes. */
function layeringProblems(rel: string, text: string): string[] {
  const problems: string[] = [];
  const imports = importsOf(text, rel);
  // The file a relative or aliased import names, from the project root; null for packages and Node's modules.
  const resolved = (spec: string) => {
    if (spec.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
    const aliased = aliasedPath(spec);
    return aliased ? path.relative(root, aliased).split(path.sep).join('/') : null;
  };
  for (const spec of imports) {
    if (isElectron(spec) && !ELECTRON_ALLOWED.some((r) => r.test(rel))) problems.push(`${rel} imports ${spec}`);
    if (rel.startsWith('common/')) {
      if (isNodeBuiltin(spec)) problems.push(`${rel} (common) imports the Node module ${spec}`);
      if (/^react(-dom)?(\/|$)/.test(spec)) problems.push(`${rel} (common) imports ${spec}`);
      const target = resolved(spec);
      if (target && !target.startsWith('common/'))
        problems.push(`${rel} (common) imports ${spec} from outside common/`);
    }
    // The hub is a server of its own: it shares the wire protocol (common/) with the terminals, not their app.
    if (rel.startsWith('main/hub/')) {
      const target = resolved(spec);
      if (target && !target.startsWith('main/hub/') && !target.startsWith('common/'))
        problems.push(`${rel} (hub) imports ${spec}`);
      if (spec === 'better-sqlite3') problems.push(`${rel} (hub) imports ${spec}`);
    }
    if (rel.startsWith('renderer/src/')) {
      const target = resolved(spec);
      if (target && (target.startsWith('main/') || target.startsWith('preload/')))
        problems.push(`${rel} (renderer) imports ${spec}`);
      if (isNodeBuiltin(spec)) problems.push(`${rel} (renderer) imports the Node module ${spec}`);
    }
  }
  // main/ and common/ are also loaded by Playwright through Node itself; vitest and vite take either form.
  if (/^(main|common|tests\/e2e)\//.test(rel))
    for (const spec of bareJsonImports(text, rel))
      problems.push(`${rel} imports ${spec} without with { type: 'json' }`);
  if (rel.startsWith('common/') && DOM_GLOBALS.test(ts.transpile(text, { removeComments: true }))) {
    problems.push(`${rel} (common) uses browser-only globals`);
  }
  return problems;
}

describe('layering', () => {
  const files = SCANNED.flatMap((d) => sourceFiles(path.join(root, d))).map((f) =>
    path.relative(root, f).split(path.sep).join('/'),
  );

  it('finds the source files it is meant to guard', () => {
    expect(files).toContain('common/contract.ts');
    expect(files).toContain('main/backend.ts');
    expect(files).toContain('main/preview/server.ts');
    expect(files.filter((f) => f.startsWith('tests/')).length).toBeGreaterThan(3);
  });

  it('has no layering violations', () => {
    const problems = files.flatMap((rel) => layeringProblems(rel, fs.readFileSync(path.join(root, rel), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('the shell files that may import electron do, and nothing else does', () => {
    const users = files.filter((rel) => importsOf(fs.readFileSync(path.join(root, rel), 'utf8'), rel).some(isElectron));
    expect(users.every((rel) => ELECTRON_ALLOWED.some((r) => r.test(rel)))).toBe(true);
    expect(users).toContain('main/index.ts');
  });
});

describe('layering checker itself', () => {
  it('catches electron outside the shell in every import form', () => {
    for (const src of [
      "import { app } from 'electron';",
      "import type { WebContents } from 'electron';",
      "export { ipcMain } from 'electron';",
      "const e = require('electron');",
      "const e = await import('electron');",
      "import 'electron/main';",
      "import log from 'electron-log/main';",
      "type W = import('electron').WebContents;",
    ]) {
      expect(layeringProblems('main/services/x.ts', src), src).toHaveLength(1);
    }
    expect(layeringProblems('main/electron/window.ts', "import { app } from 'electron';")).toEqual([]);
    expect(layeringProblems('main/services/x.ts', "import log from 'electron-log/node';")).toEqual([]);
    expect(layeringProblems('main/services/x.ts', "// import { app } from 'electron'\nconst s = 'electron';")).toEqual(
      [],
    );
  });

  it('keeps common/ free of Node, the DOM and other layers', () => {
    expect(layeringProblems('common/x.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(layeringProblems('common/x.ts', "import path from 'path';")).toHaveLength(1);
    expect(layeringProblems('common/x.ts', "import { x } from '../main/backend';")).toHaveLength(1);
    expect(layeringProblems('common/x.ts', 'export const w = () => window.innerWidth;')).toHaveLength(1);
    expect(layeringProblems('common/x.ts', 'export const q = () => document.querySelector("a");')).toHaveLength(1);
    expect(
      layeringProblems(
        'common/x.ts',
        "import { z } from 'zod';\nimport { a } from './errors';\n// window.x in a comment",
      ),
    ).toEqual([]);
    expect(layeringProblems('common/x.ts', "import { a } from '@common/errors';")).toEqual([]);
    expect(layeringProblems('common/x.ts', "import { x } from '@common/../main/backend';")).toHaveLength(1);
  });

  it('requires the JSON import attribute that Node needs', () => {
    expect(layeringProblems('main/services/x.ts', "import data from '../../resources/demo/names.json';")).toHaveLength(
      1,
    );
    expect(
      layeringProblems(
        'main/services/x.ts',
        "import data from '../../resources/demo/names.json' with { type: 'json' };",
      ),
    ).toEqual([]);
  });

  it('keeps the hub to itself and common/', () => {
    expect(layeringProblems('main/hub/x.ts', "import { openDatabase } from '../db/connection';")).toHaveLength(1);
    expect(layeringProblems('main/hub/x.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(
      layeringProblems(
        'main/hub/x.ts',
        "import { HUB_API } from '../../common/sync/api';\nimport pg from 'pg';\nimport { sha256 } from './secrets';",
      ),
    ).toEqual([]);
    expect(layeringProblems('main/hub/x.ts', "import { HUB_API } from '@common/sync/api';")).toEqual([]);
    expect(
      layeringProblems('main/hub/x.ts', "import { openDatabase } from '@common/../main/db/connection';"),
    ).toHaveLength(1);
  });

  it('keeps the renderer away from main/ and Node', () => {
    expect(
      layeringProblems('renderer/src/api/client.ts', "import { startBackend } from '../../../main/backend';"),
    ).toHaveLength(1);
    expect(layeringProblems('renderer/src/a.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(
      layeringProblems('renderer/src/api/client.ts', "import type { Contract } from '../../../common/contract';"),
    ).toEqual([]);
    expect(layeringProblems('renderer/src/a.ts', "import type { Contract } from '@common/contract';")).toEqual([]);
    expect(
      layeringProblems('renderer/src/a.ts', "import { startBackend } from '@common/../main/backend';"),
    ).toHaveLength(1);
  });
});
