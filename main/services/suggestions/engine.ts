// Matching, rendering, explaining and ranking: from facts and templates to the few suggestions a clerk sees.
import type { CommunicationStyle, Suggestion, SuggestionReason } from '../../../common/domain';
import { playbookRepo } from '../../db/playbook.repo';
import type { ServiceContext } from '../context';
import { evaluate, FIELDS, type Subject } from './conditions';
import type { Facts } from './facts';
import type { LoadedTemplate } from './playbook';
import { NO_EVIDENCE, score, type Evidence } from './ranking';
import { render, VARIABLES, type VariableName } from './variables';

export const MAX_SUGGESTIONS = 5;
export const MAX_REASONS = 4;
const FULL = 2;

export type Verdict =
  | { shown: true; suggestion: Suggestion; kind: string }
  | { shown: false; why: 'disabled' | 'no-consent' | 'conditions' | 'nothing-to-resolve' | 'missing-variables'; missing: VariableName[] };

/** Decides whether one template applies to these facts and, if so, what it says and why. */
export function judge(t: LoadedTemplate, facts: Facts, evidence: Evidence, opts: { ignoreEnabled?: boolean } = {}): Verdict {
  const no = (why: Extract<Verdict, { shown: false }>['why'], missing: VariableName[] = []): Verdict => ({ shown: false, why, missing });
  if (!t.enabled && !opts.ignoreEnabled) return no('disabled');
  if (t.offer && !facts.marketingConsent) return no('no-consent');
  const ev = evaluate(t.conditions, facts.values);
  if (!ev.ok) return no('conditions');
  const resolves = t.resolves ? facts.resolvable[t.resolves] : null;
  if (t.resolves && resolves === null) return no('nothing-to-resolve');
  const style: CommunicationStyle = facts.style;
  const r = render(t.parsed[style], facts.vars);
  if (!r.ok) return no('missing-variables', r.missing);

  const subjects: Subject[] = [];
  const add = (s: Subject | null) => {
    if (s && !subjects.includes(s)) subjects.push(s);
  };
  for (const f of ev.fields) add(FIELDS[f].subject);
  if (t.resolves) add(t.resolves);
  for (const v of r.used) add(VARIABLES[v]);
  const reasons: SuggestionReason[] = [];
  let age: number | null = null;
  for (const s of subjects) {
    const fact = facts.subjects[s];
    if (!fact) continue;
    if (fact.ageDays !== null) age = age === null ? fact.ageDays : Math.min(age, fact.ageDays);
    if (reasons.length < MAX_REASONS && !reasons.some((x) => x.fact === fact.fact && x.ref === fact.ref)) {
      reasons.push({ fact: fact.fact, ref: fact.ref });
    }
  }
  if (reasons.length === 0 && facts.subjects.customer) {
    reasons.push({ fact: facts.subjects.customer.fact, ref: facts.subjects.customer.ref });
  }
  return {
    shown: true,
    kind: t.kind,
    suggestion: {
      templateId: t.id,
      title: t.title,
      text: r.text,
      style,
      reasons,
      score: score(t.priority, age, evidence),
      resolvesInteractionId: resolves,
    },
  };
}

/** Learning evidence for every template in the store and style of this customer. */
export function evidenceFor(ctx: ServiceContext, style: CommunicationStyle): Map<string, Evidence> {
  const rows = playbookRepo(ctx.db).cellStats.all({ store: ctx.config.storeId, style });
  return new Map(
    rows.map((r) => [
      r.template_id,
      { used: r.used, successes: r.successes, otherUsed: r.all_used - r.used, otherSuccesses: r.all_successes - r.successes },
    ]),
  );
}

/**
 * Best first, deterministic (score, then template id). At most one suggestion per kind — three greetings are one
 * greeting — and at most one per open item, so a follow-up and an apology never both claim the same issue.
 */
export function choose(verdicts: Extract<Verdict, { shown: true }>[], max = MAX_SUGGESTIONS): Suggestion[] {
  const sorted = [...verdicts].sort(
    (a, b) => b.suggestion.score - a.suggestion.score || (a.suggestion.templateId < b.suggestion.templateId ? -1 : 1),
  );
  const kinds = new Set<string>();
  const items = new Set<number>();
  const out: Suggestion[] = [];
  for (const v of sorted) {
    if (out.length >= max) break;
    if (kinds.has(v.kind)) continue;
    const item = v.suggestion.resolvesInteractionId;
    if (item !== null && items.has(item)) continue;
    kinds.add(v.kind);
    if (item !== null) items.add(item);
    out.push(v.suggestion);
  }
  return out;
}

export function rank(ctx: ServiceContext, templates: LoadedTemplate[], facts: Facts): Suggestion[] {
  const evidence = evidenceFor(ctx, facts.style);
  const shown: Extract<Verdict, { shown: true }>[] = [];
  for (const t of templates) {
    const v = judge(t, facts, evidence.get(t.id) ?? NO_EVIDENCE);
    if (v.shown) shown.push(v);
  }
  return choose(shown);
}

/**
 * Counts what was shown: one upsert per suggestion, one transaction. These are statistics, not records a customer
 * is owed, so the commit skips the fsync (synchronous=NORMAL under WAL still keeps the file consistent); the next
 * durable commit on this connection flushes them. The connection's setting is restored before returning.
 */
export function recordShown(ctx: ServiceContext, suggestions: Suggestion[], style: CommunicationStyle): void {
  if (suggestions.length === 0 || ctx.db.readonly) return;
  const repo = playbookRepo(ctx.db);
  const db = ctx.db;
  const write = db.transaction(() => {
    for (const s of suggestions) repo.shown.run({ template: s.templateId, store: ctx.config.storeId, style });
  });
  if (db.inTransaction || repo.synchronous.get() !== FULL) return void write.immediate();
  repo.syncNormal.run();
  try {
    write.immediate();
  } finally {
    repo.syncFull.run();
  }
}
