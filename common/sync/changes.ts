// The data sync's wire shapes: terminals push their changes and pull everyone else's.
//
// Push (after Replicache): each terminal numbers its changes 1, 2, 3… (mutationId, kept in its outbox in the same
// SQLite transaction as the change). The hub stores, per terminal, the last mutationId it applied and skips any up to
// it, so a push retried after a timeout or a crash changes nothing twice. Ids only grow; gaps are allowed (an erasure
// takes the customer's unsent edits out of the outbox).
// Pull: the hub gives every accepted change a place in one global sequence, in commit order; a terminal asks for what
// follows its cursor and gets the changes in that order, plus the cursor to ask with next time. The cursor is opaque
// to terminals, so the hub may change how it encodes the position. A pull may wait (long-poll) for the next change.
//
// What merges how:
// - customer profile fields: per field, last writer wins by hybrid logical clock (hlc.ts). The hub decides: each
//   customer change it hands out carries, for every field the push touched, the hub's value and stamp after merging
//   (also when the pushed value lost), so a terminal applies what it pulls as it comes and ends where the hub is.
// - facts (interactions, purchases): append-only, idempotent by global id; never changed once made.
// - erasure: a tombstone that beats every write, earlier or later, whatever its clock says.
// - the same person created at two stores: the hub links them (merge: one id becomes an alias of the other) and a
//   manager may undo it (unmerge); both travel in the feed like any change.
// Derived numbers (visits, spend, tier) never travel: each terminal recomputes them from the facts.
import { z } from 'zod';
import { COMMUNICATION_STYLES } from '../domain';
import { hlcSchema } from './hlc';
import { uuidV7Schema } from './ids';

export { HLC_PATTERN } from './hlc';

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_CHANGES = 1000;
/** A terminal's push body stays under this (the pusher cuts a batch short): half the hub's limit (main/hub/http.ts). */
export const MAX_PUSH_BYTES = 512 * 1024;
/** The longest a pull waits for a change before answering with none: under the hub's and proxies' request timeouts. */
export const MAX_PULL_WAIT_MS = 25_000;

const text = (max: number) => z.string().max(max);
/** A customer's own fields, the ones people edit. Each merges on its own. */
export const customerFieldsSchema = z
  .strictObject({
    firstName: text(100),
    lastName: text(100),
    phone: text(40).nullable(),
    email: text(200).nullable(),
    loyaltyId: text(40).nullable(),
    birthday: text(10).nullable(),
    style: z.enum(COMMUNICATION_STYLES),
    language: text(20).nullable(),
    marketingConsent: z.boolean(),
    tags: z.array(text(40)).max(50),
    notes: text(10_000),
  })
  .partial();
export type CustomerFields = z.infer<typeof customerFieldsSchema>;
export type CustomerField = keyof CustomerFields;
export const CUSTOMER_FIELDS = Object.keys(customerFieldsSchema.shape) as CustomerField[];

/**
 * The append-only facts, and which of their fields are a person's own words: an erasure of their customer blanks
 * those (the fact itself stays, anonymous, so counts and reports still add up).
 */
export const FACT_ENTITIES = {
  interaction: { personal: ['notes', 'said', 'amendReason', 'reviewNote', 'recoveryWhat'] },
  purchase: { personal: [] },
  /** A playbook template as a person saved it (main/sync/playbook-fields.ts): every store of the chain takes it. */
  templateVersion: { personal: [] },
  /** A manager enabled or disabled a template for their store: its other counters follow, other stores do not. */
  templateSwitch: { personal: [] },
} as const satisfies Record<string, { personal: readonly string[] }>;
/** Facts a new terminal takes whatever their age (the playbook), beside the history window's (bootstrap). */
export const TIMELESS_FACTS = [
  'templateVersion',
  'templateSwitch',
] as const satisfies readonly (keyof typeof FACT_ENTITIES)[];
export type FactEntity = keyof typeof FACT_ENTITIES;
/** The fields the hub adds to every fact it accepts: the names of the store and terminal that pushed it. */
export const factOrigin = (caller: { store: { name: string }; terminal: { name: string } }) => ({
  originStore: caller.store.name,
  originTerminal: caller.terminal.name,
});
const factEntity = z.enum(Object.keys(FACT_ENTITIES) as [FactEntity, ...FactEntity[]]);
/** A line of a purchase's receipt as it travels (main/sync/purchase-fields.ts); 'returned' is a line taken back. */
export const purchaseLineSchema = z.strictObject({
  sku: text(64),
  description: text(200),
  quantity: z.number().int().positive(),
  unitPriceCents: z.number().int(),
  returnStatus: z.enum(['kept', 'returned']),
});
export type PurchaseLineFact = z.infer<typeof purchaseLineSchema>;
/**
 * The most lines one receipt carries across the chain: at most ~330 bytes a line, such a receipt alone stays well
 * under the hub's 1 MiB body (the pusher sizes its batches by bytes: main/sync/session.ts).
 */
