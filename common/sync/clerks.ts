// Clerk accounts shared by the counters of one store, through the hub. Not part of the chain-wide feed: a store's
// accounts (PIN hashes included) must never reach another store's terminals, so they travel on routes of their own
// that only ever answer with the calling terminal's store (common/sync/api.ts).
//
// - Fields merge one by one, last writer wins by hybrid logical clock, as customer fields do (hlc.ts): a PIN changed
//   at one counter and a role changed at another both stand.
// - The PIN travels only as the slow salted hash the terminal stores (main/services/pin-hash.ts), never as a PIN.
// - reviewScope is the hub's to set (`counterpart hub grant`): a terminal cannot push it, so no counter can widen a
//   clerk's scope by itself.
// - No two accounts are ever merged: two counters that each made an admin before joining have two accounts, each
//   with its own id, whatever their names (a name does not tell two people apart, and salted hashes cannot be compared).
import { z } from 'zod';
import { ROLES } from '../domain';
import { hlcSchema } from './hlc';
import { uuidV7Schema } from './ids';

export const REVIEW_SCOPES = ['store', 'chain'] as const;
export type ReviewScope = (typeof REVIEW_SCOPES)[number];

/** The shape of a hash from pin-hash.ts: scheme, cost parameters, salt and key, base64. */
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

/** The fields a counter edits. */
export const clerkFieldsSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(80),
    role: z.enum(ROLES),
    active: z.boolean(),
    pinHash: z.string().max(200).regex(PIN_HASH_PATTERN, 'a PIN hash as Counterpart stores it').nullable(),
  })
  .partial();
export type ClerkFields = z.infer<typeof clerkFieldsSchema>;
export type ClerkField = keyof ClerkFields;
export const CLERK_FIELDS = Object.keys(clerkFieldsSchema.shape) as ClerkField[];
/** What the hub adds, set only there. */
export const HUB_CLERK_FIELDS = ['reviewScope'] as const;

export const MAX_CLERK_CHANGES = 200;

export const clerkChangeSchema = z.strictObject({
  id: uuidV7Schema,
  hlc: hlcSchema,
  fields: clerkFieldsSchema.refine((f) => Object.keys(f).length > 0, 'name at least one field'),
});
export type ClerkChange = z.infer<typeof clerkChangeSchema>;

/** Sends this counter's clerk changes (possibly none) and gets the store's accounts back as the hub holds them. */
export const clerksSyncRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  changes: z.array(clerkChangeSchema).max(MAX_CLERK_CHANGES),
});
const stamped = z.object({ value: z.unknown(), hlc: hlcSchema });
export const clerksSyncResponseSchema = z.object({
  clerks: z.array(z.object({ id: uuidV7Schema, fields: z.record(z.string(), stamped) })),
  /** Where these accounts stand, as a pull answer names it (changes.ts); absent from a hub that predates it. */
  clerksTag: z.string().max(100).optional(),
});
export type HubClerk = z.infer<typeof clerksSyncResponseSchema>['clerks'][number];

/**
 * One PIN attempt as the store counts it: 'count' before the terminal checks the hash (refused once the attempts
 * are spent or the account is locked, so counters guessing at once get no more checks between them than the limit),
 * then 'wrong' or 'right' with the outcome. The PIN itself never leaves the terminal.
 */
export const pinAttemptRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  clerkId: uuidV7Schema,
  step: z.enum(['count', 'wrong', 'right']),
});
export const pinAttemptResponseSchema = z.object({
  allowed: z.boolean(),
  /** Wrong PINs counted so far (this one included, for 'count'). */
  failed: z.number().int().nonnegative(),
  lockouts: z.number().int().nonnegative(),
  lockedUntil: z.iso.datetime().nullable(),
});
export type PinAttemptResponse = z.infer<typeof pinAttemptResponseSchema>;
