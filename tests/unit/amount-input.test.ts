// The amount box reads and shows amounts in the store's currency and locale (common/amount-input.ts): as many decimals
// as the currency has (Intl's data: EUR 2, JPY 0, KWD 3), the locale's own decimal mark, and a clear reason otherwise.
import { describe, expect, it } from 'vitest';
import { amountExample, amountInput, readAmount } from '@common/amount-input';
import { translator } from '@common/i18n';
import { minorDigits } from '@common/money';
import { amountProblemText } from '../../renderer/src/lib/recovery-draft';

const eur = { locale: 'en-IE', currency: 'EUR' };
const eurDe = { locale: 'de-DE', currency: 'EUR' };
const jpy = { locale: 'ja-JP', currency: 'JPY' };
const kwd = { locale: 'en-GB', currency: 'KWD' };

const minor = (typed: string, money: typeof eur) => {
  const r = readAmount(typed, money);
  return r.ok ? r.minor : r.problem;
};

describe('a typed amount', () => {
  it('takes the currency’s minor units from Intl', () => {
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it('in EUR, English: a point for decimals, at most two, the sign and grouping allowed', () => {
    expect(['25', '7.5', '12.50', '€ 12.50', '12.50 EUR', '1,250.00', '', '0.05'].map((t) => minor(t, eur))).toEqual([
      2500, 750, 1250, 1250, 1250, 125_000, 0, 5,
    ]);
    expect(['12.505', '12,50', '1,25', '-3', 'abc', '12.', '1.2.3'].map((t) => minor(t, eur))).toEqual([
      'tooManyDecimals',
      'notANumber',
      'notANumber',
      'notANumber',
      'notANumber',
      'notANumber',
      'notANumber',
    ]);
  });

  it('in EUR, German: a comma for decimals; a point only groups thousands, never reads as a decimal', () => {
    expect(['12,50', '12,5', '12 €', '1.250,00', '1.250'].map((t) => minor(t, eurDe))).toEqual([
      1250, 1250, 1200, 125_000, 125_000,
    ]);
    expect(['12.50', '12,505'].map((t) => minor(t, eurDe))).toEqual(['notANumber', 'tooManyDecimals']);
  });

  it('in JPY: whole yen only', () => {
    expect(['2500', '¥2,500', '￥2500'].map((t) => minor(t, jpy))).toEqual([2500, 2500, 2500]);
    expect(minor('2500.5', jpy)).toBe('tooManyDecimals');
  });

  it('in KWD: three decimals, a minor unit of 1/1000', () => {
    expect(['12.5', '12.500', '0.125', '3'].map((t) => minor(t, kwd))).toEqual([12_500, 12_500, 125, 3000]);
    expect(minor('0.1255', kwd)).toBe('tooManyDecimals');
  });

  it('refuses more than the limit given, and more digits than make a safe amount', () => {
    expect(readAmount('100.01', eur, 10_000)).toEqual({ ok: false, problem: 'tooLarge' });
    expect(readAmount('100.00', eur, 10_000)).toEqual({ ok: true, minor: 10_000 });
    expect(readAmount('9'.repeat(16), eur)).toEqual({ ok: false, problem: 'tooLarge' });
  });
});

describe('an amount shown in the box', () => {
  it('is written the way the box reads it back, in each currency and locale', () => {
    expect([amountInput(2500, eur), amountInput(1250, eur), amountInput(1250, eurDe)]).toEqual([
      '25',
      '12.50',
      '12,50',
    ]);
    expect([amountInput(2500, jpy), amountInput(125, kwd), amountInput(3000, kwd)]).toEqual(['2500', '0.125', '3']);
    for (const [money, value] of [
      [eur, 123_456_789],
      [eurDe, 123_456_789],
      [jpy, 123_456_789],
      [kwd, 123_456_789],
    ] as const)
      expect(readAmount(amountInput(value, money), money)).toEqual({ ok: true, minor: value });
  });
});

describe('the reason a typed amount is refused', () => {
  it('says how many decimals the currency has, with an amount the box would take, in the store’s language', () => {
    const en = translator('en-IE');
    const de = translator('de-DE');
    expect(amountProblemText(en, eur, 'tooManyDecimals')).toBe('EUR amounts have at most 2 decimals, such as 12.50.');
    expect(amountProblemText(de, eurDe, 'tooManyDecimals')).toBe(
      'Beträge in EUR haben höchstens 2 Nachkommastellen, etwa 12,50.',
    );
    expect(amountProblemText(en, jpy, 'tooManyDecimals')).toBe(
      'JPY amounts have no decimals: write a whole number such as 12.',
    );
    expect(amountProblemText(en, kwd, 'tooManyDecimals')).toBe('KWD amounts have at most 3 decimals, such as 12.500.');
    expect(amountProblemText(de, eurDe, 'notANumber')).toBe('Der Betrag muss eine Zahl sein, etwa 12,50.');
    expect(amountExample(jpy)).toBe('12');
  });
});
