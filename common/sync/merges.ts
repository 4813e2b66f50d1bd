// The hub's merges as a store's manager sees them in the back office: the same person created at two stores and
// linked by the hub (main/hub/merges.ts), and the manager's undo of one. Shared by the hub's routes (api.ts), the
// terminal that asks them and the IPC contract that shows them.
import { z } from 'zod';
import { uuidV7Schema } from './ids';

/** What two records may share for the hub to link them, surest first. */
export const IDENTIFIER_FIELDS = ['loyaltyId', 'email', 'phone'] as const;
export type IdentifierField = (typeof IDENTIFIER_FIELDS)[number];

/** A customer in the list: the name (null once erased) and the store it was made at. */
const person = z.object({ id: z.string(), name: z.string().nullable(), store: z.string() });

export const mergeViewSchema = z.object({
  id: uuidV7Schema,
  /** The record that now resolves to the survivor. */
  alias: person,
  survivor: person,
  matchedOn: z.enum(IDENTIFIER_FIELDS),
  mergedAt: z.iso.datetime(),
  undoneAt: z.iso.datetime().nullable(),
  /** Who undid it and where ("Declan Murphy (Galway, till-1)"), or the hub operator's name. */
  undoneBy: z.string().nullable(),
});
export type MergeView = z.infer<typeof mergeViewSchema>;

/** How many merges a store's list shows, newest first. */
export const MERGES_LISTED = 200;

export const mergesRequestSchema = z.strictObject({ storeId: uuidV7Schema });
export const mergesResponseSchema = z.object({ merges: z.array(mergeViewSchema) });

/** `actor`: the manager at the terminal, by name; the hub adds the store and terminal the request came from. */
export const unmergeRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  mergeId: uuidV7Schema,
  actor: z.string().trim().min(1).max(100),
});

/**
 * Two records sharing a card, email or phone whose names disagree: the hub refused to link them ("no merge overwrites
 * a different person") and lists them for a manager to check by hand. `a` is the one with the smaller id.
 */
export const conflictViewSchema = z.object({
  a: person,
  b: person,
  matchedOn: z.enum(IDENTIFIER_FIELDS),
  foundAt: z.iso.datetime(),
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const conflictsRequestSchema = mergesRequestSchema;
export const conflictsResponseSchema = z.object({ conflicts: z.array(conflictViewSchema) });
