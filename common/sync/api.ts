// The hub's HTTP API, declared once: path, who may call it, the request schema (checked by the hub) and the response
// schema (checked by the terminal). The hub registers its handlers by looping over HUB_API, so a route declared here
// without a handler fails its start and a test. All routes are POST with a JSON body; every answer that is not 2xx is
// { code, message } (protocol.ts). The data sync's shapes are in changes.ts.
import { z } from 'zod';
import { bootstrapRequestSchema, bootstrapResponseSchema } from './bootstrap';
import { pullRequestSchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from './changes';
import {
  clerksSyncRequestSchema,
  clerksSyncResponseSchema,
  pinAttemptRequestSchema,
  pinAttemptResponseSchema,
} from './clerks';
import { uuidV7Schema } from './ids';
import {
  conflictsRequestSchema,
  conflictsResponseSchema,
  mergeViewSchema,
  mergesRequestSchema,
  mergesResponseSchema,
  unmergeRequestSchema,
} from './merges';

/** Crockford base32: no I, L, O or U, so a code read aloud or typed from paper survives. */
export const ENROLMENT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters of 5 bits: 80 bits, against at most a day of online guessing at a hub that answers one by one. */
export const ENROLMENT_CODE_LENGTH = 16;

/** As typed: any case, with or without the hyphens or spaces; I and L read as 1, O as 0. */
export function normaliseEnrolmentCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** XXXX-XXXX-XXXX-XXXX, as it is shown. */
export const formatEnrolmentCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

export const enrolmentCodeSchema = z
  .string()
  .max(64)
  .transform(normaliseEnrolmentCode)
  .pipe(
    z
      .string()
      .length(ENROLMENT_CODE_LENGTH, `an enrolment code has ${ENROLMENT_CODE_LENGTH} letters and digits`)
      .regex(new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]+$`), 'an enrolment code has only letters and digits'),
  );

/** 256 random bits, base64url, behind a prefix that says what it is (and lets secret scanners find a leaked one). */
export const CREDENTIAL_PATTERN = /^cpt1_[A-Za-z0-9_-]{43}$/;

/** A store's or terminal's name as people give it: one line, trimmed. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'give a name')
  .max(80, 'at most 80 characters')
  .regex(/^[^\p{Cc}]+$/u, 'one line, no control characters');

const appVersion = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z.+-]+$/, 'a version like 1.4.2');
const named = z.object({ id: uuidV7Schema, name: z.string() });
const hubInfo = z.object({ protocolVersion: z.number().int(), minProtocolVersion: z.number().int() });

export const enrolRequestSchema = z.strictObject({ code: enrolmentCodeSchema, appVersion });
export const enrolResponseSchema = z.object({
  terminal: named,
  store: named,
  /** Shown once, here; the hub keeps only its SHA-256. */
  credential: z.string().regex(CREDENTIAL_PATTERN),
  hub: hubInfo,
});

/** Requests made with a terminal's credential name the store they act for; the hub answers 403 for another one. */
export const helloRequestSchema = z.strictObject({ storeId: uuidV7Schema, appVersion });
export const helloResponseSchema = z.object({
  terminal: named,
  store: named,
  hub: hubInfo,
  serverTime: z.iso.datetime(),
});

type RouteSpec =
  | { path: `/v1/${string}`; auth: 'none'; request: z.ZodType; response: z.ZodType }
  | { path: `/v1/${string}`; auth: 'terminal'; request: z.ZodType<{ storeId: string }>; response: z.ZodType };

export const HUB_API = {
  /** A one-time code from `counterpart hub enroll` becomes this terminal's id and credential. */
  enrol: { path: '/v1/enrol', auth: 'none', request: enrolRequestSchema, response: enrolResponseSchema },
  /** Who am I to the hub, and can we talk: checks the credential and the store, records the app version. */
  hello: { path: '/v1/hello', auth: 'terminal', request: helloRequestSchema, response: helloResponseSchema },
  /** This terminal's changes, in its order; a batch sent again changes nothing. */
  push: { path: '/v1/push', auth: 'terminal', request: pushRequestSchema, response: pushResponseSchema },
  /** Everyone's changes after a cursor, in the hub's commit order; may wait for the next one. */
  pull: { path: '/v1/pull', auth: 'terminal', request: pullRequestSchema, response: pullResponseSchema },
  /** A new terminal's copy of the chain, a page at a time: customers, then the facts of its history window. */
  bootstrap: {
    path: '/v1/bootstrap',
    auth: 'terminal',
    request: bootstrapRequestSchema,
    response: bootstrapResponseSchema,
  },
  /** This counter's clerk changes in, the store's clerk accounts out (clerks.ts): only ever the caller's store. */
  clerks: {
    path: '/v1/clerks',
    auth: 'terminal',
    request: clerksSyncRequestSchema,
    response: clerksSyncResponseSchema,
  },
  /** A PIN attempt counted across the store's counters, then its outcome; the PIN never travels. */
  pinAttempt: {
    path: '/v1/pin-attempt',
    auth: 'terminal',
    request: pinAttemptRequestSchema,
    response: pinAttemptResponseSchema,
  },
  /** The merges that touch the caller's store (either record made there), newest first, for its managers. */
  merges: { path: '/v1/merges', auth: 'terminal', request: mergesRequestSchema, response: mergesResponseSchema },
  /** Records sharing an identifier that the hub did not link, the names differing: those touching the caller's store. */
  conflicts: {
    path: '/v1/conflicts',
    auth: 'terminal',
    request: conflictsRequestSchema,
    response: conflictsResponseSchema,
  },
  /** A manager at the caller's store undoes one of those merges. */
  unmerge: { path: '/v1/unmerge', auth: 'terminal', request: unmergeRequestSchema, response: mergeViewSchema },
} as const satisfies Record<string, RouteSpec>;

export type HubApi = typeof HUB_API;
export type HubRoute = keyof HubApi;
export type HubRequest<R extends HubRoute> = z.input<HubApi[R]['request']>;
export type HubRequestParsed<R extends HubRoute> = z.output<HubApi[R]['request']>;
export type HubResponse<R extends HubRoute> = z.output<HubApi[R]['response']>;
export type EnrolResponse = HubResponse<'enrol'>;
export type HelloResponse = HubResponse<'hello'>;
