// The one IPC contract: every method the renderer may call, its zod input schema and its output type.
// Main registers handlers by looping over this object; preload exposes exactly these names.
import { z } from 'zod';
import { calendarDay } from './calendar-day';
import { METHOD_NAMES, channelFor, type MethodName } from './methods';
import type { Access } from './permissions';
import {
  COMMUNICATION_STYLES,
  INTERACTION_KINDS,
  INTERACTION_OUTCOMES,
  ROLES,
  type AppInfo,
  type AuditEntry,
  type BackupSummary,
  type ChainLink,
  type StoreProblem,
  type Clerk,
  type Customer,
  type CustomerHit,
  type CustomerProfile,
  type Draft,
  type DuplicateCandidate,
  type ErasureSummary,
  type Interaction,
  type Suggestion,
  type SyncView,
  type TimelinePage,
} from './domain';
import type {
  CounterQueue,
  CsvExport,
  DayEntry,
  DayReport,
  FollowUp,
  KpiReport,
  PdfExport,
  ReviewStores,
  TrendPoint,
} from './reports';
import { uuidV7Schema } from './sync/ids';
import type { DiagnosticsBundle } from './diagnostics';
import { SETTING_KEYS, type SettingView } from './settings';
import { approvalSchema, recoverySchema, SEVERITIES, type RecoveryGuide } from './recovery';
import { RENDER_REPORT_LIMITS } from './render-report';
import { refusal, wordError } from './errors';
import { pinSchema } from './pin';
import { unfilledSlot } from './slots';
import { storeIdentitySchema } from './store-identity';
import type { ConflictView, MergeView } from './sync/merges';
import {
  importInputs,
  type ImportChunkReceipt,
  type ImportJobStatus,
  type ImportUpload,
  type RejectedRowsFile,
} from './imports';
import type {
  PlaybookImportResult,
  PlaybookList,
  PlaybookPreview,
  PlaybookStats,
  PlaybookStoredTemplate,
  PlaybookTemplateDetail,
  PlaybookTemplateDraft,
} from './playbook';

/**
 * Declares a method returning O: the input schema is checked at runtime, the output type at compile time, and
 * `access` (default: any signed-in clerk) by the main process before the handler runs. `access` keeps its literal
 * type, so a handler of a method needing a role is typed to receive the signed-in clerk (main/ipc/handlers.ts).
 */
function returns<O>() {
  return <I extends z.ZodType, A extends Access = 'clerk'>(input: I, access: A = 'clerk' as A) => ({
    input,
    access,
    output: undefined as unknown as O,
  });
}
const empty = z.object({});

const id = z.number().int().positive();
// Refusals a person may meet are in catalogue words (common/errors.ts refusal), so the dispatcher words them in the
// store's language; zod's own wording of the rest (a text too long) follows the store's language too.
export const pin = pinSchema;
export const clerkName = z
  .string()
  .trim()
  .refine((name) => name.length > 0, refusal('clerks.yourName'))
  .max(80);
const backupName = z
  .string()
  .refine((name) => /^counterpart-\d{8}T\d{6,9}Z\.db$/.test(name), refusal('backups.notABackupName'));
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const customerDraftSchema = z.object({
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).default(''),
  phone: optionalText(40),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email())]).optional(),
  loyaltyId: optionalText(40),
  /** An empty text means "none", as for phone, email and card: an edit clears a birthday that way. */
  birthday: z.union([z.literal(''), calendarDay]).optional(),
  style: z.enum(COMMUNICATION_STYLES).default('unknown'),
  language: optionalText(20),
  marketingConsent: z.boolean().default(false),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  notes: z.string().max(2000).default(''),
});
export type CustomerDraft = z.input<typeof customerDraftSchema>;

type Shape = typeof customerDraftSchema.shape;
type Optional<S extends z.ZodType> =
  S extends z.ZodDefault<infer Inner extends z.ZodType> ? z.ZodOptional<Inner> : z.ZodOptional<S>;

/**
 * An edit of a customer: any of the draft's fields, each checked by the draft's own schema, none filled in when left
 * out (a default would overwrite what is stored). Unknown fields are refused rather than dropped without a word.
 */
