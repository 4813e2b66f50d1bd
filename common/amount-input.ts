// An amount as a clerk types it into a box and as the box shows it back: the inverse of Format.money for input. The
// store's currency decides how many decimals an amount may have (EUR 2, JPY 0, KWD 3, from Intl's own currency data)
// and the store's locale which mark separates them ("12,50" in German, "12.50" in English). Only that mark is read as
// the decimal one: in German "12.50" is refused rather than read as 1,250, and in English "12,50" rather than 1,250.
// The locale's grouping mark is accepted between groups of three digits ("1.250,00"), and the currency's sign or code
// (or any currency sign) before or after the number ("€ 12", "12 €", "12 EUR").
import { minorDigits } from './money';

export interface MoneySettings {
  /** BCP 47, the store's locale. */
  locale: string;
  /** ISO 4217, the store's currency. */
  currency: string;
}

/** Why a typed amount is not one: not a number in this locale, more decimals than the currency has, or too large. */
export type AmountProblem = 'notANumber' | 'tooManyDecimals' | 'tooLarge';

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

/** Digits before the decimal mark that still make a safe integer of minor units in any currency. */
const MAX_WHOLE_DIGITS = 12;

function marks(locale: string, currency: string) {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const sign =
    new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')
      ?.value ?? currency;
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    sign,
  };
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "12,50" in a German EUR store → 1250 minor units; "" is 0 (no amount typed). */
export function readAmount(typed: string, money: MoneySettings, maxMinor = Number.MAX_SAFE_INTEGER): AmountReading {
  const { decimal, group, sign } = marks(money.locale, money.currency);
  let t = typed.trim();
  for (const s of [sign, money.currency]) {
    if (t.startsWith(s)) t = t.slice(s.length).trim();
    if (t.endsWith(s)) t = t.slice(0, -s.length).trim();
  }
  // Any other currency sign a keyboard offers ("¥" where Japanese writes "￥").
  t = t.replace(/^\p{Sc}\s*|\s*\p{Sc}$/gu, '');
  if (t === '') return { ok: true, minor: 0 };
  // A locale that groups with a (narrow) no-break space also takes the plain space a keyboard types.
  const groups = /\s/.test(group) ? `[${literal(group)} ]` : literal(group);
  const shape = new RegExp(`^(\\d+|\\d{1,3}(?:${groups}\\d{3})+)(?:${literal(decimal)}(\\d+))?$`, 'u');
  const m = shape.exec(t);
  if (!m) return { ok: false, problem: 'notANumber' };
  const whole = m[1]!.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  const fraction = m[2] ?? '';
  const digits = minorDigits(money.currency);
  if (fraction.length > digits) return { ok: false, problem: 'tooManyDecimals' };
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, problem: 'tooLarge' };
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return minor <= maxMinor ? { ok: true, minor } : { ok: false, problem: 'tooLarge' };
}

/** Minor units as the box shows them: "25" for a whole amount, else every decimal ("12,50", "0.125"); no grouping. */
export function amountInput(minor: number, money: MoneySettings): string {
  const digits = minorDigits(money.currency);
  const whole = minor % 10 ** digits === 0;
  return new Intl.NumberFormat(money.locale, {
    useGrouping: false,
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

/** An amount the box accepts, for the words of an error: "12.50" in EUR, "12,500" in a German KWD store, "12" in JPY. */
export const amountExample = (money: MoneySettings): string => {
  const digits = minorDigits(money.currency);
  return amountInput(12 * 10 ** digits + (digits > 0 ? 5 * 10 ** (digits - 1) : 0), money);
};
