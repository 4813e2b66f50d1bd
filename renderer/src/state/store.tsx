import { createContext, useContext } from 'react';
import type { AppInfo, Clerk } from '@common/domain';

export interface StoreState {
  info: AppInfo;
  clerk: Clerk;
  /** Reads the store's name and terminal again, after a setting that shows in the header was saved. */
  refreshInfo(): void;
}

export const StoreContext = createContext<StoreState | null>(null);

export function useStore(): StoreState {
  const s = useContext(StoreContext);
  if (!s) throw new Error('useStore outside the signed-in counter');
  return s;
}
