// Errors cross the process boundary as plain { code, message }; stack traces stay in the main-process log.
//
// Language: an error the clerk may see names a key of the catalogues' `errors` section (common/i18n) and its values,
// and the main process words it once, at the boundary, in the store's language (main/ipc/dispatch.ts). Why there and
// not in the renderer: the main process already words the PDF through the same i18next core, it knows the store's
// locale on every call, and the other texts it composes (duplicate reasons, import warnings) go the same way, so the
// renderer keeps showing `message` as it is and no screen needs to know the error catalogue. What stays
// machine-readable is the `code` (unchanged) and the `reason` (the catalogue key, stable like a code): a screen that
// reacts to one particular refusal tests the reason, never the words. The message of the Error itself is English,
// which is what the log and the CLI (a tool for IT) print. A plain string is an English-only message: kept for what
// only IT meets (CLI usage, config files), not for what reaches the counter or the back office (joining a hub there
// included: errors.sync.*).
import type { TFunction } from 'i18next';
import { translator } from './i18n';
import type en from './i18n/en.json';

export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
  /** Which refusal this is, for a screen that reacts to one (the catalogue key: 'recovery.needsApproval'). */
  reason?: ErrorKey;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** "a.b" for every text under a tree of the catalogue; plural forms ("x_one", "x_other") are the one key "x". */
export type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}`
    : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A text of the catalogues' `errors` section, without the section: 'customers.notFound'. */
export type ErrorKey = Leaves<(typeof en)['errors']>;
/**
 * What a sentence names. A value may itself be error words (a refusal quoted inside a sentence: "could not join the
 * hub: {{reason}}"), a list of them (the problems of a playbook template, sentences joined by "; "), or a list of
 * catalogue texts (ErrorTexts), all worded in the same language as the sentence around them.
 */
export type ErrorValues = { [name: string]: string | number | ErrorWords | ErrorWords[] | ErrorTexts };
/**
 * A list of catalogue texts inside a text ("no column for: receipt number, date"): each is worded in the reader's
 * language, so the list is too. The items are joined with ", ", which reads the same in English and German.
 */
export interface ErrorTexts {
  texts: ErrorKey[];
}

/** What an error says, to be worded in whichever language reads it. */
export interface ErrorWords {
  key: ErrorKey;
  values: ErrorValues;
}

/** new AppError('NOT_FOUND', words('customers.notFound', { id })) */
export const words = (key: ErrorKey, values: ErrorValues = {}): ErrorWords => ({ key, values });

type Translate = (key: string, values: Record<string, string | number>) => string;

/** Error words through a translate function: the main process's translator(locale), or a screen's own t. */
export function wordWith(t: TFunction, w: ErrorWords): string {
  const values = Object.fromEntries(
    Object.entries(w.values).map(([name, v]) => [
      name,
      Array.isArray(v)
        ? v.map((each) => wordWith(t, each)).join('; ')
        : typeof v !== 'object'
          ? v
          : 'texts' in v
            ? v.texts.map((key) => (t as unknown as Translate)(`errors.${key}`, {})).join(', ')
            : wordWith(t, v),
    ]),
  );
  return (t as unknown as Translate)(`errors.${w.key}`, values);
}

/** Error words in a locale's language ("de-AT" reads German, a locale without a catalogue English). */
export const wordError = (w: ErrorWords, locale: string): string => wordWith(translator(locale), w);

export class AppError extends Error {
  /** Null for an English-only message (see above). */
  readonly words: ErrorWords | null;
  constructor(
    readonly code: ErrorCode,
    message: ErrorWords | string,
  ) {
    super(typeof message === 'string' ? message : wordError(message, 'en'));
    this.words = typeof message === 'string' ? null : message;
    this.name = 'AppError';
  }

  /** The error for the wire, worded in the store's language. */
  toWire(locale: string): WireError {
    return this.words
      ? { code: this.code, message: wordError(this.words, locale), reason: this.words.key }
      : { code: this.code, message: this.message };
  }
}

/**
 * A schema's own refusal in catalogue words: `.refine(ok, refusal('calendarDay.notADate', { text }))` or
 * `ctx.addIssue({ code: 'custom', ...refusal(…) })`. The message stays English (the CLI and config checks print it);
 * the words ride along in the issue's params, which zod keeps only on custom issues: a schema that words its refusal
 * uses refine or superRefine rather than the message of min, max or regex.
 */
export function refusal(key: ErrorKey, values: ErrorValues = {}): { message: string; params: { words: ErrorWords } } {
  const w = words(key, values);
  return { message: wordError(w, 'en'), params: { words: w } };
}

/** What every input refusal carries, a zod issue or one made by hand. */
export interface InputIssue {
  path: readonly PropertyKey[];
  message: string;
  params?: Record<string, unknown> | undefined;
}

/** The catalogue words a schema gave its refusal (refusal()), or null for zod's own wording. */
export const refusalWords = (issue: InputIssue): ErrorWords | null => {
  const w = issue.params?.words as ErrorWords | undefined;
  return w && typeof w.key === 'string' ? w : null;
};

/** One issue's words in a locale's language: the catalogue's where its schema gave a refusal, else its message. */
export function issueText(issue: InputIssue, locale: string): string {
  const w = refusalWords(issue);
  return w ? wordError(w, locale) : issue.message;
}

/** The one wording of a refused input: the first three issues as "field: what is wrong; …", in a locale's language. */
export function issuesText(issues: readonly InputIssue[], locale: string): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${issueText(i, locale)}` : issueText(i, locale)))
    .join('; ');
}

/**
 * An input refused by a check outside the dispatcher's own (a service checking again for the CLI, a field checked by
 * hand): it reaches the screen worded as the dispatcher words a refused input, and the CLI reads it in English.
 */
export class InputError extends AppError {
  constructor(readonly issues: readonly InputIssue[]) {
    super('VALIDATION', issuesText(issues, 'en'));
    this.name = 'InputError';
  }

  override toWire(locale: string): WireError {
    return refusedInput(this.issues, locale);
  }
}

/** A refused input for the wire: VALIDATION, its words, and the first refusal's key when its schema gave one. */
export function refusedInput(issues: readonly InputIssue[], locale: string): WireError {
  const first = issues[0] && refusalWords(issues[0]);
  return { code: 'VALIDATION', message: issuesText(issues, locale), ...(first ? { reason: first.key } : {}) };
}
