// Store settings as the back office sees them: where each value comes from and whether it may be changed here.
// Names, help texts and reasons are not carried: the catalogues hold them under settings.field.<key> and
// settings.readOnly, so the screen and the main process's messages say the same in the store's language.
import type { TFunction } from 'i18next';
import type { Format } from './format';
import { unitsToMinor } from './money';

export const SETTING_GROUPS = ['store', 'policies', 'terminal', 'backups', 'updates'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

export const SETTING_KEYS = [
  'storeName',
  'storeId',
  'timeZone',
  'countryCode',
  'locale',
  'currency',
  'returnWindowDays',
  'cardPrefix',
  'cardLength',
  'goodwillDays',
  'tierSilverFrom',
  'tierGoldFrom',
  'goodwillClerkPerInteraction',
  'goodwillClerkPerDay',
  'remedyMinor',
  'remedySerious',
  'remedySevere',
  'remedyLoyalYears',
  'terminalId',
  'idleLockMinutes',
  'databasePath',
  'backupDirectory',
  'backupEveryHours',
  'backupKeep',
  'retentionDays',
  'storeCopyDays',
  'updateUrl',
  'pinVersion',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type SettingValue = string | number | null;

/** What a number counts: `currency` is whole units of the store's currency, the others are words in the catalogue. */
export type SettingUnit = 'currency' | 'days' | 'minutes' | 'hours' | 'digits' | 'years';

/**
 * Why a setting is read-only here: IT fixed it in the managed config, only that file sets it, or the signed-in role
 * may not change it (editRole says which role may).
 */
export type ReadOnlyReason = 'managed' | 'configFile' | 'role';

/** managed: the config file IT deploys; store: changed in the app and kept in the database; default: neither. */
export type SettingSource = 'managed' | 'store' | 'default';

export interface SettingView {
  key: SettingKey;
  group: SettingGroup;
  value: SettingValue;
  source: SettingSource;
  /** Not changeable in the app at all: IT fixed it in the managed config, or only that file can set it. */
  locked: boolean;
  /** Why it is read-only (locked, or the signed-in role may not change it); null when it can be edited. */
  readOnly: ReadOnlyReason | null;
  /** Whether the signed-in clerk may change it now. */
  editable: boolean;
  /** The lowest role that may change it in the app; null when only the config file sets it. */
  editRole: 'manager' | 'admin' | null;
  type: 'number' | 'text';
  min?: number;
  max?: number;
  unit?: SettingUnit;
}

/** A setting's number with its unit, the store's way: "28 days" / "28 Tage", "€2,000.00" / "2.000,00 €". */
export function withUnit(f: Format, t: TFunction, n: number, unit: SettingUnit | undefined): string {
  if (unit === 'currency') return f.money(unitsToMinor(n, f.currency));
  if (!unit) return f.number(n);
  return t(`settings.unit.${unit}`, { count: n, n: f.number(n) });
}
