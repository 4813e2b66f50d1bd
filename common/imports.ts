// The till import as the admin screen drives it. The renderer cannot hand the main process a file path (the browser
// preview has none, and a sandboxed window should not), so the chosen file is uploaded in ordered chunks into a
// staging folder beside the database and imported from there as a background job the screen polls.
import { z } from 'zod';
import { refusal, type WireError } from './errors';

export const IMPORT_ENTITIES = ['customers', 'purchases'] as const;
export type ImportEntityName = (typeof IMPORT_ENTITIES)[number];

/** Largest file accepted; a year of a busy till's purchases is well under it. */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;
/**
 * Decoded bytes per chunk. As base64 inside JSON a chunk stays under the preview server's 1 MiB request limit, and
 * Electron IPC copes easily.
 */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
/** The rejected-rows CSV handed to the screen is cut (at a row) beyond this many characters. */
export const MAX_REJECTED_CSV_CHARS = 10 * 1024 * 1024;

/**
 * Till export formats a customer file can be read as (main/services/import/presets.ts): auto detects it from the
 * header, none reads the header names alone.
 */
export const IMPORT_PRESET_CHOICES = ['auto', 'shopify', 'square', 'none'] as const;
export type ImportPresetChoice = (typeof IMPORT_PRESET_CHOICES)[number];

/** A column of the file and the field it fills; field null: the column is not imported. */
export interface ImportColumnUse {
  column: string;
  field: string | null;
}

const token = z.string().refine((id) => /^[0-9a-f-]{36}$/.test(id), refusal('importFile.notAnId'));
const base64Limit = Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4;

/** The shape of a mapping file (see the CLI's --mapping); the import checks field names against the entity. */
export const importMappingSchema = z
  .object({
    columns: z.record(z.string().max(200), z.string().max(40).nullable()).optional(),
    defaults: z
      .record(
        z.string().max(40),
        z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(100)).max(50)]),
      )
      .optional(),
  })
  .strict();
export type ImportMappingInput = z.input<typeof importMappingSchema>;

export const importInputs = {
  begin: z.object({
    entity: z.enum(IMPORT_ENTITIES),
    fileName: z
      .string()
      .trim()
      .refine((name) => name.length > 0, refusal('importFile.nameTheFile'))
      .max(200),
    // The Import tab refuses these before sending; a refusal here is worded like the rest, in the store's language.
    size: z
      .number()
      .int()
      .refine((n) => n >= 1, refusal('importFile.fileEmpty'))
      .refine((n) => n <= MAX_IMPORT_BYTES, refusal('importFile.tooBig', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })),
  }),
  chunk: z.object({
    uploadId: token,
    index: z.number().int().min(0),
    base64: z
      .string()
      .min(1)
      .refine(
        (text) => text.length <= base64Limit,
        refusal('importFile.chunkTooBig', { kib: IMPORT_CHUNK_BYTES / 1024 }),
      )
      .refine((text) => /^[A-Za-z0-9+/]*={0,2}$/.test(text), refusal('importFile.notBase64')),
  }),
  start: z.object({
    uploadId: token,
    dryRun: z.boolean().default(false),
    mapping: importMappingSchema.optional(),
    preset: z.enum(IMPORT_PRESET_CHOICES).default('auto'),
  }),
  job: z.object({ jobId: token }),
};

export interface ImportUpload {
  uploadId: string;
  /** Decoded bytes per chunk call. */
  chunkBytes: number;
}

export interface ImportChunkReceipt {
  received: number;
  size: number;
}

/** Conflicts listed by name in a result; the count covers them all and the rejected rows hold every one. */
export const MAX_LISTED_CONFLICTS = 100;
/** Notes in a result: a file with 100,000 unknown columns gets a few lines, not 100,000. */
export const MAX_WARNINGS = 20;

/**
 * A row refused because the card, phone or email it carries belongs to someone else by name: nothing of it was
 * written. Listed for the admin who runs the import, so it names both people; never persisted or audited.
 */
export interface ImportConflict {
  line: number;
  /** The name the row gives. */
  rowName: string;
  /** Who holds the identifier: a stored customer, or a person an earlier row of the same file created. */
  holderName: string;
  /** The stored customer's id; null when an earlier row of the file holds it (not written yet in a dry run). */
  customerId: number | null;
  matchedOn: 'externalId' | 'card' | 'phone' | 'email';
  /** The identifier as the row writes it. */
  identifier: string;
}

