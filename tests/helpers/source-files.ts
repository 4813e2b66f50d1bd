// The project's own source files, read from disk, for tests that check the code itself (layering, locale, literals).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Paths from the project root (forward slashes) of the .ts/.tsx files under `dirs`, declaration files left out. */
export function sourceFiles(...dirs: string[]): string[] {
  const walk = (dir: string): string[] => {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
      return /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
    });
  };
  return dirs
    .flatMap((d) => walk(path.join(projectRoot, d)))
    .map((f) => path.relative(projectRoot, f).split(path.sep).join('/'));
}

export const readSource = (rel: string) => fs.readFileSync(path.join(projectRoot, rel), 'utf8');

export function parse(rel: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    rel,
    text,
    ts.ScriptTarget.Latest,
    true,
    rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

/** Calls `visit` on every node of the file's syntax tree. */
export function walkTree(source: ts.SourceFile, visit: (node: ts.Node) => void): void {
  const go = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, go);
  };
  go(source);
}
