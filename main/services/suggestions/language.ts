// Which language a suggestion is said in, and why. The playbook holds a template's texts per language; a suggestion
// takes the customer's preferred language when the template has it, else the store's (its locale's language), else
// the template's own. The reason beside it says which and why ("in German — Klaus prefers German"), so a clerk is
// never surprised by the language on the screen. That reason is the clerk's to read: catalogue words, worded in the
// clerk's language by the screen ("auf Deutsch — Klaus spricht lieber Deutsch"); the text itself is the customer's.
import { z } from 'zod';
import type { InteractionKind, Tier } from '@common/domain';
import { refusal } from '@common/errors';
import { text, type TextWords } from '@common/words';
import type { VariableName, VariableValues } from './variables';
import { formatDay, KIND_NOUN } from './wording';

/** A language as ISO 639 names it: "en", "de", "ga". */
export const languageSchema = z.string().refine((s) => /^[a-z]{2,3}$/.test(s), refusal('playbook.languageCode'));
export const DEFAULT_TEMPLATE_LANGUAGE = 'en';

/** Names people and tills give a language in a customer's record, beyond its code ("Deutsch", "de-AT", "German"). */
const NAMED: Record<string, string> = { english: 'en', englisch: 'en', german: 'de', deutsch: 'de', allemand: 'de' };

/**
 * The language a customer's record asks for, as a code; null when it says none or nothing readable. Imports bring
 * what the till had: "de", "de-AT", "DE", "Deutsch".
 */
export function preferredLanguage(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim().toLowerCase();
  if (!text) return null;
  if (text in NAMED) return NAMED[text]!;
  const code = text.split(/[-_]/)[0]!;
  return languageSchema.safeParse(code).success ? code : null;
}

/** The store's language: its locale's ("de-DE" → "de"). */
export const storeLanguage = (locale: string): string => preferredLanguage(locale) ?? DEFAULT_TEMPLATE_LANGUAGE;

export interface LanguageFacts {
  /** The customer's preferred language, when the record names one. */
  preferred: string | null;
  store: string;
  /** How the reason names the customer ("Klaus"); null for a walk-in or a record without a usable name. */
  who: string | null;
}

export interface LanguageChoice {
  language: string;
  /** Why this language, for the reasons beside the suggestion; null when there is nothing to say (the store's, as asked). */
  reason: TextWords | null;
}

/** The languages a template can speak: its own and its translations'. */
export const templateLanguages = (t: { language: string; translations: Record<string, unknown> }): string[] => [
  t.language,
  ...Object.keys(t.translations),
];

export function chooseLanguage(
  t: { language: string; translations: Record<string, unknown> },
  f: LanguageFacts,
): LanguageChoice {
  const has = new Set(templateLanguages(t));
  const who = f.who ?? text('suggestions.reason.language.theCustomer');
  if (f.preferred !== null && has.has(f.preferred)) {
    return {
      language: f.preferred,
      reason: text('suggestions.reason.language.preferred', { language: f.preferred, who }),
    };
  }
  const fallback = has.has(f.store) ? f.store : t.language;
  const said = text(fallback === f.store ? 'suggestions.reason.language.inStore' : 'suggestions.reason.language.in', {
    language: fallback,
  });
  if (f.preferred !== null) {
    return {
      language: fallback,
      reason: text('suggestions.reason.language.notInPreferred', { said, who, preferred: f.preferred }),
    };
  }
  if (fallback !== f.store)
    return { language: fallback, reason: text('suggestions.reason.language.notInStore', { said, store: f.store }) };
  return { language: fallback, reason: null };
}

/** The facts behind the variables whose wording depends on the language: a day, a kind of interaction, a tier. */
export type Spoken = { day: string } | { kind: InteractionKind } | { tier: Tier };
export type SpokenValues = Partial<Record<VariableName, Spoken>>;

/**
 * What the customer hears for a kind of interaction, per language. German nouns are all feminine, so one article
 * fits every text ("Ihre Anfrage", "zu Ihrer Bestellung").
 */
const KIND_NOUNS: Record<string, Record<InteractionKind, string>> = {
  en: KIND_NOUN,
  de: {
    inquiry: 'Anfrage',
    purchase: 'Kaufanfrage',
    return: 'Rückgabe',
    complaint: 'Reklamation',
    pickup: 'Bestellung',
    other: 'Angelegenheit',
  },
};
const TIER_WORDS: Record<string, Record<Tier, string>> = {
  en: { new: 'new', bronze: 'bronze', silver: 'silver', gold: 'gold' },
  de: { new: 'neu', bronze: 'Bronze', silver: 'Silber', gold: 'Gold' },
};

/** A day as said in a language: "12 Nov" in English (as always), "12. November" in German, Intl's long form elsewhere. */
export function formatDayIn(language: string, day: string, today: string): string {
  if (language === 'en') return formatDay(day, today);
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  try {
    return new Intl.DateTimeFormat(language, {
      day: 'numeric',
      month: 'long',
      year: sameYear ? undefined : 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${day}T00:00:00Z`));
  } catch {
    return formatDay(day, today);
  }
}

/**
 * The variables in `language`: the gathered values (English wording) with days, kinds and tiers said in that
 * language. A language without its own nouns keeps the English ones.
 */
export function varsIn(language: string, vars: VariableValues, spoken: SpokenValues, today: string): VariableValues {
  if (language === 'en') return vars;
  const out: VariableValues = { ...vars };
  for (const [name, s] of Object.entries(spoken) as [VariableName, Spoken][]) {
    if (vars[name] == null) continue;
    if ('day' in s) out[name] = formatDayIn(language, s.day, today);
    else if ('kind' in s) out[name] = (KIND_NOUNS[language] ?? KIND_NOUN)[s.kind];
    else out[name] = (TIER_WORDS[language] ?? TIER_WORDS.en!)[s.tier];
  }
  return out;
}
