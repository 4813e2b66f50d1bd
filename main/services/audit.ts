import type { AuditEntry } from '@common/domain';
import type { ServiceContext } from './context';

export type AuditEvent =
  | 'sign_in'
  | 'sign_in_failed'
  | 'lockout'
  | 'sign_out'
  | 'pin_reset'
  | 'pin_changed'
  | 'clerk_created'
  | 'store_created'
  | 'playbook_change'
  | 'export'
  | 'erase'
  | 'settings_change'
  | 'backup'
  | 'restore'
  | 'import'
  | 'customer_update'
  | 'goodwill_grant'
  | 'chain_join';

/** Appends one security-relevant event. Details must never hold PINs or customer personal data. */
export function audit(
  ctx: ServiceContext,
  clerkId: number | null,
  event: AuditEvent,
  subject: string | null = null,
  details: Record<string, unknown> = {},
): void {
  ctx.db
    .prepare('INSERT INTO audit_log (at, clerk_id, terminal_id, event, subject, details) VALUES (?, ?, ?, ?, ?, ?)')
    .run(ctx.now().toISOString(), clerkId, ctx.config.terminalId, event, subject, JSON.stringify(details));
}

export function listAudit(
  ctx: ServiceContext,
  q: { from?: string | undefined; to?: string | undefined; limit: number },
): AuditEntry[] {
  const rows = ctx.db
    .prepare<
      [string, string, number],
      {
        id: number;
        at: string;
        clerk_id: number | null;
        clerk_name: string | null;
        terminal_id: string;
        event: string;
        subject: string | null;
        details: string;
      }
    >(
      `SELECT a.id, a.at, a.clerk_id, c.display_name AS clerk_name, a.terminal_id, a.event, a.subject, a.details
       FROM audit_log a LEFT JOIN clerks c ON c.id = a.clerk_id
       WHERE a.at >= ? AND a.at < ? ORDER BY a.id DESC LIMIT ?`,
    )
    .all(q.from ?? '0000', q.to ? `${q.to}T99` : '9999', q.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    terminalId: r.terminal_id,
    event: r.event,
    subject: r.subject,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
