// Store settings: the managed config file IT deploys, values changed in the back office (kept in the settings
// table), and defaults, combined into what the services read from ctx.config.
//
// Precedence: a key in the managed file wins and is read-only in the app; otherwise a value saved in the app;
// otherwise the process default (ctx.config as the backend was started). Values that map onto ctx.config are applied
// to it in place when saved, so everything reading ctx.config per call (suggestions, the idle lock, history) sees
// them at once without a restart.
//
// Who may change what: store policies (return window, goodwill) are the manager's, because they decide how the
// counter treats customers. Store identity, time zone, terminal id and the idle lock are the admin's: they change
// how records are dated and attributed and how the terminal is secured. File locations, the backup schedule,
// retention and the update feed are read from the config file before the database opens and drive jobs set up at
// start, so only that file sets them; the app shows them read-only (the update feed also must not be redirectable
// from the counter).
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Clerk } from '@common/domain';
import { AppError, refusalWords, wordWith } from '@common/errors';
import { createFormat, type Format } from '@common/format';
import { languageOf, translator } from '@common/i18n';
import { ROLE_RANK } from '@common/permissions';
import {
  SETTING_KEYS,
  type ReadOnlyReason,
  type SettingGroup,
  type SettingKey,
  type SettingSource,
  type SettingUnit,
  type SettingValue,
  type SettingView,
  withUnit,
} from '@common/settings';
import { managedConfigSchema, MAX_TIER_FROM, type ManagedConfig } from '../config/managed-config';
import { GOODWILL_SETTING } from '../db/playbook.repo';
import { audit } from './audit';
import type { ServiceContext, StoreConfig } from './context';
import { DEFAULT_BACKUP_EVERY_HOURS } from './backup';
import { DEFAULT_STORE_COPY_DAYS } from './store-copies';
import { DEFAULT_GOODWILL_DAYS } from './suggestions/facts';
import {
  DEFAULT_CLERK_GOODWILL,
  DEFAULT_LOYAL_YEARS,
  defaultRemedyRuleText,
  parseRemedyRule,
  REMEDY_RULE_VOCABULARY,
  remedyRuleWords,
  type RemedyRuleProblem,
  type Severity,
} from '@common/recovery';

/** A setting's rules; its name and help text are the catalogue's settings.field.<key>. */
interface Def {
  group: SettingGroup;
  /** null: only the config file sets it. */
  editRole: 'manager' | 'admin' | null;
  type: 'number' | 'text';
  schema: z.ZodType<SettingValue>;
  min?: number;
  max?: number;
  unit?: SettingUnit;
  /** Row in the settings table holding the value saved in the app. */
  storedAs?: string;
  /** The field of ctx.config it drives. */
  config?: keyof StoreConfig;
}

/** The file's own rule for a key, so the app and the file accept exactly the same values. */
const fileRule = (key: keyof ManagedConfig) => managedConfigSchema.shape[key].unwrap() as z.ZodType<SettingValue>;
const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
/** Highest goodwill limit a manager can give a clerk, in whole currency units. */
const MAX_GOODWILL_LIMIT = 100_000;

/** A clerk's goodwill limit, in whole currency units; the manager's to set. */
const goodwillLimit = (storedAs: string): Def => ({
  group: 'policies',
  editRole: 'manager',
  type: 'number',
  schema: wholeNumber(0, MAX_GOODWILL_LIMIT),
  min: 0,
  max: MAX_GOODWILL_LIMIT,
  unit: 'currency',
  storedAs,
});

/** A row of the suggested-remedy table: checked by the same parser the suggestion reads it with. */
const remedyRule = (severity: Severity): Def => ({
  group: 'policies',
  editRole: 'manager',
  type: 'text',
  schema: z
    .string()
    .max(200)
    .superRefine((text, c) => {
      const parsed = parseRemedyRule(text);
      if (!parsed.ok) c.addIssue({ code: 'custom', message: parsed.problem.code, params: parsed.problem });
    }),
  max: 200,
  storedAs: `recovery.remedy_${severity}`,
});

