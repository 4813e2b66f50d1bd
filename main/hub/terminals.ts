// The terminals a hub knows: the list for its admin, revocation, and recognising a terminal by its credential.
import { UUID_V7 } from '@common/sync/ids';
import { HubFailure } from './errors';
import type { Named } from './enrolment';
import type { Pool } from './pg';
import { sha256 } from './secrets';

export interface TerminalView {
  id: string;
  name: string;
  store: Named;
  enrolledAt: string;
  lastSeenAt: string | null;
  appVersion: string | null;
  protocolVersion: number | null;
  revokedAt: string | null;
}

interface TerminalRow {
  id: string;
  name: string;
  store_id: string;
  store_name: string;
  enrolled_at: Date;
  last_seen_at: Date | null;
  app_version: string | null;
  protocol_version: number | null;
  revoked_at: Date | null;
  last_mutation_id: string;
}

const SELECT_TERMINALS = `SELECT t.id, t.name, t.store_id, s.name AS store_name, t.enrolled_at, t.last_seen_at, t.app_version,
       t.protocol_version, t.revoked_at, t.last_mutation_id
  FROM terminals t JOIN stores s ON s.id = t.store_id`;

const view = (r: TerminalRow): TerminalView => ({
  id: r.id,
  name: r.name,
  store: { id: r.store_id, name: r.store_name },
  enrolledAt: r.enrolled_at.toISOString(),
  lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  appVersion: r.app_version,
  protocolVersion: r.protocol_version,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function listTerminals(pool: Pool): Promise<TerminalView[]> {
  const { rows } = await pool.query<TerminalRow>(
    `${SELECT_TERMINALS} ORDER BY lower(s.name), lower(t.name), t.enrolled_at`,
  );
  return rows.map(view);
}

/**
 * Revokes a terminal, named by its id, or by its name (with the store when two stores have a terminal of that name).
 * Takes effect on the terminal's next request to any hub process: nothing caches credentials.
 */
export async function revokeTerminal(
  pool: Pool,
  ref: { terminal: string; store?: string },
  now: Date,
): Promise<{ terminal: TerminalView; alreadyRevoked: boolean }> {
  const byId = UUID_V7.test(ref.terminal);
  const { rows } = await pool.query<TerminalRow>(
    byId
      ? `${SELECT_TERMINALS} WHERE t.id = $1`
      : `${SELECT_TERMINALS} WHERE lower(t.name) = lower($1) AND t.revoked_at IS NULL AND ($2::text IS NULL OR lower(s.name) = lower($2))`,
    byId ? [ref.terminal] : [ref.terminal, ref.store ?? null],
  );
  if (rows.length === 0) {
    throw new HubFailure(
      'NOT_FOUND',
      `No enrolled terminal ${ref.terminal}${ref.store ? ` at ${ref.store}` : ''} (see counterpart hub terminals).`,
    );
  }
  if (rows.length > 1) {
    const stores = rows.map((r) => r.store_name).join(', ');
    throw new HubFailure(
      'VALIDATION',
      `${ref.terminal} is enrolled at ${stores}: say which with --store, or give the terminal's id.`,
    );
  }
  const row = rows[0]!;
  if (row.revoked_at) return { terminal: view(row), alreadyRevoked: true };
  const updated = await pool.query<{ revoked_at: Date }>(
    'UPDATE terminals SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING revoked_at',
    [row.id, now],
  );
  return {
    terminal: view({ ...row, revoked_at: updated.rows[0]?.revoked_at ?? now }),
    alreadyRevoked: updated.rowCount === 0,
  };
}

export async function countTerminals(pool: Pool): Promise<{ active: number; revoked: number }> {
  const { rows } = await pool.query<{ active: number; revoked: number }>(
    'SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS active, count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked FROM terminals',
  );
  return rows[0]!;
}

export interface Caller {
  terminal: Named;
  store: Named;
  /**
   * The last of the caller's mutations the hub had applied when the request came (push.ts): what it holds of that
   * terminal's changes, read with the credential's row, before the request's work (main/sync/hub-restore.ts).
   */
  held: number;
}

/** How long a terminal's "last seen" may lag, so that frequent calls do not each write a row. */
export const LAST_SEEN_PRECISION_MS = 60_000;

/**
 * The terminal behind an `Authorization: Bearer <credential>` header. Unknown and revoked credentials are 401 (the
 * terminal must enrol again); the store check (403) is the caller's, once it has read the request.
 */
export async function authenticate(pool: Pool, header: string | undefined, now: Date): Promise<Caller> {
  const credential = /^Bearer ([^\s]+)$/i.exec(header ?? '')?.[1];
  if (!credential) {
    throw new HubFailure(
      'UNAUTHENTICATED',
      "Send this terminal's credential (Authorization: Bearer …); a terminal gets one by enrolling.",
    );
  }
  const { rows } = await pool.query<TerminalRow>(`${SELECT_TERMINALS} WHERE t.credential_hash = $1`, [
    sha256(credential),
  ]);
  const row = rows[0];
  if (!row)
    throw new HubFailure(
      'UNAUTHENTICATED',
      'This hub does not know this terminal: enrol it with a new code (counterpart hub enroll).',
    );
  if (row.revoked_at) {
    throw new HubFailure(
      'UNAUTHENTICATED',
      `This terminal was revoked on the hub at ${row.revoked_at.toISOString()}: enrol it again with a new code.`,
    );
  }
  if (!row.last_seen_at || now.getTime() - row.last_seen_at.getTime() >= LAST_SEEN_PRECISION_MS) {
    await pool.query('UPDATE terminals SET last_seen_at = $2 WHERE id = $1', [row.id, now]);
  }
  return {
    terminal: { id: row.id, name: row.name },
    store: { id: row.store_id, name: row.store_name },
    held: Number(row.last_mutation_id),
  };
}
