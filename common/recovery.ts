// Guided recovery of a complaint (issue #14, section 4): hear what went wrong, apologise in the customer's style,
// resolve with a typed remedy, diagnose a root cause. The clerk acts on their own authority up to the store's goodwill
// limits; above them a manager's PIN approves the grant on the spot. Process-neutral: the contract, the services and
// the log form all read these lists and the suggestion table's format from here.
import { z } from 'zod';
import type { CommunicationStyle, Tier } from './domain';
import type { Language } from './i18n';
import en from './i18n/en.json' with { type: 'json' };
import { refusal } from './errors';
import { pinSchema } from './pin';
import type { TextWords } from './words';

export const SEVERITIES = ['minor', 'serious', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REMEDIES = ['refund', 'replacement', 'repair', 'discount', 'gift', 'goodwill_return', 'none'] as const;
export type Remedy = (typeof REMEDIES)[number];

export const ROOT_CAUSES = ['product_fault', 'wait', 'staff', 'policy', 'price', 'other'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

// The English labels of root causes, from the catalogue (one source), for English texts; screens and documents ask
// t('recovery.rootCause.…') in the store's language instead.
export const ROOT_CAUSE_LABEL: Record<RootCause, string> = en.recovery.rootCause;

/** The most one remedy may be worth, in minor units (€100,000): a typo guard, not a policy. */
export const MAX_REMEDY_MINOR = 10_000_000;

/**
 * What a complaint's recovery records, kept on the interaction's own row (migration 0013-recovery). The amount is
 * what the remedy costs the store, in the store currency's minor units; it is what the goodwill authority counts.
 */
export const recoverySchema = z
  .object({
    severity: z.enum(SEVERITIES),
    whatWentWrong: z
      .string()
      .trim()
      .max(1000)
      .refine((s) => s.length > 0, refusal('recovery.whatWentWrong')),
    remedy: z.enum(REMEDIES),
    amountMinor: z.number().min(0).max(MAX_REMEDY_MINOR).refine(Number.isInteger, refusal('recovery.wholeCents')),
    rootCause: z.enum(ROOT_CAUSES),
  })
  .refine((r) => r.remedy !== 'none' || r.amountMinor === 0, {
    ...refusal('recovery.noneHasNoAmount'),
    path: ['amountMinor'],
  });
export type Recovery = z.output<typeof recoverySchema>;

/** A manager approving a grant above the clerk's authority, at the counter. The PIN is checked, never stored. */
export const approvalSchema = z.object({
  managerId: z.number().int().positive(),
  pin: pinSchema,
});
export type Approval = z.output<typeof approvalSchema>;

/** How much a clerk may grant without asking; null means no limit (managers and admins). */
export interface GoodwillAuthority {
  perInteractionMinor: number | null;
  perDayMinor: number | null;
  /** What the clerk granted today on their own authority (grants a manager approved do not count). */
  grantedTodayMinor: number;
}

/** Whether a grant of `amountMinor` needs a manager's approval under `a`. */
export function needsApproval(a: GoodwillAuthority, amountMinor: number): boolean {
  if (amountMinor <= 0) return false;
  if (a.perInteractionMinor !== null && amountMinor > a.perInteractionMinor) return true;
  return a.perDayMinor !== null && a.grantedTodayMinor + amountMinor > a.perDayMinor;
}

/** The suggested remedy for one severity: which remedies, and up to how much per customer standing. */
export interface RemedyRule {
  remedies: Remedy[];
  /** Whole currency units per tier. */
  upTo: Record<Tier, number>;
}

export const TIERS_IN_ORDER: readonly Tier[] = ['new', 'bronze', 'silver', 'gold'];

/** The words a remedy rule is written with in one language; each list's first word is the one a rule is written back in. */
export interface RemedyRuleVocabulary {
  or: string;
  remedies: Record<Remedy, readonly string[]>;
  tiers: Record<Tier, string>;
  /** How a rule reads in Settings in this language. */
  example: string;
}

/**
 * The remedy rule's keywords per language: what the parser matches in the rule a manager types in Settings ("Ersatz
 * oder Reparatur; neu 10, Bronze 15, …"). They are matching data, not UI text, so they live here and not in the
 * catalogues: a rule is saved as the manager wrote it, and rewording a catalogue entry (what translators may do at
 * any time) would make saved rules stop parsing without anyone noticing. For the same reason the parser reads every
 * language's words whatever the store's language: a store that switches language keeps its rules. Keyed by the
 * catalogue languages (Record<Language, …>), so a new language cannot ship without its rule words.
 */
export const REMEDY_RULE_VOCABULARY: Record<Language, RemedyRuleVocabulary> = {
  en: {
    or: 'or',
    remedies: {
      refund: ['refund'],
      replacement: ['replacement'],
      repair: ['repair'],
      discount: ['discount'],
      gift: ['gift'],
      goodwill_return: ['goodwill return'],
      none: ['none'],
    },
    tiers: { new: 'new', bronze: 'bronze', silver: 'silver', gold: 'gold' },
    example: 'replacement or repair; new 10, bronze 15, silver 20, gold 25',
  },
  de: {
    or: 'oder',
    remedies: {
      refund: ['Erstattung', 'Rückerstattung'],
      replacement: ['Ersatz', 'Umtausch'],
      repair: ['Reparatur'],
      discount: ['Nachlass', 'Rabatt'],
      gift: ['Geschenk'],
      goodwill_return: ['Kulanzrückgabe'],
      none: ['keine'],
    },
    tiers: { new: 'neu', bronze: 'Bronze', silver: 'Silber', gold: 'Gold' },
    example: 'Ersatz oder Reparatur; neu 10, Bronze 15, Silber 20, Gold 25',
  },
};

/** How a rule reads in Settings, in English (the default rules are written so). */
export const REMEDY_RULE_EXAMPLE = REMEDY_RULE_VOCABULARY.en.example;

const lower = (w: string) => w.toLowerCase().replace(/\s+/g, ' ');
const vocabularies = Object.values(REMEDY_RULE_VOCABULARY);
/** Every language's words, lower case, to what they name. */
const REMEDY_WORDS = new Map<string, Remedy>(
  vocabularies.flatMap((v) =>
    (Object.entries(v.remedies) as [Remedy, readonly string[]][]).flatMap(([r, ws]) => ws.map((w) => [lower(w), r])),
  ),
);
const TIER_WORDS = new Map<string, Tier>(
  vocabularies.flatMap((v) => (Object.entries(v.tiers) as [Tier, string][]).map(([t, w]) => [lower(w), t])),
);
const OR = new RegExp(`\\b(?:${[...new Set(vocabularies.map((v) => v.or))].join('|')})\\b|,`, 'i');

/** Why a rule does not read: a catalogue key under settings.remedyRule with what to name in it. */
export type RemedyRuleProblem =
  | { code: 'shape' }
  | { code: 'word'; word: string }
  | { code: 'part'; part: string }
  | { code: 'missing'; tiers: Tier[] };

/** The remedy words a rule may use in a language, in the order the error message lists them. */
export const remedyRuleWords = (language: Language): string[] =>
  REMEDIES.map((r) => REMEDY_RULE_VOCABULARY[language].remedies[r][0]!);

/** Reads a rule as the manager writes it in Settings; a problem completes “… must be” in words (settings.remedyRule). */
export function parseRemedyRule(
  text: string,
): { ok: true; rule: RemedyRule } | { ok: false; problem: RemedyRuleProblem } {
  const [left, right, ...rest] = text.split(';');
  if (left === undefined || right === undefined || rest.length > 0) return { ok: false, problem: { code: 'shape' } };
  const remedies: Remedy[] = [];
  for (const word of left.split(OR).map((w) => lower(w.trim()))) {
    const remedy = REMEDY_WORDS.get(word);
    if (!remedy) return { ok: false, problem: { code: 'word', word } };
    if (!remedies.includes(remedy)) remedies.push(remedy);
  }
  const upTo: Partial<Record<Tier, number>> = {};
  for (const part of right
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\p{L}+)\s+(\d{1,6})$/u.exec(part);
    const tier = m && TIER_WORDS.get(lower(m[1]!));
    if (!tier) return { ok: false, problem: { code: 'part', part } };
    upTo[tier] = Number(m[2]);
  }
  const missing = TIERS_IN_ORDER.filter((t) => upTo[t] === undefined);
  if (missing.length) return { ok: false, problem: { code: 'missing', tiers: missing } };
  return { ok: true, rule: { remedies, upTo: upTo as Record<Tier, number> } };
}

/** A remedy rule written back the way the manager reads it, in a language's words. */
export function formatRemedyRule(r: RemedyRule, language: Language = 'en'): string {
  const v = REMEDY_RULE_VOCABULARY[language];
  const remedies = r.remedies.map((m) => v.remedies[m][0]).join(` ${v.or} `);
  return `${remedies}; ${TIERS_IN_ORDER.map((t) => `${v.tiers[t]} ${r.upTo[t]}`).join(', ')}`;
}

/** What the form shows next to the severity: the suggestion, why, and the clerk's authority today. */
export interface RecoveryGuide {
  severity: Severity;
  /** `why` is the clerk's to read: catalogue words (recovery.why), worded by the screen in the clerk's language. */
  suggestion: { remedies: Remedy[]; upToMinor: number; why: TextWords };
  authority: GoodwillAuthority;
  /** An apology in the customer's communication style, said aloud: in the customer's language when there is one. */
  apology: string;
  /** The apology's language (ISO 639): the customer's preferred one when it has a text in it, else the store's. */
  language: string;
  style: CommunicationStyle;
  currency: string;
}

/**
 * The apology step, per language and style (common/styles.ts says how each likes to be spoken to). The playbook's
 * apologies all speak of an issue already open since a date; a complaint being heard now needs its own first
 * sentence. Said to the customer, so it follows the customer's language like a suggestion's text (German addresses
 * the customer as "Sie", as the default playbook does), not the clerk's screen. Keyed by the catalogue languages, so
 * a new language cannot ship without its apologies.
 */
export const APOLOGY_BY_STYLE: Record<Language, Record<CommunicationStyle, string>> = {
  en: {
    blue: "I'm really sorry this happened to you — thank you for telling me. Let's put it right together.",
    green: "I'm sorry about that. Here is exactly what I can do to put it right.",
    gold: 'I apologise; that is not the standard we hold ourselves to. I will resolve it now, properly.',
    orange: "Sorry about that! Let's fix it right now.",
    unknown: "I'm sorry this happened. Let me put it right for you now.",
  },
  de: {
    blue: 'Es tut mir wirklich leid, dass Ihnen das passiert ist — danke, dass Sie es mir sagen. Lassen Sie uns das gemeinsam in Ordnung bringen.',
    green: 'Das tut mir leid. Ich sage Ihnen genau, was ich tun kann, um es in Ordnung zu bringen.',
    gold: 'Ich bitte um Entschuldigung; das entspricht nicht unserem Anspruch. Ich kläre das jetzt, und zwar gründlich.',
    orange: 'Das tut mir leid! Das bringen wir sofort in Ordnung.',
    unknown: 'Es tut mir leid, dass das passiert ist. Ich bringe das jetzt für Sie in Ordnung.',
  },
};

/**
 * Defaults, in whole currency units. A clerk settles the everyday complaint alone: €25 covers a replacement of most
 * small items or a fair gift, and €75 a day is three such recoveries, a busy day's worth at one counter. A larger
 * sum, or a fourth, is a decision worth a manager's minute; managers and admins have no limit of their own (they are
 * the ones who approve, and they answer for the day's review).
 */
export const DEFAULT_CLERK_GOODWILL = { perInteraction: 25, perDay: 75 } as const;
/** Customers for at least this many years are suggested what the next tier up would get (0: tenure does not count). */
export const DEFAULT_LOYAL_YEARS = 5;
/**
 * What a severity suggests by tier: small tokens for a minor slip, making good for a serious one, money back for the
 * worst. Kept as rules, not text: Settings shows a default in the store's language (defaultRemedyRuleText), in the
 * same words a manager would type it.
 */
export const DEFAULT_REMEDY_RULES: Record<Severity, RemedyRule> = {
  minor: { remedies: ['discount', 'gift'], upTo: { new: 5, bronze: 5, silver: 10, gold: 15 } },
  serious: { remedies: ['replacement', 'repair'], upTo: { new: 10, bronze: 15, silver: 20, gold: 25 } },
  severe: { remedies: ['refund', 'replacement'], upTo: { new: 20, bronze: 30, silver: 40, gold: 60 } },
};

/** A default rule as Settings shows it in a language: "Ersatz oder Reparatur; neu 10, Bronze 15, Silber 20, Gold 25". */
export const defaultRemedyRuleText = (severity: Severity, language: Language): string =>
  formatRemedyRule(DEFAULT_REMEDY_RULES[severity], language);

/** A recovery as an interaction carries it: what was recorded, and the manager who approved it when one had to. */
export type InteractionRecovery = Recovery & { approvedById: number | null };