const DEFS: Record<SettingKey, Def> = {
  storeName: {
    group: 'store',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('storeName'),
    max: 120,
    storedAs: 'store.name',
    config: 'storeName',
  },
  storeId: {
    group: 'store',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('storeId'),
    max: 64,
    storedAs: 'store.id',
    config: 'storeId',
  },
  timeZone: {
    group: 'store',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('timeZone'),
    storedAs: 'store.time_zone',
    config: 'timeZone',
  },
  countryCode: {
    group: 'store',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('countryCode'),
    storedAs: 'store.country_code',
    config: 'countryCode',
  },
  locale: {
    group: 'store',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('locale'),
    storedAs: 'store.locale',
    config: 'locale',
  },
  currency: {
    group: 'store',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('currency'),
    storedAs: 'store.currency',
    config: 'currency',
  },
  cardPrefix: {
    group: 'store',
    editRole: 'manager',
    type: 'text',
    schema: fileRule('cardPrefix'),
    max: 12,
    storedAs: 'store.card_prefix',
    config: 'cardPrefix',
  },
  cardLength: {
    group: 'store',
    editRole: 'manager',
    type: 'number',
    schema: fileRule('cardLength'),
    min: 0,
    max: 40,
    unit: 'digits',
    storedAs: 'store.card_length',
    config: 'cardLength',
  },
  returnWindowDays: {
    group: 'policies',
    editRole: 'manager',
    type: 'number',
    schema: fileRule('returnWindowDays'),
    min: 0,
    max: 365,
    unit: 'days',
    storedAs: 'policy.return_window_days',
    config: 'returnWindowDays',
  },
  goodwillDays: {
    group: 'policies',
    editRole: 'manager',
    type: 'number',
    schema: wholeNumber(0, 365),
    min: 0,
    max: 365,
    unit: 'days',
    storedAs: GOODWILL_SETTING,
  },
  tierSilverFrom: {
    group: 'policies',
    editRole: 'manager',
    type: 'number',
    schema: fileRule('tierSilverFrom'),
    min: 0,
    max: MAX_TIER_FROM,
    unit: 'currency',
    storedAs: 'policy.tier_silver_from',
    config: 'tierSilverFrom',
  },
  tierGoldFrom: {
    group: 'policies',
    editRole: 'manager',
    type: 'number',
    schema: fileRule('tierGoldFrom'),
    min: 0,
    max: MAX_TIER_FROM,
    unit: 'currency',
    storedAs: 'policy.tier_gold_from',
    config: 'tierGoldFrom',
  },
  goodwillClerkPerInteraction: goodwillLimit('recovery.clerk_per_interaction'),
  goodwillClerkPerDay: goodwillLimit('recovery.clerk_per_day'),
  remedyMinor: remedyRule('minor'),
  remedySerious: remedyRule('serious'),
  remedySevere: remedyRule('severe'),
  remedyLoyalYears: {
    group: 'policies',
    editRole: 'manager',
    type: 'number',
    schema: wholeNumber(0, 100),
    min: 0,
    max: 100,
    unit: 'years',
    storedAs: 'recovery.loyal_years',
  },
  terminalId: {
    group: 'terminal',
    editRole: 'admin',
    type: 'text',
    schema: fileRule('terminalId'),
    max: 64,
    storedAs: 'terminal.id',
    config: 'terminalId',
  },
  idleLockMinutes: {
    group: 'terminal',
    editRole: 'admin',
    type: 'number',
    schema: fileRule('idleLockMinutes'),
    min: 1,
    max: 240,
    unit: 'minutes',
    storedAs: 'security.idle_lock_minutes',
    config: 'idleLockMinutes',
  },
  databasePath: {
    group: 'terminal',
    editRole: null,
    type: 'text',
    schema: fileRule('databasePath'),
  },
  backupDirectory: {
    group: 'backups',
    editRole: null,
    type: 'text',
    schema: fileRule('backupDirectory'),
  },
  backupEveryHours: {
    group: 'backups',
    editRole: null,
    type: 'number',
    schema: fileRule('backupEveryHours'),
    unit: 'hours',
  },
  backupKeep: {
    group: 'backups',
    editRole: null,
    type: 'number',
    schema: fileRule('backupKeep'),
  },
  retentionDays: {
    group: 'backups',
    editRole: null,
    type: 'number',
    schema: fileRule('retentionDays'),
    unit: 'days',
  },
  storeCopyDays: {
    group: 'backups',
    editRole: 'admin',
    type: 'number',
    schema: wholeNumber(1, 3650),
    min: 1,
    max: 3650,
    unit: 'days',
    storedAs: 'store_copies.keep_days',
  },
  updateUrl: {
    group: 'updates',
    editRole: null,
    type: 'text',
    schema: fileRule('updateUrl'),
  },
  pinVersion: {
    group: 'updates',
    editRole: null,
    type: 'text',
    schema: fileRule('pinVersion'),
  },
};

