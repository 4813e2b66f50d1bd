import { useEffect, useRef } from 'react';

export interface CounterKeys {
  focusSearch(): void;
  newCustomer(): void;
  walkIn(): void;
  toggleHelp(): void;
  save(): void;
  applySuggestion(index: number): void;
  focusNotes(): void;
  focusTimeline(): void;
  editProfile(): void;
  /** A printable key pressed outside any text field: the search box takes it (and a scanner's burst). */
  typeToSearch(key: string, at: number): void;
}

function isEditable(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  return false;
}

/**
 * Counter-wide shortcuts. Components handle their own keys first (React runs before this document listener) and
 * call preventDefault when they did something, so a key is never acted on twice.
 */
export function useCounterHotkeys(keys: CounterKeys): void {
  const ref = useRef(keys);
  ref.current = keys;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const k = ref.current;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('dialog')) return;
      const mod = e.ctrlKey || e.metaKey;
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };

      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return act(k.focusSearch);
      if (mod && e.key === 'Enter') return act(k.save);
      if (e.altKey && !mod) {
        // e.code, not e.key: Alt+letter types a different character on some layouts.
        if (e.code === 'KeyN') return act(k.newCustomer);
        if (e.code === 'KeyW') return act(k.walkIn);
        if (e.code === 'KeyL') return act(k.focusNotes);
        if (e.code === 'KeyT') return act(k.focusTimeline);
        // P, not E: Alt+E opens the Edit menu of Electron's default menu bar on Windows and Linux.
        if (e.code === 'KeyP') return act(k.editProfile);
        if (e.code === 'KeyS') return act(k.focusSearch);
        const digit = /^Digit([1-5])$/.exec(e.code);
        if (digit) return act(() => k.applySuggestion(Number(digit[1]) - 1));
        return;
      }
      if (e.key === 'Escape') return k.focusSearch();
      if (e.key === 'F1') return act(k.toggleHelp);
      if (mod || e.altKey || isEditable(target)) return;
      if (e.key === '?') return act(k.toggleHelp);
      if (e.key === '/') return act(k.focusSearch);
      if (e.key.length === 1 && e.key !== ' ' && !target?.closest('form')) k.typeToSearch(e.key, e.timeStamp);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
