/** Who is at the terminal. One per window (Electron) or per preview token; never trusted from the renderer. */
export interface Session {
  clerkId: number | null;
  /** Epoch ms of the last call made while signed in; the terminal locks itself after the configured idle time. */
  lastActivityAt: number;
}

export const newSession = (): Session => ({ clerkId: null, lastActivityAt: 0 });
