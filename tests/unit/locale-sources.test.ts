// The store's locale and currency reach every screen and document only if nothing formats by hand: no default locale
// or currency written into the code outside the one formatting module, and no Intl formatter or toLocaleString on the
// screens or in the PDF except through it. Read from the real source files.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CURRENCY, DEFAULT_LOCALE } from '@common/format';
import { parse, readSource, sourceFiles, walkTree } from '../helpers/source-files';

const FORMAT_MODULE = 'common/format.ts';
/** Where formatting by hand would bypass the store's settings: the screens and the PDF report. */
const FORMATTED_HERE = [/^renderer\/src\//, /^main\/services\/reports\/pdf/];
const FORMATTERS = new Set(['NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat', 'ListFormat', 'PluralRules']);
const LOCALE_METHODS = new Set(['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']);

/** Hard-coded defaults anywhere, and hand formatting where the store's Format must be used. */
function localeProblems(rel: string, text: string): string[] {
  if (rel === FORMAT_MODULE) return [];
  const problems: string[] = [];
  const guarded = FORMATTED_HERE.some((r) => r.test(rel));
  walkTree(parse(rel, text), (node) => {
    const line = () => node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (ts.isStringLiteralLike(node) && (node.text === DEFAULT_LOCALE || node.text === DEFAULT_CURRENCY)) {
      problems.push(
        `${rel}:${line()} writes '${node.text}' (use the store's settings; the default lives in ${FORMAT_MODULE})`,
      );
    }
    if (!guarded || !(ts.isCallExpression(node) || ts.isNewExpression(node))) return;
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && LOCALE_METHODS.has(callee.name.text)) {
      problems.push(`${rel}:${line()} calls ${callee.name.text} (use the store's Format)`);
    }
    // Intl.DateTimeFormat() with no arguments only asks the terminal for its zone; with arguments it formats.
    const intl =
      ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Intl';
    if (intl && FORMATTERS.has(callee.name.text) && (node.arguments?.length ?? 0) > 0) {
      problems.push(`${rel}:${line()} builds Intl.${callee.name.text} (use the store's Format)`);
    }
  });
  return problems;
}

describe('locale and currency in the source', () => {
  const files = sourceFiles('common', 'main', 'renderer/src', 'preload');

  it('reads the files it guards', () => {
    expect(files).toContain(FORMAT_MODULE);
    expect(files).toContain('main/services/reports/pdf.ts');
    expect(files).toContain('renderer/src/components/customer/ProfileSummary.tsx');
  });

  it('has no default locale or currency outside the formatting module, and no formatting by hand on screen or in the PDF', () => {
    expect(files.flatMap((rel) => localeProblems(rel, readSource(rel)))).toEqual([]);
  });

  it('the defaults are where the check looks for them', () => {
    expect(readSource(FORMAT_MODULE)).toContain(`'${DEFAULT_LOCALE}'`);
    expect(readSource(FORMAT_MODULE)).toContain(`'${DEFAULT_CURRENCY}'`);
  });
});

describe('the locale checker itself', () => {
  it('catches a hard-coded locale or currency anywhere, and formatting by hand where it is guarded', () => {
    expect(
      localeProblems(
        'main/services/x.ts',
        `const f = (n: number) => n.toFixed(2) + ' ${DEFAULT_CURRENCY}';\nexport const c = '${DEFAULT_CURRENCY}';`,
      ),
    ).toHaveLength(1);
    expect(localeProblems('main/cli/x.ts', `new Intl.DateTimeFormat("${DEFAULT_LOCALE}")`)).toHaveLength(1);
    expect(
      localeProblems('renderer/src/x.tsx', 'export const a = (n: number) => <b>{n.toLocaleString()}</b>;'),
    ).toHaveLength(1);
    expect(localeProblems('renderer/src/x.ts', "export const f = new Intl.NumberFormat('de-DE');")).toHaveLength(1);
    expect(
      localeProblems('main/services/reports/pdf.ts', 'const s = (d: Date) => d.toLocaleDateString();'),
    ).toHaveLength(1);
  });

  it('lets through what is not formatting for people', () => {
    expect(
      localeProblems('renderer/src/x.ts', 'export const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;'),
    ).toEqual([]);
    expect(localeProblems('main/services/time.ts', "new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' })")).toEqual(
      [],
    );
    expect(
      localeProblems(
        'common/x.ts',
        `// ${DEFAULT_LOCALE} in a comment\nexport const m = 'a locale such as "${DEFAULT_LOCALE}"';`,
      ),
    ).toEqual([]);
    expect(localeProblems(FORMAT_MODULE, `export const DEFAULT_LOCALE = '${DEFAULT_LOCALE}';`)).toEqual([]);
  });
});
