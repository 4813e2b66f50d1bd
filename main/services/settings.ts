import type { ServiceContext } from './context';

export function getSetting(ctx: ServiceContext, key: string): string | null {
  const r = ctx.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
  return r?.value ?? null;
}

export function setSetting(ctx: ServiceContext, key: string, value: string): void {
  ctx.db
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}
