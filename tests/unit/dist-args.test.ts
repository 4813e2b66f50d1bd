// `npm run dist -- …` is read into electron-builder's public build() options, not by its internal argument parser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ConfigProblem } from '../../scripts/lib/builder-overrides.mjs';
import { parseDistArgs } from '../../scripts/lib/dist-args.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run dist arguments', () => {
  it('reads platforms with their targets, archs, --dir, --publish and -c.key=value settings', () => {
    expect(parseDistArgs(['--linux', 'dir', '--x64', '-c.directories.output=/tmp/out'])).toEqual({
      linux: ['dir'],
      x64: true,
      config: { directories: { output: '/tmp/out' } },
    });
    expect(parseDistArgs(['-l', 'deb', 'rpm', '--win', '--arm64', '--dir', '-p', 'always'])).toEqual({
      linux: ['deb', 'rpm'],
      win: [],
      arm64: true,
      dir: true,
      publish: 'always',
    });
    expect(
      parseDistArgs([
        '-c.forceCodeSigning=true',
        '--config.win.signtoolOptions.rfc3161TimeStampServer',
        'http://ts',
        '-c.compression=store',
        '-c.nsis.perMachine=false',
        '-c.x=12',
      ]),
    ).toEqual({
      config: {
        forceCodeSigning: true,
        win: { signtoolOptions: { rfc3161TimeStampServer: 'http://ts' } },
        compression: 'store',
        nsis: { perMachine: false },
        x: 12,
      },
    });
    expect(parseDistArgs([])).toEqual({});
  });

  it('refuses what it does not know in one sentence, and names a config file so dist.mjs can refuse it', () => {
    expect(() => parseDistArgs(['--linux', '--fast'])).toThrow(ConfigProblem);
    expect(() => parseDistArgs(['--fast'])).toThrow(
      /npm run dist does not know "--fast"; it takes --mac\/--win\/--linux/,
    );
    expect(() => parseDistArgs(['--publish', 'sometimes'])).toThrow(
      /--publish takes one of onTag, onTagOrDraft, always, never/,
    );
    expect(() => parseDistArgs(['-c.__proto__.polluted=1'])).toThrow(ConfigProblem);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseDistArgs(['-c', 'other.yml'])).toEqual({ config: 'other.yml' });
  });

  it('the packaging scripts import electron-builder only by its public entry point', () => {
    const dir = path.join(root, 'scripts');
    const files = [
      ...fs.readdirSync(dir).map((f) => path.join(dir, f)),
      ...fs.readdirSync(path.join(dir, 'lib')).map((f) => path.join(dir, 'lib', f)),
    ].filter((f) => f.endsWith('.mjs'));
    const deep: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      for (const s of source.statements) {
        if (
          ts.isImportDeclaration(s) &&
          ts.isStringLiteral(s.moduleSpecifier) &&
          /^(electron-builder|app-builder-lib)\/./.test(s.moduleSpecifier.text)
        ) {
          deep.push(`${path.relative(root, file)}: ${s.moduleSpecifier.text}`);
        }
      }
    }
    expect(files.length).toBeGreaterThan(3);
    expect(deep).toEqual([]);
  });
});