/** Facts about this process that only the composition root knows. */
export interface TerminalFacts {
  managed: ManagedConfig | null;
  databasePath: string | null;
  backupDirectory: string | null;
  backupKeep: number | null;
}

const facts = new WeakMap<ServiceContext, TerminalFacts>();
const factsOf = (ctx: ServiceContext): TerminalFacts =>
  facts.get(ctx) ?? { managed: null, databasePath: null, backupDirectory: null, backupKeep: null };

const isManaged = (f: TerminalFacts, key: SettingKey) => !!f.managed && Object.hasOwn(f.managed, key);

function readStored(ctx: ServiceContext, def: Def): SettingValue | undefined {
  if (!def.storedAs) return undefined;
  const row = ctx.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(def.storedAs);
  if (!row) return undefined;
  const parsed = def.schema.safeParse(def.type === 'number' ? Number(row.value) : row.value);
  // A value that no longer passes (the rules tightened) is ignored rather than breaking start-up.
  return parsed.success ? parsed.data : undefined;
}

/**
 * Called once by the backend: remembers the managed file and file locations for this context, and puts managed and
 * saved values into ctx.config.
 */
export function initStoreSettings(ctx: ServiceContext, terminal: TerminalFacts): void {
  facts.set(ctx, terminal);
  for (const key of SETTING_KEYS) {
    const def = DEFS[key];
    if (!def.config) continue;
    const value = isManaged(terminal, key) ? terminal.managed![key as keyof ManagedConfig] : readStored(ctx, def);
    if (value !== undefined && value !== null) (ctx.config as unknown as Record<string, unknown>)[def.config] = value;
  }
}

/**
 * The values a new store starts with (first run, `counterpart init`), already checked by the caller: written where the
 * settings form would keep them and applied to ctx.config. No audit entry per value: the store's creation is audited.
 */
export function writeStartingSettings(ctx: ServiceContext, values: Partial<Record<SettingKey, string | number>>): void {
  const put = ctx.db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(values) as [SettingKey, string | number][]) {
    const def = DEFS[key];
    if (!def.storedAs) throw new Error(`${key} is not kept in the store`);
    put.run(def.storedAs, String(value));
    // What IT fixed in the config file still wins, as it does at every start.
    if (def.config && !isManaged(factsOf(ctx), key)) {
      (ctx.config as unknown as Record<string, unknown>)[def.config] = value;
    }
  }
}

function current(
  ctx: ServiceContext,
  key: SettingKey,
  f: TerminalFacts,
): { value: SettingValue; source: SettingSource } {
  const def = DEFS[key];
  // The managed hub (an address and a secret) is no setting the back office shows: it joins the chain at start.
  if (isManaged(f, key))
    return { value: f.managed![key as Exclude<keyof ManagedConfig, 'hub'>] ?? null, source: 'managed' };
  const stored = readStored(ctx, def);
  if (stored !== undefined) return { value: stored, source: 'store' };
  if (def.config) return { value: ctx.config[def.config] as SettingValue, source: 'default' };
  const defaults: Partial<Record<SettingKey, SettingValue>> = {
    goodwillDays: DEFAULT_GOODWILL_DAYS,
    goodwillClerkPerInteraction: DEFAULT_CLERK_GOODWILL.perInteraction,
    goodwillClerkPerDay: DEFAULT_CLERK_GOODWILL.perDay,
    // A default rule reads in the store's language, as the manager would type it there.
    remedyMinor: defaultRemedyRuleText('minor', languageOf(ctx.config.locale)),
    remedySerious: defaultRemedyRuleText('serious', languageOf(ctx.config.locale)),
    remedySevere: defaultRemedyRuleText('severe', languageOf(ctx.config.locale)),
    remedyLoyalYears: DEFAULT_LOYAL_YEARS,
    databasePath: f.databasePath,
    backupDirectory: f.backupDirectory,
    backupEveryHours: DEFAULT_BACKUP_EVERY_HOURS,
    backupKeep: f.backupKeep,
    retentionDays: null,
    storeCopyDays: DEFAULT_STORE_COPY_DAYS,
    updateUrl: null,
    pinVersion: null,
  };
  return { value: defaults[key] ?? null, source: 'default' };
}

