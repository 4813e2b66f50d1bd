// The shapes of the data sync that comes next (not served yet): terminals push their changes and pull everyone
// else's. Declared now so the enrolment and the hub's schema are built to fit them.
//
// Push (after Replicache): each terminal numbers its changes 1, 2, 3… (mutationId, kept in its outbox in the same
// SQLite transaction as the change). The hub stores, per terminal, the last mutationId it applied and skips any it
// has seen, so a push retried after a timeout or a crash changes nothing twice.
// Pull: the hub gives every accepted change a place in one global sequence; a terminal asks for what follows its
// cursor and gets the changes in that order, plus the cursor to ask with next time. The cursor is opaque to
// terminals, so the hub may change how it encodes the position.
// Mutable fields merge per field, last writer wins by hybrid logical clock; facts (interactions) are append-only and
// idempotent by id; an erasure is a tombstone that beats every later write. Derived numbers (visits, spend, tier) are
// never synced: each terminal recomputes them from the facts.
import { z } from 'zod';
import { uuidV7Schema } from './ids';

export const SYNCED_ENTITIES = ['customer', 'interaction'] as const;
/** upsert: set these fields; append: a new fact (never changed later); erase: the customer's data is gone for good. */
export const CHANGE_KINDS = ['upsert', 'append', 'erase'] as const;
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_CHANGES = 1000;

/**
 * Hybrid logical clock, written so that text order is clock order: wall-clock milliseconds (15 digits), a counter
 * for events within one millisecond (5 digits), and the terminal's id to break ties between terminals.
 */
export const HLC_PATTERN = /^\d{15}:\d{5}:[0-9a-f-]{36}$/;
const hlc = z.string().regex(HLC_PATTERN, 'expected a hybrid logical clock');

const fieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const mutationSchema = z.strictObject({
  /** Per terminal, from 1, each push continuing where the last one ended. */
  mutationId: z.number().int().positive(),
  entity: z.enum(SYNCED_ENTITIES),
  id: uuidV7Schema,
  kind: z.enum(CHANGE_KINDS),
  hlc,
  fields: z.record(z.string().max(64), fieldValue),
});

export const pushRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
/** The last mutationId the hub holds for this terminal: the terminal drops everything up to it from its outbox. */
export const pushResponseSchema = z.object({ lastMutationId: z.number().int().nonnegative() });

export const pullRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  /** null: from the beginning. */
  cursor: z.string().max(200).nullable(),
  limit: z.number().int().positive().max(MAX_PULL_CHANGES).optional(),
});

export const changeSchema = z.object({
  entity: z.enum(SYNCED_ENTITIES),
  id: uuidV7Schema,
  kind: z.enum(CHANGE_KINDS),
  hlc,
  fields: z.record(z.string(), fieldValue),
  /** Where it was made, so a terminal can skip its own changes coming back. */
  origin: z.object({ storeId: uuidV7Schema, terminalId: uuidV7Schema }),
});

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  /** More changes wait after this page. */
  more: z.boolean(),
});

export type Mutation = z.infer<typeof mutationSchema>;
export type Change = z.infer<typeof changeSchema>;
export type PushRequest = z.infer<typeof pushRequestSchema>;
export type PullRequest = z.infer<typeof pullRequestSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;