export const customerChangesSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(customerDraftSchema.shape).map(([k, s]) => [
      k,
      (s instanceof z.ZodDefault ? s.unwrap() : s).optional(),
    ]),
  ) as { [K in keyof Shape]: Optional<Shape[K]> },
);
export type CustomerChanges = z.output<typeof customerChangesSchema>;
/** The fields of a customer a clerk may edit, in the order the profile shows them. */
export type CustomerField = keyof CustomerChanges;
/** Every editable value of a customer, "none" as '' (what the draft's fields read as empty). */
export type CustomerValues = { [K in CustomerField]-?: NonNullable<CustomerChanges[K]> };

/** Where an edit starts: the customer's stored values, as the edit form shows them and the edit merges its changes in. */
export const valuesOf = (c: Customer): CustomerValues => ({
  firstName: c.firstName,
  lastName: c.lastName,
  phone: c.phone ?? '',
  email: c.email ?? '',
  loyaltyId: c.loyaltyId ?? '',
  birthday: c.birthday ?? '',
  style: c.style,
  language: c.language ?? '',
  marketingConsent: c.marketingConsent,
  tags: c.tags,
  notes: c.notes,
});
/** More open issues than one visit plausibly settles: the profile lists at most 50 (history.openIssuesFor). */
export const MAX_SETTLED = 50;

/** The most a log entry's notes hold; the form counts towards it and refuses a longer paste instead of cutting it. */
export const MAX_NOTES = 4000;

export const logInteractionSchema = z.object({
  customerId: id.nullable(),
  kind: z.enum(INTERACTION_KINDS),
  outcome: z.enum(INTERACTION_OUTCOMES),
  sentiment: z.number().int().min(1).max(5).nullable().default(null),
  notes: z.string().max(MAX_NOTES).default(''),
  followUpDue: calendarDay.nullable().default(null),
  suggestionTemplateId: z.string().max(100).nullable().default(null),
  /** Open issues of this customer that the entry settles (closes); the clerk picks them, any number, or none. */
  resolves: z
    .array(id)
    .max(MAX_SETTLED)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, refusal('interactions.listedTwice')),
  /** What the clerk finally said: the edited "What I'll say" text, every slot filled in or deleted. */
  said: z
    .string()
    .max(4000)
    .default('')
    .superRefine((said, ctx) => {
      // The words ride along, so the dispatcher words the refusal in the store's language.
      const problem = unfilledSlot(said);
      if (problem) ctx.addIssue({ code: 'custom', message: wordError(problem, 'en'), params: { words: problem } });
    }),
  /** Client-generated id so a retried save (after a crash or timeout) is not logged twice. */
  requestId: z.string().min(8).max(64).optional(),
  /** A complaint's recovery steps (kind must be complaint); the amount counts against the clerk's goodwill authority. */
  recovery: recoverySchema.nullable().default(null),
  /** A manager's PIN typed at the counter, for a grant above the clerk's authority. Checked, never stored or logged. */
  approval: approvalSchema.optional(),
});
export type LogInteractionInput = z.input<typeof logInteractionSchema>;

export const amendInteractionSchema = z.object({
  interactionId: id,
  reason: z
    .string()
    .trim()
    .refine((why) => why.length > 0, refusal('interactions.sayWhyCorrected'))
    .max(500),
  kind: z.enum(INTERACTION_KINDS).optional(),
  outcome: z.enum(INTERACTION_OUTCOMES).optional(),
  sentiment: z.number().int().min(1).max(5).nullable().optional(),
  notes: z.string().max(4000).optional(),
  followUpDue: calendarDay.nullable().optional(),
});
export type AmendInteractionInput = z.input<typeof amendInteractionSchema>;

