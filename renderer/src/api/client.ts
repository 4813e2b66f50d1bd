// The renderer's only way to the backend. Electron provides window.counterpart (built by preload from the
// contract); in a plain browser the same calls go to the loopback preview server, which knows this browser by the
// HttpOnly cookie its one-time link set (the page itself never sees a credential).
import type { CounterpartBridge, MethodInput, MethodName, MethodOutput } from '@common/contract';
import type { Envelope, ErrorCode, ErrorKey } from '@common/errors';

declare global {
  interface Window {
    counterpart?: CounterpartBridge;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Which refusal, for a screen that reacts to one (WireError.reason); never the words. */
    readonly reason?: ErrorKey,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function overHttp<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Envelope<MethodOutput<M>>> {
  let res: Response;
  try {
    res = await fetch(`/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiError('INTERNAL', 'The counter service is not reachable. Check that Counterpart is still running.');
  }
  try {
    return (await res.json()) as Envelope<MethodOutput<M>>;
  } catch {
    throw new ApiError('INTERNAL', `The counter service answered with an unexpected response (${res.status}).`);
  }
}

/** Calls that may fail with FORBIDDEN without meaning the terminal signed the clerk out. */
const SIGN_IN_METHODS = new Set<MethodName>(['session.signIn', 'session.current', 'session.signOut', 'app.setupEmpty']);
let onForbidden: ((method: MethodName) => void) | null = null;

/** Told about a FORBIDDEN answer (the terminal may have locked itself after being idle). */
export function setForbiddenHandler(handler: ((method: MethodName) => void) | null): void {
  onForbidden = handler;
}

let onConflict: (() => void) | null = null;

/** Told about a CONFLICT answer: the store may have been found damaged, and the app then shows the recovery screen. */
export function setConflictHandler(handler: (() => void) | null): void {
  onConflict = handler;
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const bridge = window.counterpart;
  const envelope = bridge
    ? await (bridge[method] as (i: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>)(input)
    : await overHttp(method, input);
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new ApiError('INTERNAL', 'The counter service answered with an unexpected response.');
  }
  if (!envelope.ok) {
    if (envelope.error.code === 'FORBIDDEN' && !SIGN_IN_METHODS.has(method)) onForbidden?.(method);
    if (envelope.error.code === 'CONFLICT' && !method.startsWith('recovery.')) onConflict?.();
    throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.reason);
  }
  return envelope.value;
}

/** A message fit to show a clerk: API errors keep theirs, anything else gets a plain sentence (never a stack). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong on this screen. Try again.';
}
