// What the back office shows about the playbook: the list with usage figures, statistics, and a preview that says
// why a template would or would not be offered to a customer. Editing itself lives in manage.ts.
import type {
  PlaybookCatalog,
  PlaybookCheck,
  PlaybookCheckGroup,
  PlaybookFieldInfo,
  PlaybookList,
  PlaybookPreview,
  PlaybookStats,
  PlaybookUsage,
} from '@common/playbook';
import type { ServiceContext } from '../context';
import { evaluate, FIELDS, type Condition, type FactValues } from './conditions';
import { gatherFacts } from './facts';
import { DEFAULT_TEMPLATE_LANGUAGE, storeLanguage as storeLanguageOf } from './language';
import { listTemplates, previewTemplate, templateStats, usageFrom, type TemplateStatsRow } from './manage';
import { parseTemplate, RESOLVABLES, TEMPLATE_KINDS } from './playbook';
import { VARIABLE_NAMES } from './variables';

const OPS: Record<PlaybookFieldInfo['type'], string[]> = {
  number: ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists', 'missing'],
  boolean: ['==', '!=', 'exists', 'missing'],
  enum: ['==', '!=', 'in', 'notIn', 'exists', 'missing'],
  text: ['==', '!=', 'in', 'notIn', 'exists', 'missing'],
  list: ['contains', 'notContains', 'exists', 'missing'],
};

/** What the editor offers; `storeLanguage` is the language it opens a template's texts in. */
export function playbookCatalog(storeLanguage = DEFAULT_TEMPLATE_LANGUAGE): PlaybookCatalog {
  const fields = Object.entries(FIELDS).map(
    ([name, spec]): PlaybookFieldInfo => ({
      name,
      type: spec.type,
      operators: OPS[spec.type],
      values: 'values' in spec ? [...spec.values] : undefined,
    }),
  );
  return {
    kinds: [...TEMPLATE_KINDS],
    resolvables: [...RESOLVABLES],
    fields,
    variables: [...VARIABLE_NAMES],
    storeLanguage,
  };
}

/** Usage summed over stores and styles; the estimate is what the same evidence would give in a single cell. */
function usageOf(counts: { shown: number; used: number; successes: number } | undefined): PlaybookUsage {
  const c = counts ?? { shown: 0, used: 0, successes: 0 };
  return usageFrom(c.shown, { used: c.used, successes: c.successes, otherUsed: 0, otherSuccesses: 0 });
}

function totalsByTemplate(rows: TemplateStatsRow[]): Map<string, { shown: number; used: number; successes: number }> {
  const totals = new Map<string, { shown: number; used: number; successes: number }>();
  for (const r of rows) {
    const t = totals.get(r.templateId) ?? { shown: 0, used: 0, successes: 0 };
    totals.set(r.templateId, { shown: t.shown + r.shown, used: t.used + r.used, successes: t.successes + r.successes });
  }
  return totals;
}

export function playbookList(ctx: ServiceContext): PlaybookList {
  const totals = totalsByTemplate(templateStats(ctx));
  const templates = listTemplates(ctx).map((t) => ({
    id: t.id,
    title: t.title,
    kind: t.kind,
    priority: t.priority,
    enabled: t.enabled,
    offer: t.offer,
    version: t.version,
    updatedAt: t.updatedAt,
    usage: usageOf(totals.get(t.id)),
  }));
  return { templates, catalog: playbookCatalog(storeLanguageOf(ctx.config.locale)) };
}

export function playbookStats(ctx: ServiceContext): PlaybookStats {
  const rows = templateStats(ctx);
  const totals = totalsByTemplate(rows);
  const templates = listTemplates(ctx).map((t) => ({
    templateId: t.id,
    title: t.title,
    enabled: t.enabled,
    ...usageOf(totals.get(t.id)),
  }));
  return {
    templates,
    rows,
    neverUsed: templates.filter((t) => t.used === 0).map((t) => t.templateId),
    neverShown: templates.filter((t) => t.shown === 0).map((t) => t.templateId),
  };
}

const show = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

/** A group line's test in English, for the CLI and logs; the back office words it from `group`. */
const GROUP_TEST: Record<PlaybookCheckGroup, string> = {
  all: 'all of',
  any: 'any of',
  not: 'not',
  always: 'always (no conditions)',
};

/** Walks a condition tree the way evaluate() does, one line per group and comparison, for the preview. */
export function explainConditions(c: Condition, facts: FactValues, depth = 0): PlaybookCheck[] {
  const holds = evaluate(c, facts).ok;
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    const group = 'all' in c ? (list.length === 0 ? 'always' : 'all') : 'any';
    return [
      { test: GROUP_TEST[group], actual: null, holds, depth, group },
      ...list.flatMap((s) => explainConditions(s, facts, depth + 1)),
    ];
  }
  if ('not' in c)
    return [
      { test: GROUP_TEST.not, actual: null, holds, depth, group: 'not' },
      ...explainConditions(c.not, facts, depth + 1),
    ];
  const v = facts[c.field];
  const missing = v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  const test = c.value === undefined ? `${c.field} ${c.op}` : `${c.field} ${c.op} ${show(c.value)}`;
  return [{ test, actual: missing ? null : show(v), holds, depth, group: null }];
}

const WHY: Record<NonNullable<PlaybookPreview['why']>, string> = {
  'no-consent': 'It contains an offer and this customer has not agreed to marketing.',
  'open-issues': 'This customer has an open issue, and the template is not marked as fit to say while one is open.',
  conditions: 'Its conditions do not hold for this customer.',
  'nothing-to-resolve': 'It follows up an open item, and this customer has none of that kind.',
  'purchase-under-issue': 'It speaks of the last purchase, and an open issue of this customer is about that purchase.',
  'no-check-in-item':
    'It speaks of the last purchase, and nothing in it is marked in the catalog as worth asking about.',
  'missing-variables': 'Its text for this customer’s style needs a fact this customer has no value for.',
};

/** previewTemplate (texts in `language`) plus the condition trace. */
export function previewDraft(
  ctx: ServiceContext,
  draft: unknown,
  customerId: number | null,
  clerkId: number,
  language?: string,
): PlaybookPreview {
  const t = parseTemplate(draft);
  const p = previewTemplate(ctx, t, customerId, clerkId, language);
  const facts = gatherFacts(ctx, customerId, clerkId);
  const checks = explainConditions(t.conditions, facts.values);
  const explanation = p.applies
    ? `It would be offered${t.enabled ? '' : ' once enabled'}: its conditions hold and every needed fact is known.`
    : WHY[p.why ?? 'conditions'];
  return {
    templateId: t.id,
    customerId,
    applies: p.applies,
    why: p.why,
    explanation,
    style: p.style,
    conditionsHold: checks[0]?.holds ?? true,
    checks,
    suggestion: p.suggestion,
    language: p.language,
    texts: p.texts,
    unfilled: p.unfilled,
  };
}