/** A setting as it is in force now (managed file, else saved in the app, else its default), for the services. */
export function settingValue(ctx: ServiceContext, key: SettingKey): SettingValue {
  return current(ctx, key, factsOf(ctx)).value;
}

/** Where the store and its copies live and how long copies stay: what erasure reports and the clean-up jobs act on. */
export interface StoragePolicy {
  databasePath: string | null;
  backupDirectory: string | null;
  backupKeep: number;
  backupEveryHours: number;
  storeCopyDays: number;
}

export function storagePolicy(ctx: ServiceContext): StoragePolicy {
  const f = factsOf(ctx);
  const value = (key: SettingKey) => current(ctx, key, f).value;
  const num = (key: SettingKey, fallback: number) =>
    typeof value(key) === 'number' ? (value(key) as number) : fallback;
  return {
    databasePath: (value('databasePath') as string | null) ?? null,
    backupDirectory: (value('backupDirectory') as string | null) ?? null,
    backupKeep: num('backupKeep', 1),
    backupEveryHours: num('backupEveryHours', DEFAULT_BACKUP_EVERY_HOURS),
    storeCopyDays: num('storeCopyDays', DEFAULT_STORE_COPY_DAYS),
  };
}

const mayEdit = (clerk: Clerk, role: 'manager' | 'admin') => ROLE_RANK[clerk.role] >= ROLE_RANK[role];

function view(ctx: ServiceContext, key: SettingKey, clerk: Clerk, f: TerminalFacts): SettingView {
  const def = DEFS[key];
  const { value, source } = current(ctx, key, f);
  const managed = source === 'managed';
  const locked = managed || def.editRole === null;
  const readOnly: ReadOnlyReason | null = managed
    ? 'managed'
    : def.editRole === null
      ? 'configFile'
      : !mayEdit(clerk, def.editRole)
        ? 'role'
        : null;
  const out: SettingView = {
    key,
    group: def.group,
    value,
    source,
    locked,
    readOnly,
    editable: readOnly === null,
    editRole: def.editRole,
    type: def.type,
  };
  if (def.min !== undefined) out.min = def.min;
  if (def.max !== undefined) out.max = def.max;
  if (def.unit !== undefined) out.unit = def.unit;
  return out;
}

export function listSettings(ctx: ServiceContext, clerk: Clerk): SettingView[] {
  const f = factsOf(ctx);
  return SETTING_KEYS.map((k) => view(ctx, k, clerk, f));
}

/** Pairs whose first value must stay below the second, whichever of them a save changes. */
const ORDERED: [SettingKey, SettingKey][] = [['tierSilverFrom', 'tierGoldFrom']];

const isKey = (k: string): k is SettingKey => (SETTING_KEYS as readonly string[]).includes(k);

/** The messages of a save, in the store's language: the manager reads them on the Settings tab. */
interface Words {
  t: TFunction;
  f: Format;
  name(key: SettingKey): string;
}
function wordsOf(ctx: ServiceContext): Words {
  const t = translator(ctx.config.locale);
  return { t, f: createFormat(ctx.config), name: (key) => t(`settings.field.${key}.label`) };
}

function remedyRuleText({ t, f }: Words, p: RemedyRuleProblem): string {
  switch (p.code) {
    case 'shape':
      return t('settings.remedyRule.shape', { example: REMEDY_RULE_VOCABULARY[languageOf(f.locale)].example });
    case 'word':
      return t('settings.remedyRule.word', { words: f.list(remedyRuleWords(languageOf(f.locale))), word: p.word });
    case 'part':
      return t('settings.remedyRule.part', { part: p.part });
    case 'missing':
      return t('settings.remedyRule.missing', {
        tiers: f.list(p.tiers.map((tier) => REMEDY_RULE_VOCABULARY[languageOf(f.locale)].tiers[tier])),
      });
  }
}

