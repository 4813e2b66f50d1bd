// The playbook: response templates as validated data in SQLite, with versions. The shipped default is loaded into
// an empty table the first time the engine runs against a database.
import { z } from 'zod';
import {
  COMMUNICATION_STYLES,
  INTERACTION_KINDS,
  INTERACTION_OUTCOMES,
  type CommunicationStyle,
  type InteractionKind,
  type InteractionOutcome,
} from '@common/domain';
import { AppError, wordError, words, type ErrorWords } from '@common/errors';
import { uuidv7 } from '@common/sync/ids';
import type { DB } from '../../db/connection';
import { playbookRepo, STORE_SETTING, type TemplateRow } from '../../db/playbook.repo';
import defaultPlaybook from '../../../resources/playbook/default.json' with { type: 'json' };
import type { ServiceContext } from '../context';
import { conditionSchema, FIELDS, fieldsOf, formatPath, type Condition } from './conditions';
import { DEFAULT_TEMPLATE_LANGUAGE, languageSchema } from './language';
import { parseText, VARIABLES, type ParsedText } from './variables';

export const TEMPLATE_KINDS = [
  'greeting',
  'help',
  'service_recovery',
  'follow_up',
  'escalation',
  'pickup',
  'check_in',
  'return_window',
  'return_help',
  'birthday',
  'loyalty',
  'recommendation',
  'honest_unknown',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const RESOLVABLES = ['openIssue', 'followUp', 'pickup'] as const;

/**
 * A problem of our own with a template, as zod carries it: the catalogue words ride in `params`, so the refusal is
 * worded in the store's language (issueWords); the message is the English wording, for whoever reads the raw issue.
 */
function addProblem(ctx: z.RefinementCtx, w: ErrorWords, path?: PropertyKey[]): void {
  ctx.addIssue({ code: 'custom', message: wordError(w, 'en'), params: { words: w }, ...(path ? { path } : {}) });
}

const textSchema = z
  .string()
  .trim()
  .max(600)
  .superRefine((t, ctx) => {
    if (!t) addProblem(ctx, words('playbook.check.textEmpty'));
    for (const w of parseText(t).errors) addProblem(ctx, w);
  });

/** The five texts of one language, one per communication style. */
const styleTexts = z
  .object({ blue: textSchema, green: textSchema, gold: textSchema, orange: textSchema, unknown: textSchema })
  .strict();

/**
 * Kinds that are small talk, check-ins, recommendations, milestones or thanks. While a customer has an open issue
 * they would ring false ("Thanks for sticking with us!" to someone owed a callback), so a template of these kinds, and
 * any offer, is held back then unless it says otherwise (compatibleWithOpenIssues). Templates that follow up an open
 * item (resolves) are what the customer should hear first and are never held back.
 */
export const HELD_BACK_KINDS: ReadonlySet<TemplateKind> = new Set([
  'greeting',
  'birthday',
  'check_in',
  'recommendation',
  'loyalty',
]);

/** Whether a template that does not declare it may be offered while an issue is open. */
export function compatibleByDefault(t: { kind: TemplateKind; offer: boolean }): boolean {
  return !t.offer && !HELD_BACK_KINDS.has(t.kind);
}

const templateObject = z
  .object({
    id: z
      .string()
      .max(64)
      .superRefine((id, ctx) => {
        if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) addProblem(ctx, words('playbook.check.id'));
      }),
    kind: z.enum(TEMPLATE_KINDS),
    title: z.string().trim().min(1).max(80),
    description: z.string().trim().max(500).default(''),
    /** Situation weight: 100 for what must not wait (a follow-up due today), ~30 for small talk. */
    priority: z.number().int().min(0).max(1000),
    enabled: z.boolean().default(true),
    /** Contains an offer or marketing invitation: never shown to a customer who has not agreed to marketing. */
    offer: z.boolean().default(false),
    /**
     * The open item this template is about: it is offered once per such item (the log form then proposes to settle
     * that one), and not at all when the customer has none.
     */
    resolves: z.enum(RESOLVABLES).nullable().default(null),
    /** May be offered while the customer has an open issue; when left out, the kind decides (compatibleByDefault). */
    compatibleWithOpenIssues: z.boolean().optional(),
    /**
     * What the log form's Kind and Outcome become when the clerk uses the template, as a help-desk macro sets fields
     * ("Put right what is still open" logs a complaint); null leaves the form's own. The clerk can still change them.
     */
    logKind: z.enum(INTERACTION_KINDS).nullable().default(null),
    logOutcome: z.enum(INTERACTION_OUTCOMES).nullable().default(null),
    conditions: conditionSchema,
    /** The language of `texts` (ISO 639-1, "en"); every template saved before languages existed is English. */
    language: languageSchema.default(DEFAULT_TEMPLATE_LANGUAGE),
    texts: styleTexts,
    /** The same texts in other languages, by language: {"de": {"blue": …, …}}. A suggestion picks one (language.ts). */
    translations: z.record(languageSchema, styleTexts).default({}),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.language in t.translations) {
      addProblem(ctx, words('playbook.check.ownLanguage', { language: t.language }), ['translations', t.language]);
    }
  });

