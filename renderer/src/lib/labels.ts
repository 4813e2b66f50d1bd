import type {
  CommunicationStyle,
  InteractionKind,
  InteractionOutcome,
  MatchKind,
  Tier,
} from '../../../common/domain';

export const KIND_LABEL: Record<InteractionKind, string> = {
  inquiry: 'Inquiry',
  purchase: 'Purchase',
  return: 'Return',
  complaint: 'Complaint',
  pickup: 'Pickup',
  other: 'Other',
};

export const OUTCOME_LABEL: Record<InteractionOutcome, string> = {
  resolved: 'Resolved',
  follow_up: 'Follow-up',
  escalated: 'Escalated',
  unresolved: 'Unresolved',
};

export const MATCH_LABEL: Record<MatchKind, string> = {
  loyalty: 'Card',
  phone: 'Phone',
  email: 'Email',
  name_prefix: 'Name',
  name: 'Name contains',
  phone_partial: 'Part of phone',
  fuzzy: 'Similar name',
};

export const STYLE_LABEL: Record<CommunicationStyle, string> = {
  blue: 'Blue · warm, personal',
  green: 'Green · facts and detail',
  gold: 'Gold · organised, to the point',
  orange: 'Orange · quick, upbeat',
  unknown: 'Style not known yet',
};

export const TIER_LABEL: Record<Tier, string> = {
  new: 'New',
  bronze: 'Bronze',
  silver: 'Silver',
  gold: 'Gold',
};

export const SENTIMENT_LABEL: Record<number, string> = {
  1: 'Very unhappy',
  2: 'Unhappy',
  3: 'Neutral',
  4: 'Happy',
  5: 'Delighted',
};
