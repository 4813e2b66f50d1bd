// Playbook management for managers: list, edit with history, enable/disable, export/import, preview, statistics.
import { COMMUNICATION_STYLES, type CommunicationStyle, type Suggestion } from '@common/domain';
import type { PlaybookUsage } from '@common/playbook';
import { AppError, words } from '@common/errors';
import { uuidv7 } from '@common/sync/ids';
import { playbookRepo } from '../../db/playbook.repo';
import { audit } from '../audit';
import { requireClerk } from '../clerks';
import type { ServiceContext } from '../context';
import { evidenceFor, judgeForCustomer, type NotShown } from './engine';
import { gatherFacts } from './facts';
import { templateLanguages } from './language';
import {
  ensureDefaultPlaybook,
  fromRow,
  loadTemplate,
  parsePlaybookFile,
  parseTemplate,
  PLAYBOOK_FORMAT,
  toStored,
  writeTemplate,
  type PlaybookFile,
  type PlaybookTemplate,
  type StoredTemplate,
} from './playbook';
import { cautiousRate, NO_EVIDENCE, posterior, type Evidence } from './ranking';
import { render } from './variables';

/** Editing what every clerk will say is a manager's decision. */
function requireManager(ctx: ServiceContext, clerkId: number): void {
  const clerk = requireClerk(ctx, clerkId);
  if (clerk.role === 'clerk') throw new AppError('FORBIDDEN', words('playbook.managersOnly'));
}

function requireTemplate(ctx: ServiceContext, id: string): StoredTemplate {
  const row = playbookRepo(ctx.db).byId.get(id);
  if (!row) throw new AppError('NOT_FOUND', words('playbook.notFound', { id }));
  return toStored(row);
}

export function listTemplates(ctx: ServiceContext): StoredTemplate[] {
  ensureDefaultPlaybook(ctx);
  return playbookRepo(ctx.db).all.all().map(toStored);
}

export interface TemplateVersion {
  version: number;
  template: PlaybookTemplate;
  changedBy: number | null;
  changedByName: string | null;
  changedAt: string;
}

export function getTemplate(ctx: ServiceContext, id: string): StoredTemplate & { history: TemplateVersion[] } {
  ensureDefaultPlaybook(ctx);
  const t = requireTemplate(ctx, id);
  const history = playbookRepo(ctx.db)
    .versionsOf.all(id)
    .map((v) => ({
      version: v.version,
      template: JSON.parse(v.body) as PlaybookTemplate,
      changedBy: v.changed_by,
      changedByName: v.changed_by_name,
      changedAt: v.changed_at,
    }));
  return { ...t, history };
}

/** Saves and, when something changed, notes it in the security audit log in the same transaction. */
function saveAudited(ctx: ServiceContext, clerkId: number, t: PlaybookTemplate, action: string): StoredTemplate {
  const { stored, changed } = writeTemplate(ctx, t, clerkId);
  if (changed) audit(ctx, clerkId, 'playbook_change', t.id, { action, version: stored.version });
  return stored;
}

/** Validates and saves a template (new or edited). An unchanged template keeps its version. */
export function saveTemplate(ctx: ServiceContext, clerkId: number, tpl: unknown): StoredTemplate {
  requireManager(ctx, clerkId);
  const t = parseTemplate(tpl);
  ensureDefaultPlaybook(ctx);
  return ctx.db.transaction(() => saveAudited(ctx, clerkId, t, 'save')).immediate();
}

export function setEnabled(ctx: ServiceContext, clerkId: number, id: string, enabled: boolean): StoredTemplate {
  requireManager(ctx, clerkId);
  ensureDefaultPlaybook(ctx);
  return ctx.db
    .transaction(() => {
      const repo = playbookRepo(ctx.db);
      const row = repo.byId.get(id);
      if (!row) throw new AppError('NOT_FOUND', words('playbook.notFound', { id }));
      // The store's decision: it reaches this store's other counters as a switch, never another store (0021).
      const { stored, changed } = writeTemplate(ctx, { ...fromRow(row), enabled }, clerkId, { travels: false });
      if (!changed) return stored;
      repo.share.run({
        kind: 'switch',
        template_id: id,
        version: stored.version,
        enabled: enabled ? 1 : 0,
        store_id: null,
        global_id: uuidv7(),
        hlc: null,
      });
      audit(ctx, clerkId, 'playbook_change', id, { action: enabled ? 'enable' : 'disable', version: stored.version });
      return stored;
    })
    .immediate();
}

/** Puts back the text and settings of an earlier version, as a new version (history is never rewritten). */
export function restoreVersion(ctx: ServiceContext, clerkId: number, id: string, version: number): StoredTemplate {
  requireManager(ctx, clerkId);
  const old = getTemplate(ctx, id).history.find((h) => h.version === version);
  if (!old) throw new AppError('NOT_FOUND', words('playbook.noVersion', { id, version }));
  const t = parseTemplate(old.template);
  return ctx.db.transaction(() => saveAudited(ctx, clerkId, t, `restore v${version}`)).immediate();
}

export function exportPlaybook(ctx: ServiceContext): PlaybookFile {
  ensureDefaultPlaybook(ctx);
  const templates = playbookRepo(ctx.db)
    .all.all()
    .map(fromRow)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    format: PLAYBOOK_FORMAT,
    formatVersion: 1,
    exportedAt: ctx.now().toISOString(),
    storeId: ctx.config.storeId,
    templates,
  };
}

