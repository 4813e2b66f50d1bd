import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

/** A complaint's recovery (migration 0013-recovery): all set, or all null (NO_RECOVERY). */
export interface RecoveryColumns {
  recovery_severity: string | null;
  recovery_what: string | null;
  recovery_remedy: string | null;
  recovery_amount_minor: number | null;
  recovery_root_cause: string | null;
  goodwill_approved_by: number | null;
}

export interface NewInteractionRow extends RecoveryColumns {
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
  said: string;
  amends_id: number | null;
  amend_reason: string | null;
  request_id: string | null;
}

/** The recovery columns of an entry that carries none: amendments, reviews, every kind but a recovered complaint. */
export const NO_RECOVERY = {
  recovery_severity: null,
  recovery_what: null,
  recovery_remedy: null,
  recovery_amount_minor: null,
  recovery_root_cause: null,
  goodwill_approved_by: null,
} as const satisfies RecoveryColumns;

export const interactionsRepo = preparedFor((db: Database.Database) => ({
  insert: db.prepare<NewInteractionRow>(
    `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, follow_up_due,
       clerk_id, terminal_id, suggestion_template_id, said, amends_id, amend_reason, request_id,
       recovery_severity, recovery_what, recovery_remedy, recovery_amount_minor, recovery_root_cause, goodwill_approved_by)
     VALUES (@customer_id, @created_at, @local_day, @kind, @outcome, @sentiment, @notes, @follow_up_due,
       @clerk_id, @terminal_id, @suggestion_template_id, @said, @amends_id, @amend_reason, @request_id,
       @recovery_severity, @recovery_what, @recovery_remedy, @recovery_amount_minor, @recovery_root_cause, @goodwill_approved_by)`,
  ),
  /** The link that closes an open issue (trigger interaction_resolves_close, migration 0010). */
  settle: db.prepare<[number, number]>('INSERT INTO interaction_resolves (interaction_id, issue_id) VALUES (?, ?)'),
  /** An issue as open_issues holds it: whose it is and whether it is still open. */
  issueById: db.prepare<[number], { customer_id: number | null; closed_at: string | null }>(
    'SELECT customer_id, closed_at FROM open_issues WHERE interaction_id = ?',
  ),
  originalById: db.prepare<[number], { id: number; customer_id: number | null }>(
    'SELECT id, customer_id FROM interactions WHERE id = ? AND amends_id IS NULL',
  ),
  byRequestId: db.prepare<[string], { id: number }>('SELECT id FROM interactions WHERE request_id = ?'),
}));
