// Every word a screen shows comes from the catalogues (common/i18n), so a German store reads German. Read from the
// syntax tree of the real components: JSX text, and the string props people read or hear (aria-label, title,
// placeholder, a legend or label passed down). Key names inside <kbd> are keys, not words. Every component is
// checked: none is left outside the catalogues. The refusals the main process words for a screen (the first run, the
// store-open and recovery screens, calendar days, the import's file-level refusals) are held to the same rule below.
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

/**
 * Files whose refusals reach a screen and are worded from the catalogues (errors.*): no English sentence may be
 * handed to an error or a schema there. Plain strings stay for what only IT meets (the CLI's usage errors).
 */
const REFUSING = [
  'common/calendar-day.ts',
  'common/imports.ts',
  'common/store-identity.ts',
  'main/backend.ts',
  'main/db/connection.ts',
  'main/db/migrate.ts',
  'main/db/store-file.ts',
  'main/services/backup.ts',
  'main/services/reports/local-time.ts',
  'main/services/store-setup.ts',
  'main/store-lifecycle.ts',
  ...sourceFiles('main/services/import'),
];
/**
 * Left in English for now, and named so: the row reasons of the rejected-rows file, which cells.ts words the same way
 * (a file IT reads beside the CLI's output; its wording per language is a change of its own).
 */
const ROW_REASON_SCHEMAS = new Set(['purchaseLineSchema']);
/** Errors whose second argument is what the clerk reads. */
const WORDED_ERRORS = new Set(['AppError', 'StoreError']);
/** Zod checks whose string argument is the message of their refusal. */
const ZOD_CHECKS = new Set(['min', 'max', 'length', 'nonempty', 'regex', 'refine', 'int', 'positive', 'gte', 'lte']);

/** The sentences a file hands to an error, a zod check or a `message` in place of catalogue words. */
function refusalLiterals(rel: string, text: string): string[] {
  const problems: string[] = [];
  const source = parse(rel, text);
  const at = (n: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  // A sentence kept in a constant of the file is a literal all the same: const ALREADY = 'This store is …'.
  const constants = new Map<string, ts.Expression>();
  walkTree(source, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      constants.set(node.name.text, node.initializer);
  });
  const sentences = (e: ts.Expression): ts.Expression[] => {
    if (ts.isIdentifier(e) && constants.has(e.text)) return sentences(constants.get(e.text)!);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
      return [...sentences(e.left), ...sentences(e.right)];
    return shownStrings(e);
  };
  const flag = (what: string, e: ts.Expression) => {
    for (const s of sentences(e)) problems.push(`${at(s)} ${what} ${s.getText().slice(0, 60)}`);
  };
  const rowReasons = (node: ts.Node): boolean => {
    for (let p = node.parent; p; p = p.parent)
      if (ts.isVariableDeclaration(p) && ROW_REASON_SCHEMAS.has(p.name.getText())) return true;
    return false;
  };
  walkTree(source, (node) => {
    if (rowReasons(node)) return;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && WORDED_ERRORS.has(node.expression.text)) {
      const message = node.arguments?.[1];
      if (message) flag(node.expression.text, message);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ZOD_CHECKS.has(node.expression.name.text)
    ) {
      for (const arg of node.arguments) if (!ts.isObjectLiteralExpression(arg)) flag(node.expression.name.text, arg);
    }
    // The message of an error shape or of a zod issue: { code, message }.
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'message' &&
      ts.isObjectLiteralExpression(node.parent) &&
      node.parent.properties.some((p) => p.name?.getText() === 'code')
    )
      flag('message', node.initializer);
  });
  return problems;
}

describe('refusals worded for a screen come from the catalogues', () => {
  it('reads the files it guards', () => {
    expect(REFUSING).toContain('main/services/import/index.ts');
    expect(REFUSING).toContain('main/services/import/mapping.ts');
    expect(REFUSING.length).toBeGreaterThan(20);
  });

  it('leaves no sentence in an error, a schema check or a message there', () => {
    expect(REFUSING.flatMap((rel) => refusalLiterals(rel, readSource(rel)))).toEqual([]);
  });
});

describe('the refusal checker itself', () => {
  const check = (src: string) => refusalLiterals('main/services/x.ts', src);

  it('catches sentences handed to an error, a zod check or a message, kept in a constant or not', () => {
    expect(check("throw new AppError('CONFLICT', 'This store is already set up.');")).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is source code for the checker
    expect(check("throw new StoreError('missing', `No database at ${file}.`, file);")).toHaveLength(1);
    expect(check("const DONE = 'Already done.';\nthrow new AppError('CONFLICT', DONE);")).toHaveLength(1);
    expect(check("throw new AppError('VALIDATION', 'Cannot import ' + name + ': choose one.');")).toHaveLength(2);
    expect(check('export const n = z.string().trim().min(1, "enter the store\'s name");')).toHaveLength(1);
    expect(check("export const t = z.string().refine(isTimeZone, 'an IANA time zone');")).toHaveLength(1);
    expect(check("ctx.addIssue({ code: 'custom', message: 'not a calendar date' });")).toHaveLength(1);
    expect(
      check("return { ok: false, error: { code: 'CONFLICT', message: 'Restore a backup first.' } };"),
    ).toHaveLength(1);
  });

  it('lets through catalogue words, codes and what is not a message', () => {
    expect(check("throw new AppError('CONFLICT', words('storeSetup.alreadySetUp'));")).toEqual([]);
    expect(check("throw new StoreError('missing', words('storeFile.missing', { file }), file);")).toEqual([]);
    expect(check("export const t = z.string().refine(isTimeZone, refusal('storeSetup.timeZone'));")).toEqual([]);
    expect(check('export const n = z.string().min(1).max(200);')).toEqual([]);
    expect(check("const e = new Error('the hub closed the socket'); const m = Math.max(a, b);")).toEqual([]);
    expect(check("return { ok: false, message: 'the file does not exist' };")).toEqual([]);
  });
});
