import { useEffect, useRef } from 'react';

/** What counts as the clerk still being there. Reading without touching anything does not. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once `minutes` pass without a key, click, scroll or touch. A timer, not the next action: a profile
 * left open at an unattended counter must be covered when the time runs out, not when someone next presses a key.
 */
export function useIdleLock(minutes: number | null, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (minutes === null || minutes <= 0) return;
    const ms = minutes * 60_000;
    let timer = window.setTimeout(() => onIdleRef.current(), ms);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => onIdleRef.current(), ms);
    };
    // Capture phase: a handler that stops propagation must not hide the clerk's activity from the lock.
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, restart, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, restart, { capture: true });
    };
  }, [minutes]);
}
