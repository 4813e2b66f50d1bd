import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

export interface NewInteractionRow {
  customer_id: number | null;
  created_at: string;
  local_day: string;
  kind: string;
  outcome: string;
  sentiment: number | null;
  notes: string;
  follow_up_due: string | null;
  clerk_id: number;
  terminal_id: string;
  suggestion_template_id: string | null;
  resolves_id: number | null;
  amends_id: number | null;
  amend_reason: string | null;
  request_id: string | null;
}

export const interactionsRepo = preparedFor((db: Database.Database) => ({
  insert: db.prepare<NewInteractionRow>(
    `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, follow_up_due,
       clerk_id, terminal_id, suggestion_template_id, resolves_id, amends_id, amend_reason, request_id)
     VALUES (@customer_id, @created_at, @local_day, @kind, @outcome, @sentiment, @notes, @follow_up_due,
       @clerk_id, @terminal_id, @suggestion_template_id, @resolves_id, @amends_id, @amend_reason, @request_id)`,
  ),
  originalById: db.prepare<[number], { id: number; customer_id: number | null }>(
    'SELECT id, customer_id FROM interactions WHERE id = ? AND amends_id IS NULL',
  ),
  byRequestId: db.prepare<[string], { id: number }>('SELECT id FROM interactions WHERE request_id = ?'),
}));
