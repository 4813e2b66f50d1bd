// Matching, rendering, explaining and ranking: from facts and templates to the few suggestions a clerk sees.
import type { CommunicationStyle, Suggestion, SuggestionReason } from '@common/domain';
import type { PlaybookNotShownReason } from '@common/playbook';
import type { TextWords } from '@common/words';
import { playbookRepo } from '../../db/playbook.repo';
import type { ServiceContext } from '../context';
import { evaluate, FIELDS, type Subject } from './conditions';
import type { Facts } from './facts';
import type { LoadedTemplate } from './playbook';
import { chooseLanguage } from './language';
import { NO_EVIDENCE, score, type Evidence } from './ranking';
import { render, VARIABLES, type VariableName } from './variables';

export const MAX_SUGGESTIONS = 5;
/** Open issues that get a suggestion of their own, at the top of the list; more would crowd out everything else. */
export const MAX_ISSUE_SUGGESTIONS = 3;
export const MAX_REASONS = 4;
/** Two reasons that would read the same (a follow-up and the open issue it is about can be one fact): listed once. */
const sameWords = (a: TextWords, b: TextWords): boolean => JSON.stringify(a) === JSON.stringify(b);
const FULL = 2;

/** Why a template is not offered: a disabled one never is; the other reasons are the ones a preview explains. */
export type NotShown = 'disabled' | PlaybookNotShownReason;

export type Verdict =
  | { shown: true; suggestion: Suggestion; kind: string }
  | { shown: false; why: NotShown; missing: VariableName[] };

/** Kinds that make the latest purchase their subject: never one an open issue is about, only items worth asking about. */
const PURCHASE_TALK_KINDS: ReadonlySet<string> = new Set(['check_in', 'recommendation']);

/** Decides whether one template applies to these facts and, if so, what it says and why. */
export function judge(
  t: LoadedTemplate,
  facts: Facts,
  evidence: Evidence,
  opts: { ignoreEnabled?: boolean } = {},
): Verdict {
  const no = (why: NotShown, missing: VariableName[] = []): Verdict => ({ shown: false, why, missing });
  if (!t.enabled && !opts.ignoreEnabled) return no('disabled');
  if (t.offer && !facts.marketingConsent) return no('no-consent');
  const ev = evaluate(t.conditions, facts.values);
  if (!ev.ok) return no('conditions');
  // While something is owed, only what is about it, or declared fit to say alongside it, is offered.
  if (t.resolves === null && !t.compatibleWithOpenIssues && Number(facts.values.openIssues ?? 0) > 0)
    return no('open-issues');
  const issueId = t.resolves ? facts.resolvable[t.resolves] : null;
  if (t.resolves && issueId === null) return no('nothing-to-resolve');
  let vars = facts.vars;
  if (PURCHASE_TALK_KINDS.has(t.kind) && t.aboutPurchase && facts.purchaseTalk) {
    if (facts.purchaseTalk.underIssue()) return no('purchase-under-issue');
    if (facts.purchaseTalk.checkInItem === null) return no('no-check-in-item');
    vars = { ...vars, 'lastPurchase.item': facts.purchaseTalk.checkInItem };
  }
  const style: CommunicationStyle = facts.style;
  const said = chooseLanguage(t, facts.language);
  const r = render(
    t.parsed[said.language]![style],
    said.language === 'en' ? vars : { ...facts.varsIn(said.language), 'lastPurchase.item': vars['lastPurchase.item'] },
  );
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
    if (reasons.length < MAX_REASONS && !reasons.some((x) => x.ref === fact.ref && sameWords(x.fact, fact.fact))) {
      reasons.push({ fact: fact.fact, ref: fact.ref });
    }
  }
  if (reasons.length === 0 && facts.subjects.customer) {
    reasons.push({ fact: facts.subjects.customer.fact, ref: facts.subjects.customer.ref });
  }
  // Which language, when there is something to say about it: beyond the fact reasons, so it is never crowded out.
  if (said.reason) reasons.push({ fact: said.reason, ref: facts.subjects.customer?.ref ?? 'walk-in' });
  return {
    shown: true,
    kind: t.kind,
    suggestion: {
      templateId: t.id,
      title: t.title,
      text: r.text,
      style,
      language: said.language,
      reasons,
      score: score(t.priority, age, evidence),
      issueId,
      logKind: t.logKind,
      logOutcome: t.logOutcome,
    },
  };
}