function problem(w: Words, def: Def, key: SettingKey, issue: z.core.$ZodIssue | undefined): string {
  const { t, f } = w;
  const about = { name: w.name(key), key };
  if (def.type === 'number' && def.min !== undefined && def.max !== undefined) {
    return t('settings.invalid.range', { ...about, min: f.number(def.min), max: withUnit(f, t, def.max, def.unit) });
  }
  if (issue?.code === 'too_small') return t('settings.invalid.empty', about);
  if (issue?.code === 'too_big')
    return t('settings.invalid.tooLong', { ...about, max: f.number(Number(issue.maximum)) });
  if (issue?.code === 'invalid_type')
    return t(def.type === 'number' ? 'settings.invalid.number' : 'settings.invalid.text', about);
  // A rule of its own: the store identity's schemas (and the country code's, the card prefix's) give theirs in
  // catalogue words, the same the first-run screen shows (errors.storeSetup); a remedy rule gives its problem.
  const own = issue && refusalWords(issue);
  const remedy = !own && issue?.code === 'custom' ? (issue.params as RemedyRuleProblem | undefined) : undefined;
  const rule = own
    ? wordWith(t, own)
    : remedy
      ? remedyRuleText(w, remedy)
      : (issue?.message.replace(/^Invalid input: /, '') ?? '');
  return t('settings.invalid.rule', { ...about, rule });
}

/**
 * Saves several settings at once (one group of the form): all are checked before any is written, each change is
 * audited with its old and new value, and ctx.config is updated so the change applies on the next call.
 */
export function updateSettings(ctx: ServiceContext, clerk: Clerk, values: Record<string, unknown>): SettingView[] {
  const f = factsOf(ctx);
  const w = wordsOf(ctx);
  const { t } = w;
  const changes: { key: SettingKey; def: Def; from: SettingValue; to: SettingValue }[] = [];
  const keys = Object.keys(values);
  if (keys.length === 0) throw new AppError('VALIDATION', t('settings.invalid.nothing'));
  for (const key of keys) {
    if (!isKey(key)) throw new AppError('VALIDATION', t('settings.invalid.unknown', { key }));
    const def = DEFS[key];
    const about = { name: w.name(key), key };
    if (isManaged(f, key)) throw new AppError('FORBIDDEN', t('settings.invalid.managed', about));
    if (def.editRole === null || !def.storedAs)
      throw new AppError('FORBIDDEN', t('settings.invalid.configFile', about));
    if (!mayEdit(clerk, def.editRole)) {
      throw new AppError(
        'FORBIDDEN',
        t('settings.invalid.role', {
          ...about,
          needed: t(`settings.invalid.needs.${def.editRole}`),
          clerk: clerk.displayName,
          role: t(`role.${clerk.role}`),
        }),
      );
    }
    const raw = values[key];
    const input =
      def.type === 'number' && typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)
        ? Number(raw)
        : typeof raw === 'string'
          ? raw.trim()
          : raw;
    const parsed = def.schema.safeParse(input);
    if (!parsed.success) throw new AppError('VALIDATION', problem(w, def, key, parsed.error.issues[0]));
    const from = current(ctx, key, f).value;
    if (parsed.data !== from) changes.push({ key, def, from, to: parsed.data });
  }
  for (const [lower, upper] of ORDERED) {
    const after = (k: SettingKey) => changes.find((c) => c.key === k)?.to ?? current(ctx, k, f).value;
    const [low, high] = [after(lower), after(upper)];
    if (typeof low === 'number' && typeof high === 'number' && low >= high) {
      const amount = (key: SettingKey, n: number) => withUnit(w.f, t, n, DEFS[key].unit);
      throw new AppError(
        'VALIDATION',
        t('settings.invalid.below', {
          name: w.name(lower),
          key: lower,
          upper: w.name(upper),
          upperKey: upper,
          low: amount(lower, low),
          high: amount(upper, high),
        }),
      );
    }
  }
  ctx.db
    .transaction(() => {
      const put = ctx.db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      );
      for (const c of changes) {
        put.run(c.def.storedAs!, String(c.to));
        audit(ctx, clerk.id, 'settings_change', c.key, { from: c.from, to: c.to });
      }
    })
    .immediate();
  for (const c of changes) {
    if (c.def.config) (ctx.config as unknown as Record<string, unknown>)[c.def.config] = c.to;
  }
  return listSettings(ctx, clerk);
}
