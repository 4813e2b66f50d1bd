// What a loyalty-card scan looks like in this store. A keyboard-wedge scanner and a fast typist both send a burst of
// digits and Enter; only a burst shaped like the store's cards (its length and prefix, store settings) is taken for
// a scan, so a phone number typed quickly is still a search.

export interface CardShape {
  /** Leading digits every card of the store has; '' when the store does not say. */
  prefix: string;
  /** Number of digits of a card; 0 when the store does not say (then 4 to 40 digits). */
  length: number;
}

export const ANY_CARD: CardShape = { prefix: '', length: 0 };
const DIGITS = /^\d{4,40}$/;

export function isCardShaped(code: string, shape: CardShape): boolean {
  return DIGITS.test(code) && code.startsWith(shape.prefix) && (shape.length === 0 || code.length === shape.length);
}