export const IDENTIFIER_NAMES: Record<ImportConflict['matchedOn'], string> = {
  externalId: 'till customer id',
  card: 'loyalty card',
  phone: 'phone number',
  email: 'email address',
};

/** "line 2: Nuala Quinn, but the loyalty card 2000010000003 belongs to Mary O'Brien (customer 17)": CLI and screen. */
export function conflictText(c: ImportConflict): string {
  return `line ${c.line}: ${c.rowName}, but the ${IDENTIFIER_NAMES[c.matchedOn]} ${c.identifier} belongs to ${holderText(c)}`;
}

/** "Mary O'Brien (customer 17)", or "(an earlier row of the file)" for a person the file itself created. */
export function holderText(c: ImportConflict): string {
  return c.customerId === null
    ? `${c.holderName} (an earlier row of the file)`
    : `${c.holderName} (customer ${c.customerId})`;
}

const FIELD_NAMES: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  loyaltyId: 'loyalty card',
  marketingConsent: 'marketing consent',
  externalId: 'till customer id',
  smsConsent: 'SMS consent',
  openingSpend: 'spend before Counterpart',
  openingOrders: 'orders before Counterpart',
  fullName: 'full name',
};

/** A field as the CLI and the Import tab name it: "loyalty card", "spend before Counterpart", "city". */
export const fieldLabel = (field: string): string => FIELD_NAMES[field] ?? field;

/** Columns a result lists with what they fill: a file with 100,000 columns lists the first ones and counts the rest. */
export const MAX_LISTED_COLUMNS = 200;

/** "last name 1, phone 12, email 3": what updates changed, in the words of the CLI and the screen. */
export function fieldsChangedText(fields: Record<string, number>): string {
  return Object.entries(fields)
    .map(([f, n]) => `${fieldLabel(f)} ${n.toLocaleString('en')}`)
    .join(', ');
}

/**
 * The counters of an import, declared once: the engine's report (main/services/import/types.ts), the state a run
 * saves to resume from (import/runs.ts) and the summary the Import tab shows all carry them.
 */
export interface ImportCounts {
  /** Data rows read (the header and blank lines not counted). rowsRead = inserted + updated + unchanged + failed. */
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Purchases only: receipts created (their rows are counted in inserted). */
  receiptsInserted: number;
  /** Rows refused because their card, phone or email belongs to someone else by name (also counted in failed). */
  conflicts: number;
  /** Rows naming a customer an earlier row of the file already gave, with other values (the earlier ones kept). */
  repeats: number;
  /** Customers updated, per field changed; tags added and notes appended count. Field names only: values are personal data. */
  fieldsChanged: Record<string, number>;
}

/** The engine's report without anything naming files on the terminal. */
export interface ImportSummary extends ImportCounts {
  entity: ImportEntityName;
  dryRun: boolean;
  /** The first MAX_LISTED_CONFLICTS conflicts by name (of this run; an interrupted run resumed lists its own part). */
  conflictList: ImportConflict[];
  encoding: string;
  /** Why that encoding, in a sentence of the store's language. */
  encodingReason: string;
  /** The same as a stable code (main/services/import/encoding.ts). */
  encodingReasonCode: string;
  delimiter: string;
  resumedFromLine: number | null;
  warnings: string[];
  /** The till export format the file was read as, or null. */
  preset: Exclude<ImportPresetChoice, 'auto' | 'none'> | null;
  /** Each column of the header and the field it fills (null: not imported), as the dry run shows them. */
  columns: ImportColumnUse[];
  ms: number;
  /** The refused rows can be fetched with imports.errors. */
  hasRejectedRows: boolean;
}

export interface ImportJobStatus {
  jobId: string;
  entity: ImportEntityName;
  fileName: string;
  dryRun: boolean;
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: { bytesRead: number; totalBytes: number; linesRead: number };
  report: ImportSummary | null;
  error: WireError | null;
}

export interface RejectedRowsFile {
  fileName: string;
  /** CSV text: line, reason, then the original columns. */
  text: string;
  truncated: boolean;
}
