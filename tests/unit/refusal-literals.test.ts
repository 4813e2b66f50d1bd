// The main process's refusals that reach a person come from the catalogues too (ui-literals.test.ts guards the
// components): the chain's (main/sync: the header's sync problem, chain.join, the merges list, the managed config's
// join), the back office's chain handlers, and the playbook's checks. Read from the syntax tree of the real files: an
// AppError or a hub error made from a sentence, a zod issue given a sentence, a template's problem pushed as one.
// What only IT reads (log lines, the CLI's sentences, plain Errors the loops retry) is not a refusal and may stay.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse, readSource, sourceFiles, walkTree } from '../helpers/source-files';

const GUARDED = [
  ...sourceFiles('main/sync'),
  'main/ipc/chain-handlers.ts',
  'main/services/suggestions/playbook.ts',
  'main/services/suggestions/manage.ts',
  'main/services/suggestions/variables.ts',
  'common/slots.ts',
  ...sourceFiles('main/services/import'),
  'main/services/store-settings.ts',
  'main/services/zod-words.ts',
  'common/contract.ts',
  'common/pin.ts',
];

/** Error classes whose message a person reads; their first argument is a code, the rest must not be sentences. */
const REFUSALS = new Set(['AppError', 'HubRefused', 'HubUnreachable']);
/** zod checks whose string argument is the message shown when they fail. */
const ZOD_MESSAGES = new Set(['min', 'max', 'length', 'regex', 'refine', 'nonempty', 'email', 'url']);

const hasWords = (s: string) => /\p{L}{2,}\s+\p{L}/u.test(s);

/** A sentence written in place: a string, a template or a concatenation with words in it. */
function sentence(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return sentence(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return hasWords(e.text);
  if (ts.isTemplateExpression(e))
    return hasWords([e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(''));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return sentence(e.left) || sentence(e.right);
  if (ts.isConditionalExpression(e)) return sentence(e.whenTrue) || sentence(e.whenFalse);
  return false;
}

/** Refusals worded in place in one file. */
function refusalLiterals(rel: string, text: string): string[] {
  const problems: string[] = [];
  const source = parse(rel, text);
  const at = (n: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  walkTree(source, (node) => {
    if (ts.isNewExpression(node) && REFUSALS.has(node.expression.getText())) {
      const args = node.arguments ?? [];
      const words = node.expression.getText() === 'HubUnreachable' ? args : args.slice(1);
      for (const a of words)
        if (sentence(a)) problems.push(`${at(a)} new ${node.expression.getText()}(${a.getText()})`);
    }
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const name = node.expression.name.text;
    const target = node.expression.expression.getText();
    if (name === 'addIssue' || (name === 'push' && target === 'errors')) {
      for (const a of node.arguments) {
        if (sentence(a)) problems.push(`${at(a)} ${name}(${a.getText()})`);
        if (!ts.isObjectLiteralExpression(a)) continue;
        for (const p of a.properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText() === 'message' && sentence(p.initializer))
            problems.push(`${at(p)} ${name}({ message: ${p.initializer.getText()} })`);
        }
      }
    }
    if (ZOD_MESSAGES.has(name)) {
      for (const a of node.arguments) if (sentence(a)) problems.push(`${at(a)} .${name}(…, ${a.getText()})`);
    }
  });
  return problems;
}

describe('refusals from the chain and the playbook come from the catalogues', () => {
  it('reads the files it guards', () => {
    expect(GUARDED).toContain('main/sync/hub-client.ts');
    expect(GUARDED).toContain('main/sync/managed-join.ts');
    expect(GUARDED.length).toBeGreaterThan(20);
  });

  it('leaves no refusal worded in place', () => {
    expect(GUARDED.flatMap((rel) => refusalLiterals(rel, readSource(rel)))).toEqual([]);
  });
});

describe('the refusal checker itself', () => {
  const check = (src: string) => refusalLiterals('main/sync/x.ts', src);

  it('catches a sentence in an error, a zod issue, a zod check or a template problem', () => {
    expect(check("throw new AppError('CONFLICT', 'This store is joining a hub already.');")).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is source code for the checker
    expect(check("throw new AppError('NOT_FOUND', `No playbook template ${id}.`);")).toHaveLength(1);
    expect(check("throw new HubRefused('CONFLICT', 'The hub refuses this terminal.', 409);")).toHaveLength(1);
    expect(check("ctx.addIssue({ code: 'custom', message: 'a text cannot be empty' });")).toHaveLength(1);
    expect(check("z.string().min(1, 'a text cannot be empty');")).toHaveLength(1);
    expect(check("errors.push('optional parts cannot be nested');")).toHaveLength(1);
  });

  it('lets through catalogue words, codes and what only the log reads', () => {
    expect(check("throw new AppError('CONFLICT', words('sync.joiningAlready'));")).toEqual([]);
    expect(check("ctx.addIssue({ code: 'custom', message: wordError(w, 'en'), params: { words: w } });")).toEqual([]);
    expect(check('z.string().max(600).regex(/^[a-z]+$/);')).toEqual([]);
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is source code for the checker
      check("log(`sync: the ${loop} failed; retrying`, err); throw new Error('The bootstrap was stopped.');"),
    ).toEqual([]);
  });
});
