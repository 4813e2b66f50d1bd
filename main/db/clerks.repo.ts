import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

export interface ClerkRow {
  id: number;
  display_name: string;
  role: string;
}

export const clerksRepo = preparedFor((db: Database.Database) => ({
  active: db.prepare<[], ClerkRow>('SELECT id, display_name, role FROM clerks WHERE active = 1 ORDER BY display_name'),
  byId: db.prepare<[number], ClerkRow>('SELECT id, display_name, role FROM clerks WHERE id = ? AND active = 1'),
  insert: db.prepare<{ display_name: string; role: string; created_at: string }>(
    'INSERT INTO clerks (display_name, role, created_at) VALUES (@display_name, @role, @created_at)',
  ),
  count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM clerks'),
}));
