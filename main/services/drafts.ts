import type { Draft } from '@common/domain';
import type { ServiceContext } from './context';

// Drafts live in the database (not browser storage) so an app crash or power cut loses at most the last keystrokes.
export function getDraft(ctx: ServiceContext, key: string): Draft | null {
  const r = ctx.db
    .prepare<[string], { key: string; body: string; updated_at: string }>(
      'SELECT key, body, updated_at FROM drafts WHERE key = ?',
    )
    .get(key);
  return r ? { key: r.key, body: r.body, updatedAt: r.updated_at } : null;
}

export function saveDraft(ctx: ServiceContext, key: string, body: string): void {
  ctx.db
    .prepare(
      'INSERT INTO drafts (key, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
    )
    .run(key, body, ctx.now().toISOString());
}

export function clearDraft(ctx: ServiceContext, key: string): void {
  ctx.db.prepare('DELETE FROM drafts WHERE key = ?').run(key);
}
