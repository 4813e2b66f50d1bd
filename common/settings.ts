// Store settings as the back office sees them: where each value comes from and whether it may be changed here.

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

/** managed: the config file IT deploys; store: changed in the app and kept in the database; default: neither. */
export type SettingSource = 'managed' | 'store' | 'default';

export interface SettingView {
  key: SettingKey;
  group: SettingGroup;
  label: string;
  description: string;
  value: SettingValue;
  source: SettingSource;
  /** Not changeable in the app at all: IT fixed it in the managed config, or only that file can set it. */
  locked: boolean;
  /** Why it is read-only (locked, or the signed-in role may not change it); null when it can be edited. */
  readOnlyReason: string | null;
  /** Whether the signed-in clerk may change it now. */
  editable: boolean;
  /** The lowest role that may change it in the app; null when only the config file sets it. */
  editRole: 'manager' | 'admin' | null;
  type: 'number' | 'text';
  min?: number;
  max?: number;
  unit?: string;
}

export const MANAGED_LOCK_TEXT = 'Set by your IT department (managed config)';
