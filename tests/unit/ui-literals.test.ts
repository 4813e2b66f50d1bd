// Every word a screen shows comes from the catalogues (common/i18n), so a German store reads German. Read from the
// syntax tree of the real components: JSX text, and the string props people read or hear (aria-label, title,
// placeholder, a legend or label passed down). Key names inside <kbd> are keys, not words. Every component is
// checked: none is left outside the catalogues.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse, readSource, sourceFiles, walkTree } from '../helpers/source-files';

/** Props whose string value is read or heard by the clerk (the components' own props included: legend, hint, …). */
const READ_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'legend',
  'hint',
  'empty',
  'what',
]);
const hasWords = (s: string) => /\p{L}/u.test(s);

/** The string expressions a JSX expression shows: itself, or the branches of a ?: / && / ?? that end in a string. */
function shownStrings(e: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(e)) return shownStrings(e.expression);
  if (ts.isConditionalExpression(e)) return [...shownStrings(e.whenTrue), ...shownStrings(e.whenFalse)];
  if (
    ts.isBinaryExpression(e) &&
    [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(
      e.operatorToken.kind,
    )
  ) {
    return [
      ...(e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [] : shownStrings(e.left)),
      ...shownStrings(e.right),
    ];
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return hasWords(e.text) ? [e] : [];
  if (ts.isTemplateExpression(e))
    return hasWords([e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join('')) ? [e] : [];
  return [];
}

const insideKbd = (node: ts.Node): boolean => {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isJsxElement(p) && p.openingElement.tagName.getText() === 'kbd') return true;
  }
  return false;
};

/** User-facing literals left in one component file. */
function literalProblems(rel: string, text: string): string[] {
  const problems: string[] = [];
  const source = parse(rel, text);
  const at = (n: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  walkTree(source, (node) => {
    if (ts.isJsxText(node) && hasWords(node.text) && !insideKbd(node))
      problems.push(`${at(node)} text "${node.text.trim()}"`);
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
      !insideKbd(node)
    ) {
      for (const s of shownStrings(node.expression)) problems.push(`${at(s)} text ${s.getText()}`);
    }
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      const strings = ts.isStringLiteral(init)
        ? hasWords(init.text)
          ? [init]
          : []
        : ts.isJsxExpression(init) && init.expression
          ? shownStrings(init.expression)
          : [];
      for (const s of strings) problems.push(`${at(s)} ${node.name.getText()}=${s.getText()}`);
    }
  });
  return problems;
}

describe('words on screen come from the catalogues', () => {
  const components = sourceFiles('renderer/src').filter((f) => f.endsWith('.tsx'));

  it('reads the components it guards', () => {
    expect(components).toContain('renderer/src/App.tsx');
    expect(components).toContain('renderer/src/components/search/SearchBox.tsx');
    expect(components).toContain('renderer/src/components/manager/team/TeamTab.tsx');
    expect(components.length).toBeGreaterThan(30);
  });

  it('leaves no user-facing literal in a component', () => {
    expect(components.flatMap((rel) => literalProblems(rel, readSource(rel)))).toEqual([]);
  });
});

describe('the literal checker itself', () => {
  const check = (src: string) => literalProblems('renderer/src/x.tsx', src);

  it('catches text, read props and strings shown from expressions', () => {
    expect(check('export const A = () => <p>Nothing is due today.</p>;')).toHaveLength(1);
    expect(check('export const A = () => <input placeholder="Name or phone" />;')).toHaveLength(1);
    expect(check("export const A = () => <nav aria-label={'Counter actions'} />;")).toHaveLength(1);
    expect(
      check("export const A = (p: { busy: boolean }) => <button>{p.busy ? 'Signing in…' : 'Sign in'}</button>;"),
    ).toHaveLength(2);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is source code for the checker, template literal and all
    expect(check('export const A = (p: { n: number }) => <span title={`${p.n} open issues`} />;')).toHaveLength(1);
    expect(check("export const A = (p: { e: string | null }) => <p>{p.e ?? 'Unknown'}</p>;")).toHaveLength(1);
    expect(check('export const A = () => <Group legend="Kind" />;')).toHaveLength(1);
  });

  it('lets through what is not a word for people', () => {
    expect(
      check(
        "export const A = (p: { t(k: string): string }) => <p title={p.t('x')}>{p.t('home.title')} · 3 <kbd>Ctrl+Enter</kbd></p>;",
      ),
    ).toEqual([]);
    expect(
      check('export const A = () => <div className="home-row" data-testid="notes-count" id="log-h">—</div>;'),
    ).toEqual([]);
    expect(
      check("export const A = (p: { ok: boolean }) => <span className={p.ok ? 'used' : 'muted'}>{p.ok && '✓'}</span>;"),
    ).toEqual([]);
  });
});
