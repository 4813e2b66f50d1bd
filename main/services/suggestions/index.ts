// The suggestion engine: what the clerk could say next to the person at the counter, and why.
import type { Suggestion } from '@common/domain';
import type { ServiceContext } from '../context';
import { rank, recordShown } from './engine';
import { gatherFacts } from './facts';
import { ensureDefaultPlaybook, loadedTemplates } from './playbook';

/**
 * 3–5 ranked, explained suggestions for a customer (customerId null: a walk-in). Facts are read once with indexed,
 * LIMITed queries; templates come from the cached playbook; what is returned is counted as shown.
 */
export function suggestFor(ctx: ServiceContext, req: { customerId: number | null; clerkId: number }): Suggestion[] {
  ensureDefaultPlaybook(ctx);
  const templates = loadedTemplates(ctx);
  const facts = gatherFacts(ctx, req.customerId, req.clerkId);
  const suggestions = rank(ctx, templates, facts);
  recordShown(ctx, suggestions, facts.style);
  return suggestions;
}

export { ensureDefaultPlaybook, shippedPlaybook, templateSchema, playbookFileSchema, TEMPLATE_KINDS } from './playbook';
export type { PlaybookFile, PlaybookTemplate, StoredTemplate, TemplateInput } from './playbook';
export {
  exportPlaybook,
  getTemplate,
  importPlaybook,
  listTemplates,
  previewTemplate,
  restoreVersion,
  saveTemplate,
  setEnabled,
  templateStats,
} from './manage';
export type { ImportResult, TemplatePreview, TemplateStatsRow, TemplateVersion } from './manage';
export { FIELDS, OPERATORS, parseCondition } from './conditions';
export { VARIABLES } from './variables';
