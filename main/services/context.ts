import { DEFAULT_CURRENCY, DEFAULT_LOCALE } from '@common/format';
import { DEMO_STORE_ID } from '@common/store-identity';
import type { DB } from '../db/connection';

/** Store-level settings the services need. Comes from the managed config file and the settings table. */
export interface StoreConfig {
  storeId: string;
  storeName: string;
  terminalId: string;
  timeZone: string;
  /** Language and region the store's dates and numbers are written in (BCP 47, "en-IE"). */
  locale: string;
  /** The store's currency (ISO 4217, "EUR"). */
  currency: string;
  /** Country calling code used to put local phone numbers into international form, digits only ("353"). */
  countryCode: string;
  returnWindowDays: number;
  /** Lifetime spend, in whole euros, from which a customer is silver / gold. */
  tierSilverFrom: number;
  tierGoldFrom: number;
  /** Minutes without a call after which the terminal signs the clerk out. */
  idleLockMinutes: number;
  /** The store's loyalty cards: leading digits ('' any) and length (0 any); only such bursts count as scans. */
  cardPrefix: string;
  cardLength: number;
}

export const DEFAULT_CONFIG: StoreConfig = {
  storeId: DEMO_STORE_ID,
  storeName: 'Counterpart Demo Store',
  terminalId: 'counter-1',
  timeZone: 'Europe/Dublin',
  locale: DEFAULT_LOCALE,
  currency: DEFAULT_CURRENCY,
  countryCode: '353',
  returnWindowDays: 30,
  tierSilverFrom: 500,
  tierGoldFrom: 2_000,
  idleLockMinutes: 15,
  cardPrefix: '',
  cardLength: 0,
};

export interface ServiceContext {
  db: DB;
  config: StoreConfig;
  /** Injected so tests and the demo store can fix "today". */
  now: () => Date;
}

export function createContext(
  db: DB,
  config: Partial<StoreConfig> = {},
  now: () => Date = () => new Date(),
): ServiceContext {
  return { db, config: { ...DEFAULT_CONFIG, ...config }, now };
}
