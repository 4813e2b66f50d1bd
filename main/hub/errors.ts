// A refusal the hub answers with: an HTTP status and the { code, message } body. Anything else thrown while
// answering is a failure of the hub: logged with its stack, answered as INTERNAL (or UNAVAILABLE when PostgreSQL is
// out of reach) without details.
import type { HubErrorCode } from '@common/sync/protocol';

export const STATUS_OF: Record<HubErrorCode, number> = {
  VALIDATION: 400,
  UNSUPPORTED_VERSION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export class HubFailure extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    /** When HTTP has a more exact status than the code's usual one (405, 415). */
    readonly status: number = STATUS_OF[code],
  ) {
    super(message);
    this.name = 'HubFailure';
  }
}

/** SQLSTATE classes and socket errors that mean "PostgreSQL cannot be reached right now", not a bug. */
const UNAVAILABLE_PG = /^(08|53|57P)/;
const UNAVAILABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNAVAILABLE_PG.test(code) || UNAVAILABLE_NET.has(code))) return true;
  const message = err instanceof Error ? err.message : '';
  // pg-pool's own words when no connection could be made in time, or the server went away mid-query.
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message);
}