export const templateSchema = templateObject.transform((t) => ({
  ...t,
  compatibleWithOpenIssues: t.compatibleWithOpenIssues ?? compatibleByDefault(t),
}));

export type PlaybookTemplate = z.output<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;

export const PLAYBOOK_FORMAT = 'counterpart-playbook';

export const playbookFileSchema = z
  .object({
    format: z.literal(PLAYBOOK_FORMAT),
    formatVersion: z.literal(1),
    exportedAt: z.string().optional(),
    storeId: z.string().optional(),
    templates: z.array(templateSchema).min(1).max(500),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.templates.forEach((t, i) => {
      if (seen.has(t.id)) addProblem(ctx, words('playbook.check.twice', { id: t.id }), ['templates', i, 'id']);
      seen.add(t.id);
    });
  });
export type PlaybookFile = z.output<typeof playbookFileSchema>;

export interface StoredTemplate extends PlaybookTemplate {
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** A template ready for matching: its texts parsed once, not on every lookup. */
export interface LoadedTemplate extends StoredTemplate {
  /** By language, then by style. */
  parsed: Record<string, Record<CommunicationStyle, ParsedText>>;
  /** Its conditions or texts speak of the most recent purchase. */
  aboutPurchase: boolean;
}

/**
 * What one zod issue says, as catalogue words: ours (addProblem) as they are, zod's own by its code, so a German store
 * reads "höchstens 600 Zeichen" rather than zod's English; a condition's problems (conditions.ts) carry their own.
 */
function issueWords(i: z.core.$ZodIssue): ErrorWords {
  const ours = i.code === 'custom' ? (i.params as { words?: ErrorWords } | undefined)?.words : undefined;
  if (ours) return ours;
  if ((i.code === 'too_big' || i.code === 'too_small') && i.origin !== 'date') {
    const limit = Number(i.code === 'too_big' ? i.maximum : i.minimum);
    const kind = i.origin === 'string' ? 'text' : i.origin === 'array' ? 'list' : 'number';
    if (i.code === 'too_small' && kind === 'text' && limit <= 1) return words('playbook.check.textEmpty');
    return words(`playbook.check.${i.code === 'too_big' ? 'atMost' : 'atLeast'}.${kind}`, { count: limit });
  }
  if (i.code === 'invalid_value') return words('playbook.check.oneOf', { values: i.values.map(String).join(', ') });
  if (i.code === 'unrecognized_keys') return words('playbook.check.unknownKeys', { keys: i.keys.join(', ') });
  if (i.code === 'invalid_type') return words('playbook.check.type', { expected: i.expected });
  return words('playbook.check.other', { detail: i.message });
}

/** Turns a zod failure into one readable VALIDATION error: where, and what is wrong (the first three issues). */
export function validationError(what: ErrorWords, err: z.ZodError): AppError {
  const problems = err.issues.slice(0, 3).map((i) => {
    const where = formatPath(i.path);
    return words('playbook.issue', { where: where || what, problem: issueWords(i) });
  });
  const more = err.issues.length - problems.length;
  return new AppError(
    'VALIDATION',
    more > 0
      ? words('playbook.invalidMore', { what, problems, count: more })
      : words('playbook.invalid', { what, problems }),
  );
}

export function parseTemplate(input: unknown): PlaybookTemplate {
  const r = templateSchema.safeParse(input);
  if (!r.success) {
    const what =
      typeof input === 'object' && input && 'id' in input
        ? words('playbook.what.template', { id: String((input as { id: unknown }).id) })
        : words('playbook.what.aTemplate');
    throw validationError(what, r.error);
  }
  return r.data;
}

export function parsePlaybookFile(input: unknown): PlaybookFile {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      throw new AppError('VALIDATION', words('playbook.notJson'));
    }
  }
  const r = playbookFileSchema.safeParse(json);
  if (!r.success) throw validationError(words('playbook.what.file'), r.error);
  return r.data;
}

