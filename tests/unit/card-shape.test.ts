import { describe, expect, it } from 'vitest';
import { ANY_CARD, CARD_END_DIGITS, cardEnd, isCardShaped } from '@common/card-shape';
import { managedConfigSchema } from '../../main/config/managed-config';
import { loyaltyNumber } from '../../main/services/demo/people';

describe('what counts as a card scan', () => {
  const demoCard = loyaltyNumber(41, 7);
  const shape = { prefix: demoCard.slice(0, 4), length: demoCard.length };

  it("takes the store's own cards", () => {
    expect(isCardShaped(demoCard, shape)).toBe(true);
  });

  it('refuses a phone number, a card cut short and a card with a foreign prefix', () => {
    expect(isCardShaped('0871234567', shape)).toBe(false);
    expect(isCardShaped(demoCard.slice(0, -1), shape)).toBe(false);
    expect(isCardShaped(`9${demoCard.slice(1)}`, shape)).toBe(false);
  });

  it('with no shape set, any 4 to 40 digits (as before) and never letters', () => {
    expect(isCardShaped('0871234567', ANY_CARD)).toBe(true);
    expect(isCardShaped('123', ANY_CARD)).toBe(false);
    expect(isCardShaped('12a4', ANY_CARD)).toBe(false);
  });

  it('the config file accepts digits only for the prefix', () => {
    expect(managedConfigSchema.safeParse({ cardPrefix: '2000', cardLength: 13 }).success).toBe(true);
    expect(managedConfigSchema.safeParse({ cardPrefix: '20-00' }).success).toBe(false);
    expect(managedConfigSchema.safeParse({ cardLength: 41 }).success).toBe(false);
  });
});

describe('the end of a card a result row shows', () => {
  const a = loyaltyNumber(41, 7);
  const b = loyaltyNumber(42, 7);
  const shape = { prefix: a.slice(0, 4), length: a.length };

  it("drops the store's prefix and keeps the distinguishing digits, which differ where the starts do not", () => {
    expect(a.slice(0, 7)).toBe(b.slice(0, 7));
    expect(cardEnd(a, shape)).toBe(`…${a.slice(-CARD_END_DIGITS)}`);
    expect(cardEnd(a, shape)).not.toBe(cardEnd(b, shape));
  });

  it('shows a short card whole, and says when the prefix alone was left out', () => {
    expect(cardEnd('12345', ANY_CARD)).toBe('12345');
    expect(cardEnd('2000123', { prefix: '2000', length: 0 })).toBe('…123');
    expect(cardEnd('98765432109', ANY_CARD)).toBe(`…${'98765432109'.slice(-CARD_END_DIGITS)}`);
  });
});
