import type { KeyboardEvent } from 'react';

/**
 * The keys of a form at the counter: Ctrl+Enter (⌘+Enter) saves, Esc cancels. The form handles them first and marks
 * them handled, so the counter's own shortcuts (Ctrl+Enter saves the log, Esc goes to the search) do not act too.
 */
export function formKeys(save: () => void, cancel: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  };
}