let shipped: PlaybookFile | null = null;
/** The default playbook shipped with the app, validated like any import. */
export function shippedPlaybook(): PlaybookFile {
  shipped ??= parsePlaybookFile(defaultPlaybook);
  return shipped;
}

export function toRow(t: PlaybookTemplate, version: number, at: string, by: number | null): TemplateRow {
  return {
    id: t.id,
    kind: t.kind,
    title: t.title,
    description: t.description,
    conditions: JSON.stringify(t.conditions),
    text_blue: t.texts.blue,
    text_green: t.texts.green,
    text_gold: t.texts.gold,
    text_orange: t.texts.orange,
    text_unknown: t.texts.unknown,
    priority: t.priority,
    enabled: t.enabled ? 1 : 0,
    offer: t.offer ? 1 : 0,
    resolves: t.resolves,
    compatible_with_open_issues: t.compatibleWithOpenIssues ? 1 : 0,
    default_kind: t.logKind,
    default_outcome: t.logOutcome,
    language: t.language,
    translations: JSON.stringify(t.translations),
    version,
    updated_at: at,
    updated_by: by,
  };
}

/** The editable part of a row, in the order the file format uses. */
export function fromRow(r: TemplateRow): PlaybookTemplate {
  return {
    id: r.id,
    kind: r.kind as TemplateKind,
    title: r.title,
    description: r.description,
    priority: r.priority,
    enabled: r.enabled === 1,
    offer: r.offer === 1,
    resolves: r.resolves as PlaybookTemplate['resolves'],
    compatibleWithOpenIssues:
      r.compatible_with_open_issues === null
        ? compatibleByDefault({ kind: r.kind as TemplateKind, offer: r.offer === 1 })
        : r.compatible_with_open_issues === 1,
    logKind: r.default_kind as InteractionKind | null,
    logOutcome: r.default_outcome as InteractionOutcome | null,
    conditions: JSON.parse(r.conditions) as Condition,
    language: r.language,
    texts: {
      blue: r.text_blue,
      green: r.text_green,
      gold: r.text_gold,
      orange: r.text_orange,
      unknown: r.text_unknown,
    },
    translations: JSON.parse(r.translations) as PlaybookTemplate['translations'],
  };
}

