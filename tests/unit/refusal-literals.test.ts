// The main process's refusals that reach a person come from the catalogues too (ui-literals.test.ts guards the
// components): the chain's (main/sync: the header's sync problem, chain.join, the merges list, the managed config's
// join), the store's first run, opening and recovery screens, calendar days, the import's whole-file refusals, the back
// office's chain handlers, and the playbook's checks. Read from the syntax tree of the real files by the one literal
// checker (tests/helpers/literal-checks.ts): an error made from words, a zod check or issue given them, a template's
// problem pushed as one, an error shape's message. What only IT reads (log lines, the CLI's sentences, plain Errors the
// loops retry) is not a refusal and may stay.
import { describe, expect, it } from 'vitest';
import { refusalLiterals } from '../helpers/literal-checks';
import { readSource, sourceFiles } from '../helpers/source-files';

const GUARDED = [
  ...sourceFiles('main/sync'),
  // The first run, the store-open and recovery screens, calendar days, the import's whole-file refusals.
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
  // The back office's chain handlers and the playbook's checks.
  'main/ipc/chain-handlers.ts',
  'main/services/suggestions/playbook.ts',
  'main/services/suggestions/manage.ts',
  'main/services/suggestions/variables.ts',
  'common/slots.ts',
  'main/services/suggestions/conditions.ts',
  'main/services/suggestions/language.ts',
  'main/services/recovery.ts',
  'common/recovery.ts',
  // The store's settings, and the contract's own checks (a PIN, a clerk's name, a hub address, an erasure's reason).
  'main/services/store-settings.ts',
  'main/services/zod-words.ts',
  'common/contract.ts',
  'common/pin.ts',
];

describe('refusals the main process words come from the catalogues', () => {
  it('reads the files it guards, each once', () => {
    expect(GUARDED).toContain('main/sync/hub-client.ts');
    expect(GUARDED).toContain('main/sync/managed-join.ts');
    expect(GUARDED).toContain('main/services/import/index.ts');
    expect(GUARDED).toContain('main/services/import/mapping.ts');
    expect(GUARDED.length).toBeGreaterThan(40);
    expect(new Set(GUARDED).size).toBe(GUARDED.length);
  });

  it('leaves no refusal worded in place', () => {
    expect(GUARDED.flatMap((rel) => refusalLiterals(rel, readSource(rel)))).toEqual([]);
  });
});

// biome-ignore-start lint/suspicious/noTemplateCurlyInString: the strings are source code for the checker
describe('the refusal checker itself', () => {
  const check = (src: string) => refusalLiterals('main/services/x.ts', src);

  it('catches words handed to an error, kept in a constant or not, in a template, a concatenation or a branch', () => {
    expect(check("throw new AppError('CONFLICT', 'This store is already set up.');")).toHaveLength(1);
    expect(check("throw new AppError('NOT_FOUND', `No playbook template ${id}.`);")).toHaveLength(1);
    expect(check("throw new StoreError('missing', `No database at ${file}.`, file);")).toHaveLength(1);
    expect(check("throw new HubRefused('CONFLICT', 'The hub refuses this terminal.', 409);")).toHaveLength(1);
    expect(check("throw new HubUnreachable('The hub did not answer.');")).toHaveLength(1);
    expect(check("const DONE = 'Already done.';\nthrow new AppError('CONFLICT', DONE);")).toHaveLength(1);
    expect(check("throw new AppError('VALIDATION', 'Cannot import ' + name + ': choose one.');")).toHaveLength(2);
    expect(check("throw new AppError('CONFLICT', open ? 'Close it first.' : 'Open it first.');")).toHaveLength(2);
    expect(check("throw new AppError('CONFLICT', reason ?? 'Unknown');")).toHaveLength(1);
  });

  it('catches words handed to a zod check, one word or a sentence', () => {
    expect(check("z.string().min(1, 'a text cannot be empty');")).toHaveLength(1);
    expect(check('export const n = z.string().trim().min(1, "enter the store\'s name");')).toHaveLength(1);
    expect(check("export const t = z.string().refine(isTimeZone, 'an IANA time zone');")).toHaveLength(1);
    expect(check("export const m = z.string().email('not an email address');")).toHaveLength(1);
    expect(check("export const q = z.number().int('whole').positive('positive');")).toHaveLength(2);
    expect(check("export const n = z.string().min(1, { message: 'required' });")).toHaveLength(1);
  });

  it('catches words in a zod issue, a template problem or an error shape', () => {
    expect(check("ctx.addIssue({ code: 'custom', message: 'a text cannot be empty' });")).toHaveLength(1);
    expect(check("ctx.addIssue({ message: 'not a calendar date', path: ['day'] });")).toHaveLength(1);
    expect(check("ctx.addIssue('not a calendar date');")).toHaveLength(1);
    expect(check("errors.push('optional parts cannot be nested');")).toHaveLength(1);
    expect(check("errors.push({ at: i, message: 'optional parts cannot be nested' });")).toHaveLength(1);
    expect(
      check("return { ok: false, error: { code: 'CONFLICT', message: 'Restore a backup first.' } };"),
    ).toHaveLength(1);
  });

  it('lets through catalogue words, codes and what only the log reads', () => {
    expect(check("throw new AppError('CONFLICT', words('sync.joiningAlready'));")).toEqual([]);
    expect(check("throw new StoreError('missing', words('storeFile.missing', { file }), file);")).toEqual([]);
    expect(check("throw new HubUnreachable(words('sync.unreachable'), true);")).toEqual([]);
    expect(check("ctx.addIssue({ code: 'custom', message: wordError(w, 'en'), params: { words: w } });")).toEqual([]);
    expect(check("export const t = z.string().refine(isTimeZone, refusal('storeSetup.timeZone'));")).toEqual([]);
    expect(check('z.string().max(600).regex(/^[a-z]+$/);')).toEqual([]);
    expect(check('export const n = z.string().min(1).max(200);')).toEqual([]);
    expect(check("errors.push(words('playbook.text.nested'));")).toEqual([]);
    expect(
      check("log(`sync: the ${loop} failed; retrying`, err); throw new Error('The bootstrap was stopped.');"),
    ).toEqual([]);
    expect(check("const e = new Error('the hub closed the socket'); const m = Math.max(a, b);")).toEqual([]);
    expect(check("return { ok: false, message: 'the file does not exist' };")).toEqual([]);
  });
});
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: the strings are source code for the checker
