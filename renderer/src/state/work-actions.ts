import { createContext, useContext, type RefObject } from 'react';

/** What the global shortcuts can ask of the suggestions panel and log form currently on screen. */
export interface WorkActions {
  save(): void;
  applySuggestion(index: number): void;
  focusNotes(): void;
  /** Ties the log form to one open issue of the customer on screen: logging it settles that issue. */
  resolveIssue(issueId: number): void;
}

export const WorkActionsContext = createContext<RefObject<WorkActions | null> | null>(null);

export function useWorkActionsRef(): RefObject<WorkActions | null> {
  const ref = useContext(WorkActionsContext);
  if (!ref) throw new Error('useWorkActionsRef outside the counter screen');
  return ref;
}
