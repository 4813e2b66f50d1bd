import type Database from 'better-sqlite3';
import type { NewInteractionRow } from './interactions.repo';
import { preparedFor } from './prepared';

/** An interaction row as it was written (the request id aside), with its clerk's name and what it settled. */
export interface InteractionRow extends Omit<NewInteractionRow, 'request_id'> {
  id: number;
  clerk_name: string;
  /** "Store, terminal" for an entry pulled from another terminal (interaction_origins); null for one logged here. */
  place: string | null;
  /** JSON array of the issue ids the interaction settled (interaction_resolves). */
  resolves: string;
}

export interface TimelineRow {
  type: 'purchase' | 'interaction';
  id: number;
  at: string;
}

export interface PurchaseRow {
  id: number;
  purchased_at: string;
  receipt_no: string;
  total_cents: number;
  items: string;
}

export interface OpenIssueRow {
  interaction_id: number;
  opened_at: string;
  due_date: string | null;
}

const INTERACTION_COLUMNS = `i.*, c.display_name AS clerk_name,
  (SELECT json_group_array(issue_id) FROM interaction_resolves WHERE interaction_id = i.id) AS resolves,
  (SELECT store_name || ', ' || terminal_name FROM interaction_origins WHERE interaction_id = i.id) AS place`;

export const historyRepo = preparedFor((db: Database.Database) => ({
  /** Newest first, keyset-paginated on (at, type, id) so deep pages cost the same as the first. */
  timelinePage: db.prepare<{ customer: number; at: string; type: string; id: number; limit: number }, TimelineRow>(`
    SELECT type, id, at FROM (
      SELECT * FROM (
        SELECT 'purchase' AS type, id, purchased_at AS at FROM purchases
        WHERE customer_id = @customer AND (purchased_at, 'purchase', id) < (@at, @type, @id)
        ORDER BY purchased_at DESC, id DESC LIMIT @limit)
      UNION ALL
      SELECT * FROM (
        SELECT 'interaction' AS type, id, created_at AS at FROM interactions
        WHERE customer_id = @customer AND amends_id IS NULL AND (created_at, 'interaction', id) < (@at, @type, @id)
        ORDER BY created_at DESC, id DESC LIMIT @limit)
    ) ORDER BY at DESC, type DESC, id DESC LIMIT @limit`),
  purchasesByIds: (ids: number[]): PurchaseRow[] =>
    ids.length === 0
      ? []
      : db
          .prepare<number[], PurchaseRow>(
            `SELECT p.id, p.purchased_at, p.receipt_no, p.total_cents,
               (SELECT json_group_array(json_object('sku', sku, 'description', description, 'quantity', quantity,
                  'unitPriceCents', unit_price_cents, 'returnStatus', return_status))
                FROM purchase_items WHERE purchase_id = p.id) AS items
             FROM purchases p WHERE p.id IN (${ids.map(() => '?').join(',')})`,
          )
          .all(...ids),
  interactionsByIds: (ids: number[]): InteractionRow[] =>
    ids.length === 0
      ? []
      : db
          .prepare<number[], InteractionRow>(
            `SELECT ${INTERACTION_COLUMNS} FROM interactions i JOIN clerks c ON c.id = i.clerk_id
             WHERE i.id IN (${ids.map(() => '?').join(',')})`,
          )
          .all(...ids),
  /** Amendments of the given originals, oldest first, so the last one per original is the one in force. */
  amendmentsOf: (ids: number[]): InteractionRow[] =>
    ids.length === 0
      ? []
      : db
          .prepare<number[], InteractionRow>(
            `SELECT ${INTERACTION_COLUMNS} FROM interactions i JOIN clerks c ON c.id = i.clerk_id
             WHERE i.amends_id IN (${ids.map(() => '?').join(',')}) ORDER BY i.id`,
          )
          .all(...ids),
  openIssues: db.prepare<[number], OpenIssueRow>(
    `SELECT interaction_id, opened_at, due_date FROM open_issues
     WHERE customer_id = ? AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 50`,
  ),
  openIssueIds: (ids: number[]): { interaction_id: number }[] =>
    ids.length === 0
      ? []
      : db
          .prepare<number[], { interaction_id: number }>(
            `SELECT interaction_id FROM open_issues WHERE closed_at IS NULL
             AND interaction_id IN (${ids.map(() => '?').join(',')})`,
          )
          .all(...ids),
}));
