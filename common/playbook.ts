// DTOs of playbook management: the templates a manager edits, their history, statistics and previews.
// Types only: the rules that check a template (field names, operators, text syntax) live in the main process,
// which sends the lists an editor needs in PlaybookCatalog.
import type { CommunicationStyle, InteractionKind, InteractionOutcome, Suggestion } from './domain';

/** One comparison or a group; the main process checks field, operator and value (see PlaybookCatalog.fields). */
export type PlaybookCondition =
  | { all: PlaybookCondition[] }
  | { any: PlaybookCondition[] }
  | { not: PlaybookCondition }
  | { field: string; op: string; value?: number | boolean | string | (number | string)[] | undefined };

export type PlaybookResolvable = 'openIssue' | 'followUp' | 'pickup';

/** A template as edited and as a playbook file holds it. */
export interface PlaybookTemplateDraft {
  id: string;
  kind: string;
  title: string;
  description: string;
  priority: number;
  enabled: boolean;
  /** An offer is never shown to a customer who has not agreed to marketing. */
  offer: boolean;
  resolves: PlaybookResolvable | null;
  /** May be offered while the customer has an open issue (small talk, offers and thanks are not, by default). */
  compatibleWithOpenIssues: boolean;
  /** The log form's Kind and Outcome when the clerk uses the template; null leaves the form's own. */
  logKind: InteractionKind | null;
  logOutcome: InteractionOutcome | null;
  conditions: PlaybookCondition;
  /** The language of `texts` (ISO 639, "en"). */
  language: string;
  texts: Record<CommunicationStyle, string>;
  /**
   * The same texts in other languages, by language ("de"). An editor sends them all back: a draft without them is a
   * template that speaks only `language`.
   */
  translations: Record<string, Record<CommunicationStyle, string>>;
}

export interface PlaybookStoredTemplate extends PlaybookTemplateDraft {
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** How a template has done: over every store and style this database knows. */
export interface PlaybookUsage {
  shown: number;
  used: number;
  /** Uses that ended resolved with a sentiment of 4 or 5. */
  successes: number;
  /** successes / used; null before the first use. */
  successRate: number | null;
  /** Posterior mean of the success rate (Beta prior), and that minus one standard deviation, which ranking uses. */
  posteriorMean: number;
  estimate: number;
}

export interface PlaybookListItem {
  id: string;
  title: string;
  kind: string;
  priority: number;
  enabled: boolean;
  offer: boolean;
  version: number;
  updatedAt: string;
  usage: PlaybookUsage;
}

export interface PlaybookFieldInfo {
  name: string;
  type: 'number' | 'boolean' | 'enum' | 'text' | 'list';
  operators: string[];
  /** For enum fields. */
  values?: string[] | undefined;
}

/** What an editor offers: the vocabulary the main process accepts. */
export interface PlaybookCatalog {
  kinds: string[];
  resolvables: PlaybookResolvable[];
  fields: PlaybookFieldInfo[];
  variables: string[];
  /** The store's language (its locale's, "de-DE" → "de"): the one its clerks mostly speak, edited first. */
  storeLanguage: string;
}

export interface PlaybookList {
  templates: PlaybookListItem[];
  catalog: PlaybookCatalog;
}

export interface PlaybookVersion {
  version: number;
  template: PlaybookTemplateDraft;
  changedBy: number | null;
  changedByName: string | null;
  changedAt: string;
}

export interface PlaybookTemplateDetail extends PlaybookStoredTemplate {
  /** Newest first. */
  history: PlaybookVersion[];
}

/** One comparison of a template's conditions, judged against a customer's facts. */
export interface PlaybookCheck {
  /** Readable, e.g. "followUp.dueInDays < 0". */
  test: string;
  /** The customer's value, as text; null when the fact is missing. */
  actual: string | null;
  holds: boolean;
  /** Nesting depth, for indentation. */
  depth: number;
  /**
   * Which group a group line opens ("all of", "any of", "not"; "always" for an empty "all"), so a screen can word it
   * in its own language; null on a comparison. Group lines carry no actual value.
   */
  group: PlaybookCheckGroup | null;
}

export type PlaybookCheckGroup = 'all' | 'any' | 'not' | 'always';

export type PlaybookNotShownReason =
  | 'no-consent'
  | 'open-issues'
  | 'conditions'
  | 'nothing-to-resolve'
  | 'purchase-under-issue'
  | 'no-check-in-item'
  | 'missing-variables';

export interface PlaybookPreview {
  templateId: string;
  customerId: number | null;
  /** Would the engine offer it to this customer now (whether it is enabled aside). */
  applies: boolean;
  why: PlaybookNotShownReason | null;
  /** A sentence for the manager: why it applies or not. */
  explanation: string;
  /** The customer's communication style: the text the clerk would see. */
  style: CommunicationStyle;
  conditionsHold: boolean;
  checks: PlaybookCheck[];
  /** When it applies: the suggestion as the clerk would get it, with its reasons. */
  suggestion: Suggestion | null;
  /** The language `texts` are in: the one asked for, else the template's own. */
  language: string;
  /** Each style's text filled in for this customer; null where a required variable has no value. */
  texts: Record<CommunicationStyle, string | null>;
  /** Per style, the variables that have no value for this customer. */
  unfilled: Record<CommunicationStyle, string[]>;
}

export interface PlaybookStatsRow {
  templateId: string;
  storeId: string;
  style: string;
  shown: number;
  used: number;
  successes: number;
  successRate: number | null;
  posteriorMean: number;
  estimate: number;
}

export interface PlaybookStats {
  /** Per template, over all stores and styles. */
  templates: (PlaybookUsage & { templateId: string; title: string; enabled: boolean })[];
  /** Per template, store and style. */
  rows: PlaybookStatsRow[];
  /** Templates no clerk has used yet; neverShown is the stricter list. */
  neverUsed: string[];
  neverShown: string[];
}

export interface PlaybookImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}
