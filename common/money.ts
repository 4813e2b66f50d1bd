// Money as every screen, report and message shows it. Amounts travel as integers in the currency's minor units
// (cents); the store's currency is euro until the store gets a currency setting (issue #18), and this is the one
// place that will then read it.
export const STORE_CURRENCY = 'EUR';

const formats = new Map<string, Intl.NumberFormat>();

/** "€25.00" for 2500: Intl's currency format, one formatter per currency kept for reuse. */
export function formatMoney(minor: number, currency: string = STORE_CURRENCY): string {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    formats.set(currency, f);
  }
  return f.format(minor / 100);
}