/** Day-view filters; leave a field out for "any". */
export const dayFiltersSchema = z.object({
  clerkId: id.optional(),
  kind: z.enum(INTERACTION_KINDS).optional(),
  outcome: z.enum(INTERACTION_OUTCOMES).optional(),
  sentimentMin: z.number().int().min(1).max(5).optional(),
  sentimentMax: z.number().int().min(1).max(5).optional(),
  hasFollowUp: z.boolean().optional(),
  flagged: z.boolean().optional(),
  text: z.string().max(200).optional(),
});
/** The review's store: this one (default), another store's hub id, or all; beyond this one needs the chain scope. */
const storeSelection = z.union([z.literal('this'), z.literal('all'), uuidV7Schema]).default('this');
const dayRange = z.object({ from: calendarDay, to: calendarDay, store: storeSelection });

const templateId = z.string().min(1).max(64);
const templateDraft = z.custom<PlaybookTemplateDraft>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  refusal('playbook.notATemplate'),
);

export const contract = {
  'app.info': returns<AppInfo>()(empty, 'public'),
  /**
   * A part of the screen failed to render (an error boundary caught it): one bounded line for the main log, no
   * customer data (common/render-report.ts). Public, since the sign-in screen can fail too; rate-limited in main.
   */
  'app.reportRenderError': returns<null>()(
    z.strictObject({
      part: z.string().trim().min(1).max(RENDER_REPORT_LIMITS.part),
      message: z.string().max(RENDER_REPORT_LIMITS.message),
      componentStack: z.string().max(RENDER_REPORT_LIMITS.componentStack),
    }),
    'public',
  ),
  /** First launch on an empty database: fill it with the deterministic demo store. */
  'app.setupDemo': returns<AppInfo>()(empty, 'public'),
  /**
   * First launch on an empty database: start a real store, its name, id, time zone, locale and currency (`store`), with
   * its first (admin) clerk. Without `store` it keeps the terminal's settings (config file, defaults).
   */
  'app.setupEmpty': returns<Clerk>()(z.object({ clerkName, pin, store: storeIdentitySchema.optional() }), 'public'),
  /** Non-null when the store could not be opened: the renderer shows the recovery screen instead of the counter. */
  'recovery.status': returns<StoreProblem | null>()(empty, 'public'),
  /** Only while the store cannot be opened: put the named backup in place (the unusable file is kept aside). */
  'recovery.restore': returns<null>()(z.object({ name: backupName }), 'public'),
  /** Only while the store cannot be opened: keep the unusable file aside and start an empty store. */
  'recovery.startFresh': returns<null>()(empty, 'public'),
  'backups.list': returns<BackupSummary[]>()(empty, 'admin'),
  'backups.run': returns<BackupSummary>()(empty, 'admin'),
  'backups.restore': returns<null>()(z.object({ name: backupName }), 'admin'),
  'clerks.list': returns<Clerk[]>()(empty, 'public'),
  'clerks.create': returns<Clerk>()(
    z.object({ displayName: z.string().trim().min(1).max(80), role: z.enum(ROLES).default('clerk'), pin }),
    'manager',
  ),
  'clerks.resetPin': returns<null>()(z.object({ clerkId: id, pin }), 'manager'),
  'clerks.changeOwnPin': returns<null>()(z.object({ currentPin: pin, newPin: pin })),
  'session.current': returns<Clerk | null>()(empty, 'public'),
  'session.signIn': returns<Clerk>()(z.object({ clerkId: id, pin }), 'public'),
  'session.signOut': returns<null>()(empty, 'public'),
  /**
   * Where this terminal stands with the chain's hub, for the header, and whether a pulled change touched the customer
   * open at the counter: read locally, never waits on the network.
   */
  'sync.state': returns<SyncView>()(z.object({ openCustomerId: id.optional() })),
  /**
   * The chain hub's merges of one person's two records that touch this store (either made here), newest first. Asked
   * of the hub: CONFLICT when it cannot be reached, NOT_FOUND when the store is not in a chain.
   */
  'merges.list': returns<MergeView[]>()(empty, 'manager'),
  /** Undoes one of those merges on the hub, as the signed-in manager; every terminal learns it through the sync. */
  'merges.undo': returns<MergeView>()(z.object({ mergeId: z.string().trim().min(1).max(64) }), 'manager'),
  /**
   * Records sharing a card, email or phone that the hub did not link because the names differ, touching this store,
   * newest first: for a manager to check by hand. Asked of the hub, with the errors of merges.list.
   */
  'merges.conflicts': returns<ConflictView[]>()(empty, 'manager'),
  /** The hub this store joined (names, never the credential), or null outside a chain. Read locally. */
  'chain.status': returns<ChainLink | null>()(empty, 'manager'),
  /**
   * Joins the chain's hub with a one-time code from its operator (`counterpart hub enroll`), as `sync join` does; the
   * background sync starts at once. VALIDATION: a malformed address or code, or plain http to another machine;
   * FORBIDDEN: a code unknown, used or expired; CONFLICT: joined already, the hub unreachable or of another protocol.
   */
  'chain.join': returns<ChainLink>()(
    z.object({
      hubUrl: z
        .string()
        .trim()
        .refine((url) => url.length > 0, refusal('sync.enterAddress'))
        .max(2000),
      code: z
        .string()
        .trim()
        .refine((code) => code.length > 0, refusal('sync.enterCode'))
        .max(64),
    }),
    'admin',
  ),
  'audit.list': returns<AuditEntry[]>()(
    z.object({
      from: calendarDay.optional(),
      to: calendarDay.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    'manager',
  ),
  'customers.search': returns<CustomerHit[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
  ),
  'customers.byCard': returns<CustomerHit | null>()(z.object({ loyaltyId: z.string().trim().min(1).max(40) })),
  'customers.get': returns<CustomerProfile>()(z.object({ id })),
  'customers.timeline': returns<TimelinePage>()(
    z.object({
      id,
      cursor: z.string().max(200).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'customers.findDuplicates': returns<DuplicateCandidate[]>()(customerDraftSchema),
  'customers.create': returns<Customer>()(customerDraftSchema),
  /** Changes some fields; each field changed is kept as a change row (who, when, old and new) and audited by name. */
  'customers.update': returns<CustomerProfile>()(z.object({ id, changes: customerChangesSchema })),
  /** Everything held about the customer, as the JSON text of an export file. Audited. */
  'customers.exportData': returns<string>()(z.object({ customerId: id }), 'manager'),
  /**
   * Irreversible: blanks personal fields and notes, keeps anonymous counts. confirmName must be the name on screen.
   * Answers with the backups and store copies that still hold the customer, and when each is deleted.
   */
  'customers.erase': returns<ErasureSummary>()(
    z.object({
      customerId: id,
      reason: z
        .string()
        .trim()
        .refine((why) => why.length > 0, refusal('privacy.sayWhy'))
        .max(500),
      confirmName: z.string().max(250),
    }),
    'manager',
  ),
  'suggestions.forCustomer': returns<Suggestion[]>()(z.object({ customerId: id.nullable() })),
  'interactions.log': returns<Interaction>()(logInteractionSchema),
  'interactions.amend': returns<Interaction>()(amendInteractionSchema),
  /** The recovery steps for a complaint of this severity: suggested remedy with why, apology, the clerk's authority. */
  'recovery.guide': returns<RecoveryGuide>()(z.object({ customerId: id.nullable(), severity: z.enum(SEVERITIES) })),
  'drafts.get': returns<Draft | null>()(z.object({ key: z.string().min(1).max(100) })),
  'drafts.save': returns<null>()(z.object({ key: z.string().min(1).max(100), body: z.string().max(20000) })),
  'drafts.clear': returns<null>()(z.object({ key: z.string().min(1).max(100) })),
  'reports.day': returns<DayReport>()(
    z.object({ day: calendarDay, filters: dayFiltersSchema.default({}), store: storeSelection }),
    'manager',
  ),
  'reports.kpis': returns<KpiReport>()(z.object({ day: calendarDay, store: storeSelection }), 'manager'),
  'reports.trend': returns<TrendPoint[]>()(
    z.object({ to: calendarDay, days: z.number().int().min(1).max(366).default(30), store: storeSelection }),
    'manager',
  ),
  'reports.exportCsv': returns<CsvExport>()(dayRange.extend({ bom: z.boolean().default(false) }), 'manager'),
  'reports.exportPdf': returns<PdfExport>()(dayRange, 'manager'),
  /** The stores the signed-in manager may pick in the review (this one; with the chain scope, the others and all). */
  'reports.stores': returns<ReviewStores>()(empty, 'manager'),
  /** The counter works the queue too; marking one done is interactions.log with its id in resolves. */
  'followups.list': returns<FollowUp[]>()(z.object({ limit: z.number().int().min(1).max(5000).default(500) })),
  /** The counter's home view: due today and overdue, and the signed-in clerk's own. */
  'followups.counter': returns<CounterQueue>()(empty),
  'followups.assign': returns<FollowUp>()(z.object({ interactionId: id, clerkId: id.nullable() }), 'manager'),
  /** Flags (or clears) an entry with a note; stored as an amendment, the entry itself is unchanged. */
  'interactions.review': returns<DayEntry>()(
    z.object({ interactionId: id, flagged: z.boolean(), note: z.string().trim().max(1000).nullable().default(null) }),
    'manager',
  ),
  /** For IT: versions, database health, settings in force, recent log lines and audit events; no customer data. */
  'diagnostics.export': returns<DiagnosticsBundle>()(empty, 'admin'),
  /** Every store setting with its source; the values a clerk's role may not change come back read-only. */
  'settings.get': returns<SettingView[]>()(empty, 'manager'),
  /** One form group at once; keys IT fixed in the managed config and admin-only keys are refused per key. */
  'settings.set': returns<SettingView[]>()(
    z.object({ values: z.partialRecord(z.enum(SETTING_KEYS), z.union([z.string().max(2000), z.number(), z.null()])) }),
    'manager',
  ),
  /** The till import from the admin screen: announce the file, send it in order, then start the job and poll it. */
  'imports.begin': returns<ImportUpload>()(importInputs.begin, 'admin'),
  'imports.chunk': returns<ImportChunkReceipt>()(importInputs.chunk, 'admin'),
  'imports.start': returns<{ jobId: string }>()(importInputs.start, 'admin'),
  'imports.status': returns<ImportJobStatus>()(importInputs.job, 'admin'),
  /** The running import, else the last finished one; null when none ran since the app started. */
  'imports.latest': returns<ImportJobStatus | null>()(empty, 'admin'),
  /** The refused rows as CSV text (line, reason, original columns), for a download. */
  'imports.errors': returns<RejectedRowsFile>()(importInputs.job, 'admin'),
  'playbook.list': returns<PlaybookList>()(empty, 'manager'),
  'playbook.get': returns<PlaybookTemplateDetail>()(z.object({ id: templateId }), 'manager'),
  /** The template is checked by the playbook's own schema in the main process; its message names the field. */
  'playbook.save': returns<PlaybookStoredTemplate>()(z.object({ template: templateDraft }), 'manager'),
  'playbook.setEnabled': returns<PlaybookStoredTemplate>()(
    z.object({ id: templateId, enabled: z.boolean() }),
    'manager',
  ),
  /** How an unsaved draft reads for a customer (null: a walk-in) and whether it would be offered. */
  'playbook.preview': returns<PlaybookPreview>()(
    // `language`: which of the template's languages to show the texts in (the main process checks it has it).
    z.object({ template: templateDraft, customerId: id.nullable(), language: z.string().max(16).optional() }),
    'manager',
  ),
  /** The whole playbook as the JSON text of a playbook file. */
  'playbook.export': returns<string>()(empty, 'manager'),
  /** All or nothing: one invalid template rejects the file. */
  'playbook.import': returns<PlaybookImportResult>()(z.object({ json: z.string().min(1).max(5_000_000) }), 'manager'),
  'playbook.stats': returns<PlaybookStats>()(empty, 'manager'),
  'playbook.restoreVersion': returns<PlaybookStoredTemplate>()(
    z.object({ id: templateId, version: z.number().int().positive() }),
    'manager',
  ),
} as const satisfies Record<MethodName, unknown>;

export type Contract = typeof contract;
// The names live in methods.ts (the preload reads them there, without zod); the contract re-exports them.
export { METHOD_NAMES, channelFor, type MethodName };
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

/** Shape of window.counterpart as built by preload: one function per method, each resolving to an envelope. */
export type CounterpartBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<import('./errors').Envelope<MethodOutput<M>>>;
};
