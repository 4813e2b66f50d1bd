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

/** Digits of a card a result row shows: enough to tell two cards apart at a glance, few enough for a narrow column. */
export const CARD_END_DIGITS = 6;

/**
 * The part of a card number that tells it apart: every card of a store starts with the same digits (its prefix), so
 * a list of cards cut to fit shows "2000010…" on every row. This drops the store's prefix and keeps the last
 * CARD_END_DIGITS digits, marked "…" when any were left out. Not the store's card (another prefix): the same end.
 */
export function cardEnd(card: string, shape: CardShape): string {
  const rest = shape.prefix && card.startsWith(shape.prefix) ? card.slice(shape.prefix.length) : card;
  return rest.length > CARD_END_DIGITS || rest !== card ? `…${rest.slice(-CARD_END_DIGITS)}` : card;
}
