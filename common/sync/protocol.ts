// The hub protocol's version and its errors, shared by the hub and the terminals.
//
// Every /v1 request names the protocol it speaks in one header, read before anything else, so a hub can answer a
// terminal from another protocol version in a sentence it understands even when the bodies have changed shape.
import { z } from 'zod';
import { ERROR_CODES } from '../errors';

/** The protocol this build speaks. Bump it when a request or response changes shape. */
export const PROTOCOL_VERSION = 3;
/**
 * The oldest terminal protocol this build's hub still serves: 3, as a terminal of 2 cannot read a playbook fact in
 * its pull (nor one of 1 a merge).
 */
export const MIN_PROTOCOL_VERSION = 3;
export const PROTOCOL_HEADER = 'counterpart-protocol';

export interface ProtocolRange {
  min: number;
  max: number;
}
export const THIS_HUB_PROTOCOLS: ProtocolRange = { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION };

/** Why a terminal speaking `terminal` cannot talk to a hub serving `hub`, in one sentence; null when it can. */
export function protocolProblem(terminal: number | null, hub: ProtocolRange): string | null {
  if (terminal === null) {
    return `Say which sync protocol this terminal speaks in the ${PROTOCOL_HEADER} header; this hub speaks ${hub.min} to ${hub.max}.`;
  }
  if (terminal < hub.min) {
    return `This terminal speaks sync protocol ${terminal}, but the hub needs ${hub.min} or newer: update Counterpart on this terminal.`;
  }
  if (terminal > hub.max) {
    return `This terminal speaks sync protocol ${terminal}, but the hub only knows up to ${hub.max}: update the hub first.`;
  }
  return null;
}

/**
 * The IPC error codes plus what only HTTP has: no or a dead credential (401), a body over the limit (413), another
 * protocol version, and a hub whose database is down (503).
 */
export const HUB_ERROR_CODES = [
  ...ERROR_CODES,
  'UNAUTHENTICATED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_VERSION',
  'UNAVAILABLE',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

/** The body of every answer that is not 2xx. */
export const hubErrorSchema = z.object({ code: z.enum(HUB_ERROR_CODES), message: z.string() });
export type HubError = z.infer<typeof hubErrorSchema>;
