import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

export interface FieldChangeRow {
  customer_id: number;
  field: string;
  /** The field's value as JSON ("087 123 4567" quoted, true, ["vip"], null). */
  old_value: string;
  new_value: string;
  clerk_id: number;
  terminal_id: string;
  changed_at: string;
}

export interface ViewRow {
  viewed_at: string;
  clerk_id: number | null;
  clerk_name: string | null;
  terminal_id: string;
}

/** The audit of one profile: who changed which field (customer_field_changes), who opened it (profile_views). */
export const profileAuditRepo = preparedFor((db: Database.Database) => ({
  addChange: db.prepare<FieldChangeRow>(
    `INSERT INTO customer_field_changes (customer_id, field, old_value, new_value, clerk_id, terminal_id, changed_at)
     VALUES (@customer_id, @field, @old_value, @new_value, @clerk_id, @terminal_id, @changed_at)`,
  ),
  deleteChanges: db.prepare<[number]>('DELETE FROM customer_field_changes WHERE customer_id = ?'),
  /**
   * One statement per opening, and nothing when the same clerk opened the profile on the same terminal since
   * @since: re-renders and reloads right after an edit are not new openings.
   */
  addView: db.prepare<{ customer: number; clerk: number | null; terminal: string; at: string; since: string }>(
    `INSERT INTO profile_views (customer_id, clerk_id, terminal_id, viewed_at)
     SELECT @customer, @clerk, @terminal, @at
     WHERE NOT EXISTS (SELECT 1 FROM profile_views WHERE customer_id = @customer AND viewed_at > @since
                       AND clerk_id IS @clerk AND terminal_id = @terminal)`,
  ),
  countViews: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM profile_views WHERE customer_id = ?'),
  recentViews: db.prepare<[number, number], ViewRow>(
    `SELECT v.viewed_at, v.clerk_id, c.display_name AS clerk_name, v.terminal_id
     FROM profile_views v LEFT JOIN clerks c ON c.id = v.clerk_id
     WHERE v.customer_id = ? ORDER BY v.viewed_at DESC, v.id DESC LIMIT ?`,
  ),
  deleteViewsBefore: db.prepare<[string]>('DELETE FROM profile_views WHERE viewed_at < ?'),
}));
