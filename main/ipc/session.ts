/** Who is at the terminal. One per window (Electron) or per preview token; never trusted from the renderer. */
export interface Session {
  clerkId: number | null;
}

export const newSession = (): Session => ({ clerkId: null });
