// Pending draft saves, so signing out can write them before the session (and the right to save) ends.
const pending = new Set<() => Promise<void>>();

export function registerFlush(flush: () => Promise<void>): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

export async function flushAllDrafts(): Promise<void> {
  await Promise.allSettled([...pending].map((f) => f()));
}
