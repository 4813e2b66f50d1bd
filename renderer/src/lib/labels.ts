// Labels of the domain's values in English, for the back-office tabs whose words are not through the catalogues yet.
// They are the English catalogue's own entries (one source); the counter asks t('label.kind.…') instead, so it
// speaks the store's language.
import type { CommunicationStyle, InteractionKind, InteractionOutcome, MatchKind, Tier } from '@common/domain';
import { CATALOGUES } from '@common/i18n';

const { label } = CATALOGUES.en;

export const KIND_LABEL: Record<InteractionKind, string> = label.kind;
export const OUTCOME_LABEL: Record<InteractionOutcome, string> = label.outcome;
export const MATCH_LABEL: Record<MatchKind, string> = label.match;
export const STYLE_LABEL: Record<CommunicationStyle, string> = label.style;
export const TIER_LABEL: Record<Tier, string> = label.tier;
export const SENTIMENT_LABEL: Record<number, string> = label.sentiment;
