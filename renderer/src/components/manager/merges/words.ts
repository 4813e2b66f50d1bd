import type { TFunction } from 'i18next';
import type { MergeView } from '@common/sync/merges';

/** The person's name as the list shows it; an erased record has none left. */
export const personName = (t: TFunction, m: MergeView): string => m.survivor.name ?? m.alias.name ?? t('merges.erased');