type Shown = Extract<Verdict, { shown: true }>;
const byScore = (a: Shown, b: Shown) =>
  b.suggestion.score - a.suggestion.score || (a.suggestion.templateId < b.suggestion.templateId ? -1 : 1);

/**
 * judge() for the customer as a whole: a template that follows up an open item is judged against each open issue
 * (the best-scoring issue it applies to wins); any other against the customer's facts. For previews.
 */
export function judgeForCustomer(
  t: LoadedTemplate,
  facts: Facts,
  evidence: Evidence,
  opts: { ignoreEnabled?: boolean } = {},
): Verdict {
  if (t.resolves !== null) {
    const shown = facts.issues.map((i) => judge(t, i.facts, evidence, opts)).filter((v): v is Shown => v.shown);
    if (shown.length) return shown.sort(byScore)[0]!;
  }
  return judge(t, facts, evidence, opts);
}

/** Learning evidence for every template in the store and style of this customer. */
export function evidenceFor(ctx: ServiceContext, style: CommunicationStyle): Map<string, Evidence> {
  const rows = playbookRepo(ctx.db).cellStats.all({ store: ctx.config.storeId, style });
  return new Map(
    rows.map((r) => [
      r.template_id,
      {
        used: r.used,
        successes: r.successes,
        otherUsed: r.all_used - r.used,
        otherSuccesses: r.all_successes - r.successes,
      },
    ]),
  );
}

/** Best first, deterministic (score, then template id), at most one per kind: three greetings are one greeting. */
export function choose(verdicts: Shown[], max = MAX_SUGGESTIONS): Suggestion[] {
  const kinds = new Set<string>();
  const out: Suggestion[] = [];
  for (const v of [...verdicts].sort(byScore)) {
    if (out.length >= max) break;
    if (kinds.has(v.kind)) continue;
    kinds.add(v.kind);
    out.push(v.suggestion);
  }
  return out;
}

/**
 * The suggestions for a customer. First, each open issue gets the best template that follows it up (one per issue,
 * at most MAX_ISSUE_SUGGESTIONS): promises already broken (follow-up date passed) first, earliest first, then by
 * score. Then the other templates that apply, by score; while an issue is open judge() has already held back those
 * not fit to say alongside it. Within each part scores fall; across the boundary they need not.
 */
export function rank(ctx: ServiceContext, templates: LoadedTemplate[], facts: Facts): Suggestion[] {
  const evidence = evidenceFor(ctx, facts.style);
  const shownFor = (list: LoadedTemplate[], f: Facts): Shown[] =>
    list.map((t) => judge(t, f, evidence.get(t.id) ?? NO_EVIDENCE)).filter((v): v is Shown => v.shown);
  const followUps = templates.filter((t) => t.resolves !== null);
  const perIssue = facts.issues.flatMap((issue) => {
    const best = shownFor(followUps, issue.facts).sort(byScore)[0];
    return best ? [{ issue, best }] : [];
  });
  perIssue.sort(
    (a, b) =>
      Number(b.issue.overdue) - Number(a.issue.overdue) ||
      (a.issue.overdue ? a.issue.dueDate!.localeCompare(b.issue.dueDate!) : 0) ||
      byScore(a.best, b.best) ||
      a.issue.issueId - b.issue.issueId,
  );
  const first = perIssue.slice(0, MAX_ISSUE_SUGGESTIONS).map((x) => x.best.suggestion);
  const rest = choose(
    shownFor(
      templates.filter((t) => t.resolves === null),
      facts,
    ),
    MAX_SUGGESTIONS - first.length,
  );
  return [...first, ...rest];
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
