import { describe, expect, it } from 'vitest';
import { ANY_CARD, isCardShaped } from '../../common/card-shape';
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
