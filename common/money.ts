// Money as every screen, report and message shows it. Amounts travel as integers in the currency's minor units
// (cents for EUR, yen for JPY, fils for KWD): how many digits a minor unit has comes from Intl's own currency data, so
// a store in any ISO 4217 currency keeps integer arithmetic and shows the right number of decimals.

const digits = new Map<string, number>();

/** Decimal places of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(currency, d);
  }
  return d;
}

/** Minor units in one whole unit of the currency: 100 for EUR, 1 for JPY, 1000 for KWD. */
export const minorPerUnit = (currency: string): number => 10 ** minorDigits(currency);

/** Whole units (a setting such as "a clerk may grant up to 50") as minor units of the currency. */
export const unitsToMinor = (units: number, currency: string): number => Math.round(units * minorPerUnit(currency));

/** The amount in whole units for Intl (2500 cents is 25): exact enough, as minor amounts are safe integers. */
export const minorToUnits = (minor: number, currency: string): number => minor / minorPerUnit(currency);
