import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

export interface ClerkRow {
  id: number;
  display_name: string;
  role: string;
  locked_until: string | null;
}

export interface ClerkAuthRow extends ClerkRow {
  pin_hash: string | null;
  failed_pins: number;
  lockouts: number;
}

export const clerksRepo = preparedFor((db: Database.Database) => ({
  active: db.prepare<[], ClerkRow>(
    'SELECT id, display_name, role, locked_until FROM clerks WHERE active = 1 ORDER BY display_name',
  ),
  byId: db.prepare<[number], ClerkRow>(
    'SELECT id, display_name, role, locked_until FROM clerks WHERE id = ? AND active = 1',
  ),
  authById: db.prepare<[number], ClerkAuthRow>(
    'SELECT id, display_name, role, locked_until, pin_hash, failed_pins, lockouts FROM clerks WHERE id = ? AND active = 1',
  ),
  insert: db.prepare<{ display_name: string; role: string; created_at: string; pin_hash: string | null }>(
    'INSERT INTO clerks (display_name, role, created_at, pin_hash) VALUES (@display_name, @role, @created_at, @pin_hash)',
  ),
  setPin: db.prepare<[string, number]>(
    'UPDATE clerks SET pin_hash = ?, failed_pins = 0, lockouts = 0, locked_until = NULL WHERE id = ?',
  ),
  /**
   * Counts a PIN attempt before the PIN is checked, in one statement: atomic for every caller of this connection and
   * for other processes on the same file. No row back means the attempt may not be made (locked, no PIN, or the
   * attempts left are all being checked already).
   */
  countAttempt: db.prepare<[number, string, number], { failed_pins: number; pin_hash: string }>(
    `UPDATE clerks SET failed_pins = failed_pins + 1
     WHERE id = ? AND active = 1 AND pin_hash IS NOT NULL AND (locked_until IS NULL OR locked_until <= ?) AND failed_pins < ?
     RETURNING failed_pins, pin_hash`,
  ),
  /** This counter's count set to the store's, the one the hub keeps across counters (main/hub/clerks.ts). */
  setFailed: db.prepare<[number, number]>('UPDATE clerks SET failed_pins = ? WHERE id = ?'),
  lock: db.prepare<[number, string, number]>(
    'UPDATE clerks SET failed_pins = 0, lockouts = ?, locked_until = ? WHERE id = ?',
  ),
  recordSuccess: db.prepare<[number]>(
    'UPDATE clerks SET failed_pins = 0, lockouts = 0, locked_until = NULL WHERE id = ?',
  ),
  count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM clerks'),
}));