export interface ImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Applies a playbook file (object or JSON text). All or nothing: one invalid template rejects the whole file.
 * Templates missing from the file stay as they are; disable them to retire them.
 */
export function importPlaybook(ctx: ServiceContext, clerkId: number, json: unknown): ImportResult {
  requireManager(ctx, clerkId);
  const file = parsePlaybookFile(json);
  ensureDefaultPlaybook(ctx);
  const repo = playbookRepo(ctx.db);
  return ctx.db
    .transaction(() => {
      const result: ImportResult = { added: [], updated: [], unchanged: [] };
      for (const t of file.templates) {
        const existed = repo.byId.get(t.id) !== undefined;
        const { changed } = writeTemplate(ctx, t, clerkId);
        (changed ? (existed ? result.updated : result.added) : result.unchanged).push(t.id);
      }
      if (result.added.length || result.updated.length) {
        audit(ctx, clerkId, 'playbook_change', null, {
          action: 'import',
          added: result.added,
          updated: result.updated,
        });
      }
      return result;
    })
    .immediate();
}

export interface TemplatePreview {
  templateId: string;
  enabled: boolean;
  /** Whether the engine would offer it to this customer now (the enabled flag aside). */
  applies: boolean;
  why: Exclude<NotShown, 'disabled'> | null;
  missingVariables: string[];
  style: CommunicationStyle;
  suggestion: Suggestion | null;
  /** The language of `texts`: the one asked for, else the template's own. */
  language: string;
  /** Every style's text filled with this customer's facts; null where a variable has no fact. */
  texts: Record<CommunicationStyle, string | null>;
  /** Per style, the variables of its text this customer has no value for. */
  unfilled: Record<CommunicationStyle, string[]>;
}

/**
 * Shows how a saved template (by id) or an unsaved draft would read for a customer (null: a walk-in), with its texts
 * in `language` (one the template has; its own when left out), as the manager editing that language expects.
 */
export function previewTemplate(
  ctx: ServiceContext,
  template: string | unknown,
  customerId: number | null,
  clerkId = 0,
  language?: string,
): TemplatePreview {
  ensureDefaultPlaybook(ctx);
  const stored: StoredTemplate =
    typeof template === 'string'
      ? requireTemplate(ctx, template)
      : { ...parseTemplate(template), version: 0, updatedAt: '', updatedBy: null };
  const t = loadTemplate(stored);
  const shownIn = language ?? t.language;
  // Own keys only: a language asked as "constructor" or "__proto__" is one the template lacks, not a method.
  const parsed = Object.hasOwn(t.parsed, shownIn) ? t.parsed[shownIn] : undefined;
  if (!parsed) {
    throw new AppError(
      'VALIDATION',
      words('playbook.noTexts', { id: t.id, language: shownIn, has: templateLanguages(t).join(', ') }),
    );
  }
  const facts = gatherFacts(ctx, customerId, clerkId);
  const evidence = evidenceFor(ctx, facts.style).get(t.id) ?? NO_EVIDENCE;
  const v = judgeForCustomer(t, facts, evidence, { ignoreEnabled: true });
  const rendered = COMMUNICATION_STYLES.map((s) => [s, render(parsed[s], facts.varsIn(shownIn))] as const);
  const texts = Object.fromEntries(rendered.map(([s, r]) => [s, r.ok ? r.text : null])) as TemplatePreview['texts'];
  const unfilled = Object.fromEntries(
    rendered.map(([s, r]) => [s, r.ok ? [] : r.missing]),
  ) as TemplatePreview['unfilled'];
  return {
    templateId: t.id,
    enabled: t.enabled,
    applies: v.shown,
    why: v.shown ? null : (v.why as TemplatePreview['why']),
    missingVariables: v.shown ? [] : v.missing,
    style: facts.style,
    suggestion: v.shown ? v.suggestion : null,
    language: shownIn,
    texts,
    unfilled,
  };
}

export interface TemplateStatsRow extends PlaybookUsage {
  templateId: string;
  storeId: string;
  style: string;
}

/** Counts of one template (in one cell or over all) as a manager reads them, with the estimate ranking uses. */
export function usageFrom(shown: number, e: Evidence): PlaybookUsage {
  return {
    shown,
    used: e.used,
    successes: e.successes,
    successRate: e.used > 0 ? e.successes / e.used : null,
    posteriorMean: posterior(e).mean,
    estimate: cautiousRate(e),
  };
}

/** Per template, store and style: how often shown, used and successful (resolved with sentiment >= 4). */
export function templateStats(ctx: ServiceContext): TemplateStatsRow[] {
  ensureDefaultPlaybook(ctx);
  const rows = playbookRepo(ctx.db).allStats.all();
  const totals = new Map<string, { used: number; successes: number }>();
  for (const r of rows) {
    const t = totals.get(r.template_id) ?? { used: 0, successes: 0 };
    totals.set(r.template_id, { used: t.used + r.used, successes: t.successes + r.successes });
  }
  return rows.map((r) => {
    const all = totals.get(r.template_id)!;
    const e: Evidence = {
      used: r.used,
      successes: r.successes,
      otherUsed: all.used - r.used,
      otherSuccesses: all.successes - r.successes,
    };
    return { templateId: r.template_id, storeId: r.store_id, style: r.style, ...usageFrom(r.shown, e) };
  });
}
