// Bootstrapping a terminal from the hub: the chain's customers as they are now, then the facts of a history window,
// each in pages ordered by global id, so a terminal that crashed resumes after the last id it applied. Customers come
// first: a new counter can look people up before their history has arrived. The first page says where the feed stood
// before anything was read; after the bootstrap the terminal pulls the feed from there (what changed meanwhile
// arrives again, and applying it again changes nothing).
import { z } from 'zod';
import { MAX_PULL_CHANGES } from './changes';
import { uuidV7Schema } from './ids';
import { changesSchema } from './page';

export const BOOTSTRAP_PHASES = ['customers', 'facts'] as const;
export type BootstrapPhase = (typeof BOOTSTRAP_PHASES)[number];
/** The history a new terminal takes by default: two years of interactions and purchases. */
export const DEFAULT_HISTORY_DAYS = 730;

export const bootstrapRequestSchema = z.strictObject({
  storeId: uuidV7Schema,
  phase: z.enum(BOOTSTRAP_PHASES),
  /** The last id of the previous page; null for the phase's first page. */
  after: uuidV7Schema.nullable(),
  /** Facts from this time on (ISO); customers are all sent, whatever their age. */
  since: z.iso.datetime(),
  limit: z.number().int().positive().max(MAX_PULL_CHANGES).optional(),
});

export const bootstrapResponseSchema = z.object({
  /** Checked as z.array(changeSchema), at a fraction of its cost (page.ts). */
  changes: changesSchema,
  /** Where the next page starts; null when the phase is done. */
  after: uuidV7Schema.nullable(),
  /** On a phase's first page only: how many rows the phase holds, for progress. */
  total: z.number().int().nonnegative().nullable(),
  /** On a phase's first page only: the feed's position before this page was read. */
  feedCursor: z.string().nullable(),
});

export type BootstrapRequest = z.infer<typeof bootstrapRequestSchema>;
export type BootstrapResponse = z.infer<typeof bootstrapResponseSchema>;

/** The smallest UUID v7 of a millisecond: facts made from then on sort at or after it. */
export function firstIdAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}
