// The terminal's side of the hub API: one typed call per declared route, over fetch. The answer is checked against
// the route's response schema, so a wrong server (a proxy's error page, another service) is a clear error, not a
// crash later. The credential goes only into the Authorization header; no message here ever contains it.
import {
  AppError,
  ERROR_CODES,
  wordError,
  words,
  type ErrorCode,
  type ErrorKey,
  type ErrorWords,
} from '@common/errors';
import { HUB_API, type HubRequest, type HubResponse, type HubRoute } from '@common/sync/api';
import { hubErrorSchema, PROTOCOL_HEADER, PROTOCOL_VERSION, type HubErrorCode } from '@common/sync/protocol';

export const HUB_TIMEOUT_MS = 10_000;

// Both failures carry what a person reads as catalogue words (errors.sync.*), worded at the boundary in the store's
// language (the header, chain.join); their Error message is the English wording, for the log and the CLI.

/** The hub could not be asked: no route to it, nobody listening, no answer in time. */
export class HubUnreachable extends Error {
  override name = 'HubUnreachable';
  constructor(
    readonly words: ErrorWords,
    /** Sent, but no answer in time: the hub may have acted on it. */
    readonly timedOut = false,
  ) {
    super(wordError(words, 'en'));
  }
}

/**
 * The hub's refusals, by its code: a sentence in the store's language saying what it means here, then the hub's own
 * words (English: the hub answers every terminal alike, whatever its store's language).
 */
const REFUSED: Partial<Record<HubErrorCode, ErrorKey>> = {
  UNAUTHENTICATED: 'sync.refused.unauthenticated',
  UNSUPPORTED_VERSION: 'sync.refused.unsupportedVersion',
  UNAVAILABLE: 'sync.refused.unavailable',
  PAYLOAD_TOO_LARGE: 'sync.refused.tooLarge',
};

/** The hub answered, and said no. */
export class HubRefused extends Error {
  override name = 'HubRefused';
  /** What a person reads: the hub's words behind a sentence of ours, or ours alone when this terminal refused itself. */
  readonly words: ErrorWords;
  constructor(
    readonly code: HubErrorCode,
    message: string | ErrorWords,
    readonly status: number,
  ) {
    super(typeof message === 'string' ? message : wordError(message, 'en'));
    this.words =
      typeof message === 'string' ? words(REFUSED[code] ?? 'sync.refused.other', { detail: message }) : message;
  }
}

/** The base URL with one trailing slash, so a hub behind a path prefix (https://x/hub/) keeps it. */
const base = (hubUrl: string) => (hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`);

export async function callHub<R extends HubRoute>(
  hubUrl: string,
  route: R,
  input: HubRequest<R>,
  opts: { credential?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<HubResponse<R>> {
  const spec = HUB_API[route];
  const timeoutMs = opts.timeoutMs ?? HUB_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(new URL(spec.path.slice(1), base(hubUrl)), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...(opts.credential ? { authorization: `Bearer ${opts.credential}` } : {}),
      },
      body: JSON.stringify(input),
      signal: opts.signal
        ? AbortSignal.any([AbortSignal.timeout(timeoutMs), opts.signal])
        : AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const timedOut = e.name === 'TimeoutError';
    throw new HubUnreachable(
      timedOut
        ? words('sync.noAnswer', { hub: hubUrl, seconds: timeoutMs / 1000 })
        : words('sync.unreachable', { hub: hubUrl, cause: e.cause?.code ?? e.message }),
      timedOut,
    );
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const notAHub = () =>
    new HubRefused('INTERNAL', words('sync.notAHub', { hub: hubUrl, status: String(res.status) }), res.status);
  if (!res.ok) {
    const error = hubErrorSchema.safeParse(body);
    if (!error.success) throw notAHub();
    throw new HubRefused(error.data.code, error.data.message, res.status);
  }
  const parsed = spec.response.safeParse(body);
  if (!parsed.success) throw notAHub();
  return parsed.data as HubResponse<R>;
}

/** The hub's codes the contract has pass as they are; a refused credential or code is a refusal; the rest wait on the hub. */
function contractCode(code: HubErrorCode): ErrorCode {
  if ((ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  return code === 'UNAUTHENTICATED' ? 'FORBIDDEN' : 'CONFLICT';
}

/**
 * A call to the hub made for the back office (IPC): the hub away or refusing becomes the contract's typed error, the
 * hub's own words included, so the screen can say what to do. `away` words the hub out of reach instead, given that
 * sentence as {{reason}} (what waits on the hub).
 */
export async function askHubFor<T>(ask: () => Promise<T>, away?: ErrorKey): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    if (err instanceof HubUnreachable)
      throw new AppError('CONFLICT', away ? words(away, { reason: err.words }) : err.words);
    if (err instanceof HubRefused) throw new AppError(contractCode(err.code), err.words);
    throw err;
  }
}