export function toStored(r: TemplateRow): StoredTemplate {
  return { ...fromRow(r), version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export function loadTemplate(t: StoredTemplate): LoadedTemplate {
  const parse = (texts: PlaybookTemplate['texts']) =>
    Object.fromEntries(COMMUNICATION_STYLES.map((s) => [s, parseText(texts[s]).parsed])) as Record<
      CommunicationStyle,
      ParsedText
    >;
  const parsed: LoadedTemplate['parsed'] = { [t.language]: parse(t.texts) };
  for (const [language, texts] of Object.entries(t.translations)) parsed[language] = parse(texts);
  const aboutPurchase =
    fieldsOf(t.conditions).some((f) => FIELDS[f].subject === 'purchase') ||
    Object.values(parsed).some((byStyle) =>
      COMMUNICATION_STYLES.some((s) => byStyle[s].variables.some((v) => VARIABLES[v] === 'purchase')),
    );
  return { ...t, parsed, aboutPurchase };
}

/**
 * Writes one template and its history entry; returns the stored state. Call inside a transaction. A version a person
 * saved travels to the chain's other terminals (`travels`, main/sync/playbook-out.ts); the shipped default's (by
 * nobody) does not, as every terminal ships it, and neither does a version that only enables or disables (setEnabled
 * sends the store's switch instead).
 */
export function writeTemplate(
  ctx: ServiceContext,
  t: PlaybookTemplate,
  by: number | null,
  opts: { travels?: boolean; at?: string } = {},
): { stored: StoredTemplate; changed: boolean } {
  const repo = playbookRepo(ctx.db);
  const current = repo.byId.get(t.id);
  const at = opts.at ?? ctx.now().toISOString();
  const row = toRow(t, repo.nextVersion.get(t.id)!, at, by);
  // Compared as rows read back, so the order of keys in the input never makes an unchanged template a new version.
  if (current && JSON.stringify(fromRow(current)) === JSON.stringify(fromRow(row)))
    return { stored: toStored(current), changed: false };
  const version = row.version;
  repo.upsert.run(row);
  repo.insertVersion.run({ template_id: t.id, version, body: JSON.stringify(t), changed_by: by, changed_at: at });
  if (opts.travels ?? by !== null) {
    repo.share.run({
      kind: 'version',
      template_id: t.id,
      version,
      enabled: null,
      store_id: null,
      global_id: uuidv7(),
      hlc: null,
    });
  }
  invalidateTemplates(ctx.db);
  return { stored: toStored(row), changed: true };
}

const ensured = new WeakMap<DB, string>();

/**
 * Makes the database ready for the engine, once per connection and store: names the store for the statistics
 * trigger and brings the shipped playbook in. Into an empty table it loads every template; into a store that has
 * templates it adds the ones shipped since and updates those nobody in the store has changed (written by the app,
 * updated_by NULL) to the shipped text, each change a new version. A template a manager or admin saved, enabled,
 * disabled, imported or restored is theirs and stays as it is. Cheap after the first call.
 */
export function ensureDefaultPlaybook(ctx: ServiceContext): { loaded: number } {
  const db = ctx.db;
  const store = ctx.config.storeId;
  if (ensured.get(db) === store || db.readonly) return { loaded: 0 };
  const repo = playbookRepo(db);
  const file = shippedPlaybook();
  const loaded = db
    .transaction(() => {
      if (repo.setting.get(STORE_SETTING)?.value !== store) repo.putSetting.run(STORE_SETTING, store);
      repo.foldUnnamedStore(store);
      let written = 0;
      for (const t of file.templates) {
        const current = repo.byId.get(t.id);
        if (current && current.updated_by !== null) continue;
        if (writeTemplate(ctx, t, null).changed) written++;
      }
      return written;
    })
    .immediate();
  ensured.set(db, store);
  return { loaded };
}

const cache = new WeakMap<DB, { key: string; templates: LoadedTemplate[] }>();

export function invalidateTemplates(db: DB): void {
  cache.delete(db);
}

/**
 * Enabled and disabled templates, priority first, parsed. Cached per connection; the cache key is a fingerprint
 * of the table (every save bumps a version), so another terminal's edits are picked up on the next lookup.
 * A row that no longer validates (edited outside the app) is left out rather than stopping the counter.
 */
export function loadedTemplates(ctx: ServiceContext): LoadedTemplate[] {
  ensureDefaultPlaybook(ctx);
  const repo = playbookRepo(ctx.db);
  const f = repo.fingerprint.get()!;
  const key = `${f.n}|${f.v}|${f.at}`;
  const hit = cache.get(ctx.db);
  if (hit && hit.key === key) return hit.templates;
  let templates: LoadedTemplate[];
  if (f.n === 0 && ctx.db.readonly) {
    templates = shippedPlaybook().templates.map((t) =>
      loadTemplate({ ...t, version: 0, updatedAt: '', updatedBy: null }),
    );
  } else {
    templates = [];
    for (const r of repo.all.all()) {
      const stored = toStored(r);
      const check = templateSchema.safeParse(fromRow(r));
      if (check.success) templates.push(loadTemplate({ ...stored, ...check.data }));
    }
  }
  cache.set(ctx.db, { key, templates });
  return templates;
}
