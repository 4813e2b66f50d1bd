import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { refusal } from '@common/errors';
import { currencySchema, localeSchema, timeZoneSchema } from '@common/store-identity';
import { nearest } from '@common/edit-distance';
import { enrolmentCodeSchema } from '@common/sync/api';
import { hubAddress } from '../sync/hub-address';

const isHubAddress = (text: string) => {
  try {
    hubAddress(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * The chain a new terminal joins at start (main/sync/managed-join.ts): both keys or neither. The messages say what is
 * expected without repeating the value, so a mistyped code is not copied into a log or a `config check` report.
 */
const managedHubSchema = z.strictObject({
  url: z
    .string()
    .refine(
      isHubAddress,
      'an https:// hub address such as "https://hub.example.com/" (plain http only to this machine), without a user name, password, query or #fragment',
    ),
  enrolmentCode: z
    .string()
    .refine(
      (code) => enrolmentCodeSchema.safeParse(code).success,
      'the one-time code `counterpart hub enroll` printed, such as "ABCD-EFGH-JKMN-PQRS"',
    ),
});

/** Highest lifetime spend (whole euros) a tier may start at. */
export const MAX_TIER_FROM = 1_000_000;

/**
 * The file IT deploys to fix a terminal's settings. Every key is optional: what the file sets is read-only in the
 * app, what it leaves out falls back to defaults and stays editable by an admin.
 */
export const managedConfigSchema = z
  .object({
    storeId: z.string().trim().min(1).max(64),
    storeName: z.string().trim().min(1).max(120),
    terminalId: z.string().trim().min(1).max(64),
    databasePath: z.string().min(1),
    backupDirectory: z.string().min(1),
    backupEveryHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 7),
    backupKeep: z.number().int().min(1).max(365),
    retentionDays: z.number().int().min(30).max(3650),
    locale: localeSchema,
    currency: currencySchema,
    timeZone: timeZoneSchema,
    // Settings of the back office too: refused in catalogue words (errors.storeSetup), which the Settings tab words in
    // the store's language; the config check prints the English after "expected".
    countryCode: z.string().refine((code) => /^\d{1,3}$/.test(code), refusal('storeSetup.countryCode')),
    returnWindowDays: z.number().int().min(0).max(365),
    tierSilverFrom: z.number().int().min(0).max(MAX_TIER_FROM),
    tierGoldFrom: z.number().int().min(0).max(MAX_TIER_FROM),
    updateUrl: z.url({ protocol: /^https$/, error: 'an https:// URL' }).nullable(),
    pinVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'a version such as "1.4.2"')
      .nullable(),
    idleLockMinutes: z.number().int().min(1).max(240),
    cardPrefix: z.string().refine((prefix) => /^\d{0,12}$/.test(prefix), refusal('storeSetup.cardPrefix')),
    cardLength: z.number().int().min(0).max(40),
    hub: managedHubSchema,
  })
  .partial()
  .strict()
  .refine((c) => c.tierSilverFrom === undefined || c.tierGoldFrom === undefined || c.tierSilverFrom < c.tierGoldFrom, {
    path: ['tierGoldFrom'],
    message: 'a lifetime spend above tierSilverFrom',
  });

export type ManagedConfig = z.infer<typeof managedConfigSchema>;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | null,
    readonly expected: string,
  ) {
    super(
      `Counterpart cannot start: the configuration file ${file} is not valid${key ? `: "${key}" ${expected}` : `: ${expected}`}.`,
    );
    this.name = 'ConfigError';
  }
}

/** Where IT puts the file on each OS; COUNTERPART_CONFIG overrides it (tests, unusual deployments). */
export function managedConfigPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (env.COUNTERPART_CONFIG) return env.COUNTERPART_CONFIG;
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Counterpart', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/Counterpart/config.json';
  return '/etc/counterpart/config.json';
}

export interface LoadedConfig {
  file: string;
  /** null when no file is deployed: everything is at defaults and editable. */
  values: ManagedConfig | null;
  lockedKeys: (keyof ManagedConfig)[];
}

/** Reads and validates the managed file. Never writes it; an invalid file stops start-up with a precise message. */
export function loadManagedConfig(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): LoadedConfig {
  const file = managedConfigPath(platform, env);
  const read = readConfigFile(file, { absentIsEmpty: !env.COUNTERPART_CONFIG });
  if (read === null) return { file, values: null, lockedKeys: [] };
  const first = read.problems[0];
  if (first) throw new ConfigError(file, first.key, first.expected);
  const values = read.values!;
  return { file, values, lockedKeys: Object.keys(values) as (keyof ManagedConfig)[] };
}

/** One thing wrong with a config file: the key (null for the file as a whole) and what was expected of it. */
export interface ConfigProblem {
  key: string | null;
  expected: string;
  /** For a key that is not a setting: the setting nearest to it, the one most likely meant. */
  nearest?: string;
}

/** Every setting a managed file may hold. */
export const MANAGED_KEYS = Object.keys(managedConfigSchema.shape) as (keyof ManagedConfig)[];
const HUB_KEYS = Object.keys(managedHubSchema.shape);

/**
 * Reads a config file and lists everything wrong with it (start-up stops at the first; `config check` shows them
 * all). Null when the file is absent and that is allowed (nothing deployed).
 */
export function readConfigFile(
  file: string,
  opts: { absentIsEmpty: boolean },
): { values: ManagedConfig | null; problems: ConfigProblem[] } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && opts.absentIsEmpty) return null;
    return {
      values: null,
      problems: [{ key: null, expected: `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { values: null, problems: [{ key: null, expected: `it is not valid JSON (${(err as Error).message})` }] };
  }
  const parsed = managedConfigSchema.safeParse(json);
  if (parsed.success) return { values: parsed.data, problems: [] };
  return { values: null, problems: parsed.error.issues.flatMap((issue) => problemsOf(issue, json)) };
}

function problemsOf(issue: z.core.$ZodIssue, json: unknown): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    // Inside "hub" the known keys are its own, named with their prefix ("hub.url").
    const prefix = issue.path.map((k) => `${String(k)}.`).join('');
    const known = prefix === 'hub.' ? HUB_KEYS : MANAGED_KEYS;
    return issue.keys.map((key) => {
      const near = `${prefix}${nearest(key, known)!}`;
      const all = known.map((k) => `${prefix}${k}`).join(', ');
      return {
        key: `${prefix}${key}`,
        expected: `is not a known setting (the nearest is "${near}"; known: ${all})`,
        nearest: near,
      };
    });
  }
  return [
    {
      key: issue.path.map(String).join('.') || null,
      expected: `expected ${describeExpected(issue, valueAt(json, issue.path))}`,
    },
  ];
}

function valueAt(json: unknown, keys: PropertyKey[]): unknown {
  return keys.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    json,
  );
}

function describeExpected(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `a ${issue.expected}, got ${JSON.stringify(got)}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    default:
      return issue.message.replace(/^Invalid input: /, '').replace(/^expected /, '');
  }
}
