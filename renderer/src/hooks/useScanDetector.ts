import { useCallback, useRef } from 'react';
import { isCardShaped, type CardShape } from '@common/card-shape';

/**
 * Wedge scanners send keys 5–30 ms apart; even fast data entry by hand is 100 ms or more per digit. The typical gap
 * of a burst must be at most this (a little over the nominal 50 ms, so a loaded terminal still recognises a scan).
 */
export const SCAN_GAP_MS = 60;
/** Where a burst starts: a pause this long. Generous, since the median gap (not the pause) tells scan from typing. */
const BURST_BREAK_MS = 500;
/** A scanner set up without an Enter suffix leaves the clerk to press it; that is still a scan. */
const ENTER_GAP_MS = 1500;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : Infinity;
};

/**
 * Tells a card scan from typing by keystroke timing: the whole value must have arrived as one burst of digits whose
 * keys were typically within SCAN_GAP_MS of each other, followed promptly by Enter. The median (not every gap)
 * decides, so a single key delayed by a busy machine does not turn a scan into a search. Timing alone cannot tell a
 * scanner from a fast typist, so the burst must also be shaped like the store's cards (prefix and length).
 */
export function useScanDetector(card: CardShape) {
  const burst = useRef('');
  const gaps = useRef<number[]>([]);
  const last = useRef(-Infinity);

  /** Call for every printable key that reaches the search box (event.timeStamp is when the key was pressed). */
  const noteKey = useCallback((key: string, at: number) => {
    if (key.length !== 1) return;
    const gap = at - last.current;
    if (gap <= BURST_BREAK_MS) {
      burst.current += key;
      gaps.current.push(gap);
    } else {
      burst.current = key;
      gaps.current = [];
    }
    last.current = at;
  }, []);

  const reset = useCallback(() => {
    burst.current = '';
    gaps.current = [];
    last.current = -Infinity;
  }, []);

  /** On Enter: the scanned card number, or null when the value was typed by hand. */
  const scanned = useCallback(
    (value: string, at: number): string | null => {
      const code = burst.current;
      const ok =
        at - last.current <= ENTER_GAP_MS &&
        code === value.trim() &&
        isCardShaped(code, card) &&
        median(gaps.current) <= SCAN_GAP_MS;
      reset();
      return ok ? code : null;
    },
    [reset, card],
  );

  return { noteKey, scanned, reset };
}