export const MAX_PURCHASE_LINES = 2000;
/** A fact's field: a value, a list of global ids (the issues an interaction settles), or a receipt's lines. */
const factValue = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(uuidV7Schema).max(200),
  z.array(purchaseLineSchema).max(MAX_PURCHASE_LINES),
]);
const factFields = z.record(z.string().max(64), factValue);

const common = { mutationId: z.number().int().positive(), id: uuidV7Schema, hlc: hlcSchema };
export const mutationSchema = z.discriminatedUnion('kind', [
  /** Creates the customer when the hub does not know it yet; sets the fields that win. */
  z.strictObject({
    ...common,
    entity: z.literal('customer'),
    kind: z.literal('upsert'),
    fields: customerFieldsSchema.refine((f) => Object.keys(f).length > 0, 'name at least one field'),
  }),
  z.strictObject({ ...common, entity: z.literal('customer'), kind: z.literal('erase') }),
  z.strictObject({
    ...common,
    entity: factEntity,
    kind: z.literal('append'),
    customerId: uuidV7Schema.nullable(),
    fields: factFields,
  }),
]);

export const pushRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  mutations: z
    .array(mutationSchema)
    .min(1)
    .max(MAX_PUSH_MUTATIONS)
    .refine((ms) => ms.every((m, i) => i === 0 || m.mutationId > ms[i - 1]!.mutationId), 'mutationIds must increase'),
});
export const pushResponseSchema = z.object({
  /** The last mutationId the hub holds for this terminal: the terminal drops everything up to it from its outbox. */
  lastMutationId: z.number().int().nonnegative(),
  /** How many of these changes carried a clock too far ahead of the hub's and were re-stamped (hlc.ts). */
  restamped: z.number().int().nonnegative(),
  /**
   * The last mutationId of this terminal's the hub held when the request came (before this push). Only grows, unless
   * the hub's database went back to an earlier copy: a terminal that was told a larger one knows the hub lost changes
   * it had acknowledged (main/sync/hub-restore.ts). Absent from hubs before it.
   */
  held: z.number().int().nonnegative().optional(),
});

export const pullRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  /** null: from the beginning. */
  cursor: z.string().max(200).nullable(),
  limit: z.number().int().positive().max(MAX_PULL_CHANGES).optional(),
  /** When nothing follows the cursor, wait this long for a change before answering with none. */
  waitMs: z.number().int().nonnegative().max(MAX_PULL_WAIT_MS).optional(),
});

const origin = z.object({ storeId: uuidV7Schema, terminalId: uuidV7Schema });
const stamped = z.object({ value: z.unknown(), hlc: hlcSchema });
export const changeSchema = z.discriminatedUnion('kind', [
  z.object({
    entity: z.literal('customer'),
    kind: z.literal('upsert'),
    id: uuidV7Schema,
    hlc: hlcSchema,
    /** The hub's value and stamp of each field the push touched, after merging. */
    fields: z.record(z.string(), stamped),
    origin,
  }),
  z.object({ entity: z.literal('customer'), kind: z.literal('erase'), id: uuidV7Schema, hlc: hlcSchema, origin }),
  z.object({
    entity: factEntity,
    kind: z.literal('append'),
    id: uuidV7Schema,
    hlc: hlcSchema,
    customerId: uuidV7Schema.nullable(),
    fields: factFields,
    origin,
  }),
  /** The hub found `id` to be the same person as `survivorId` (main/hub/merges.ts): from now on `id` resolves to it. */
  z.object({
    entity: z.literal('customer'),
    kind: z.literal('merge'),
    id: uuidV7Schema,
    hlc: hlcSchema,
    survivorId: uuidV7Schema,
    mergeId: uuidV7Schema,
    origin,
  }),
  /** A manager undid merge `mergeId`: `id` is its own customer again, with its own facts. */
  z.object({
    entity: z.literal('customer'),
    kind: z.literal('unmerge'),
    id: uuidV7Schema,
    hlc: hlcSchema,
    survivorId: uuidV7Schema,
    mergeId: uuidV7Schema,
    origin,
  }),
]);

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  /** More changes wait after this page. */
  more: z.boolean(),
  /**
   * Where the caller's store's clerk accounts stand (clerks.ts): a terminal asks /v1/clerks again only when this
   * differs from what its last exchange was told. Absent from a hub that predates it: the terminal then asks each
   * round, as before (an optional field, so protocol 3 serves both ways).
   */
  clerksTag: z.string().max(100).optional(),
  /**
   * The last mutationId of this terminal's the hub held when the request came (before this push). Only grows, unless
   * the hub's database went back to an earlier copy: a terminal that was told a larger one knows the hub lost changes
   * it had acknowledged (main/sync/hub-restore.ts). Absent from hubs before it.
   */
  held: z.number().int().nonnegative().optional(),
});

export type Mutation = z.infer<typeof mutationSchema>;
export type Change = z.infer<typeof changeSchema>;
export type PushRequest = z.infer<typeof pushRequestSchema>;
export type PushResponse = z.infer<typeof pushResponseSchema>;
export type PullRequest = z.infer<typeof pullRequestSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;
