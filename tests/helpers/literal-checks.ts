// Words a person reads come from the catalogues (common/i18n), so a German store reads German. These checks read the
// syntax tree of real files and list the words written in place: on a screen (a component's JSX text and the props
// people read or hear) and in a refusal the main process words for one (an error's message, a zod check's or issue's,
// a template's problem). One idea of "words written in place" serves both, so a way of hiding a sentence that one of
// them sees, the other sees too: a string or template with a letter in it, reached through a branch of ?: / || / ??,
// either side of a +, or a constant of the same file.
import ts from 'typescript';
import { parse, walkTree } from './source-files';

/** Any letter: one word ("Unknown", "required") is read as much as a sentence; "—", "·" and "3" are not words. */
const hasWords = (s: string) => /\p{L}/u.test(s);

/** The file's constants by name (const DONE = 'Already done.'): a sentence kept in one is written in place all the same. */
function constantsOf(source: ts.SourceFile): Map<string, ts.Expression> {
  const constants = new Map<string, ts.Expression>();
  walkTree(source, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      constants.set(node.name.text, node.initializer);
  });
  return constants;
}

/**
 * The literals with words an expression may come to: itself, the branches of a ?: / || / ?? (only the right of &&:
 * its left is a condition), both sides of a +, and what a constant of the file it names holds.
 */
function wordedLiterals(e: ts.Node, constants: ReadonlyMap<string, ts.Expression>): ts.Node[] {
  const followed = new Set<string>(); // a constant is followed once: const a = b, b = a must not loop
  const go = (x: ts.Node): ts.Node[] => {
    if (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x)) return go(x.expression);
    if (ts.isConditionalExpression(x)) return [...go(x.whenTrue), ...go(x.whenFalse)];
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return go(x.right);
      const both = [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.PlusToken];
      return both.includes(op) ? [...go(x.left), ...go(x.right)] : [];
    }
    if (ts.isIdentifier(x)) {
      const held = constants.get(x.text);
      if (!held || followed.has(x.text)) return [];
      followed.add(x.text);
      return go(held);
    }
    if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x) || ts.isJsxText(x))
      return hasWords(x.text) ? [x] : [];
    if (ts.isTemplateExpression(x))
      return hasWords([x.head.text, ...x.templateSpans.map((s) => s.literal.text)].join('')) ? [x] : [];
    return [];
  };
  return go(e);
}

/** Reads a file and hands each node to `visit` with `flag(what, expression)`, which lists its worded literals. */
function literalsIn(
  rel: string,
  text: string,
  visit: (node: ts.Node, flag: (what: string, e: ts.Node) => void) => void,
): string[] {
  const problems: string[] = [];
  const source = parse(rel, text);
  const constants = constantsOf(source);
  const at = (n: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  walkTree(source, (node) =>
    visit(node, (what, e) => {
      for (const s of wordedLiterals(e, constants))
        problems.push(`${at(s)} ${what} ${s.getText().trim().slice(0, 60)}`);
    }),
  );
  return problems;
}

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

/** Key names inside <kbd> are keys, not words. */
const insideKbd = (node: ts.Node): boolean => {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isJsxElement(p) && p.openingElement.tagName.getText() === 'kbd') return true;
  }
  return false;
};

/** Words a component shows in place: JSX text, strings shown from expressions, and the props people read. */
export function componentLiterals(rel: string, text: string): string[] {
  return literalsIn(rel, text, (node, flag) => {
    if (ts.isJsxText(node) && !insideKbd(node)) flag('text', node);
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
      !insideKbd(node)
    )
      flag('text', node.expression);
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) flag(`${node.name.getText()}=`, init);
      else if (ts.isJsxExpression(init) && init.expression) flag(`${node.name.getText()}=`, init.expression);
    }
  });
}

/** Errors whose words a person reads, by the position of the argument that holds them (the others: codes, status). */
const WORDED_ERRORS = new Map([
  ['AppError', 1],
  ['StoreError', 1],
  ['HubRefused', 1],
  ['HubUnreachable', 0],
]);
/** Zod checks whose string argument is the message of their refusal. */
const ZOD_CHECKS = new Set([
  ...['min', 'max', 'length', 'nonempty', 'gte', 'lte', 'int', 'positive'],
  ...['regex', 'email', 'url', 'refine'],
]);
/**
 * Calls whose arguments are refusals, given as words or as { message }: a zod check, and the calls that collect
 * refusals one by one (a zod issue: ctx.addIssue; a playbook template's problems: errors.push).
 */
const takesRefusals = (call: ts.CallExpression): boolean => {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const name = call.expression.name.text;
  return (
    ZOD_CHECKS.has(name) ||
    name === 'addIssue' ||
    (name === 'push' && call.expression.expression.getText() === 'errors')
  );
};
/**
 * Left in English for now, and named so: the row reasons of the rejected-rows file, which cells.ts words the same way
 * (a file IT reads beside the CLI's output; its wording per language is a change of its own).
 */
const ROW_REASON_SCHEMAS = new Set(['purchaseLineSchema']);
const inRowReasons = (node: ts.Node): boolean => {
  for (let p = node.parent; p; p = p.parent)
    if (ts.isVariableDeclaration(p) && ROW_REASON_SCHEMAS.has(p.name.getText())) return true;
  return false;
};

/**
 * Refusals worded in place in one file: words handed to an error, to a zod check or a collected refusal (an issue, a
 * template's problem) as they are or as the `message` of an object, and the message of an error shape ({ code,
 * message }). What only IT reads (log lines, plain Errors, a result's message without a code) may stay.
 */
export function refusalLiterals(rel: string, text: string): string[] {
  return literalsIn(rel, text, (node, flag) => {
    if (inRowReasons(node)) return;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && WORDED_ERRORS.has(node.expression.text)) {
      const message = node.arguments?.[WORDED_ERRORS.get(node.expression.text)!];
      if (message) flag(`new ${node.expression.text}`, message);
    }
    if (ts.isCallExpression(node) && takesRefusals(node))
      for (const arg of node.arguments) flag((node.expression as ts.PropertyAccessExpression).name.text, arg);
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'message' &&
      ts.isObjectLiteralExpression(node.parent)
    ) {
      const shape = node.parent;
      const errorShape = shape.properties.some((p) => p.name?.getText() === 'code');
      if (errorShape || (ts.isCallExpression(shape.parent) && takesRefusals(shape.parent)))
        flag('message', node.initializer);
    }
  });
}
