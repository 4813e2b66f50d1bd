import { INTERACTION_KINDS, INTERACTION_OUTCOMES, type Clerk } from '@common/domain';
import type { DayFilters } from '@common/reports';
import { useTranslation } from 'react-i18next';

export interface FilterState {
  clerkId: string;
  kind: string;
  outcome: string;
  sentiment: string;
  hasFollowUp: boolean;
  flagged: boolean;
  text: string;
}

export const NO_FILTERS: FilterState = {
  clerkId: '',
  kind: '',
  outcome: '',
  sentiment: '',
  hasFollowUp: false,
  flagged: false,
  text: '',
};

/** Sentiment bands offered as one choice each; their names are the catalogue's review.filter.low / mid / high. */
const SENTIMENT_RANGES = {
  low: [1, 2],
  mid: [3, 3],
  high: [4, 5],
} as const satisfies Record<string, readonly [number, number]>;
type SentimentRange = keyof typeof SENTIMENT_RANGES;

/** The form's strings as the contract's filters; "any" is a missing field. `text` is passed separately (debounced). */
export function toDayFilters(f: FilterState, text: string): DayFilters {
  const out: DayFilters = {};
  if (f.clerkId) out.clerkId = Number(f.clerkId);
  if (f.kind) out.kind = f.kind as DayFilters['kind'];
  if (f.outcome) out.outcome = f.outcome as DayFilters['outcome'];
  const range = Object.hasOwn(SENTIMENT_RANGES, f.sentiment) ? SENTIMENT_RANGES[f.sentiment as SentimentRange] : null;
  if (range) [out.sentimentMin, out.sentimentMax] = range;
  if (f.hasFollowUp) out.hasFollowUp = true;
  if (f.flagged) out.flagged = true;
  if (text.trim()) out.text = text.trim();
  return out;
}

export const isFiltered = (f: FilterState) => JSON.stringify(f) !== JSON.stringify(NO_FILTERS);

interface Props {
  value: FilterState;
  clerks: Clerk[];
  onChange(next: FilterState): void;
}

export function LogFilters({ value, clerks, onChange }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...value, [k]: v });
  return (
    <search className="log-filters" aria-label={t('review.filter.label')}>
      <label className="field">
        <span className="field-label">{t('review.filter.clerk')}</span>
        <select value={value.clerkId} onChange={(e) => set('clerkId', e.target.value)}>
          <option value="">{t('review.filter.anyClerk')}</option>
          {clerks.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('review.filter.kind')}</span>
        <select value={value.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">{t('review.filter.anyKind')}</option>
          {INTERACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`label.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('review.filter.outcome')}</span>
        <select value={value.outcome} onChange={(e) => set('outcome', e.target.value)}>
          <option value="">{t('review.filter.anyOutcome')}</option>
          {INTERACTION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`label.outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('review.filter.sentiment')}</span>
        <select value={value.sentiment} onChange={(e) => set('sentiment', e.target.value)}>
          <option value="">{t('review.filter.anySentiment')}</option>
          {(Object.keys(SENTIMENT_RANGES) as SentimentRange[]).map((k) => (
            <option key={k} value={k}>
              {t(`review.filter.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-grow">
        <span className="field-label">{t('review.filter.text')}</span>
        <input
          type="search"
          value={value.text}
          placeholder={t('review.filter.textExample')}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <div className="filter-checks">
        <label className="check">
          <input type="checkbox" checked={value.hasFollowUp} onChange={(e) => set('hasFollowUp', e.target.checked)} />
          <span>{t('review.filter.hasFollowUp')}</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={value.flagged} onChange={(e) => set('flagged', e.target.checked)} />
          <span>{t('review.filter.flagged')}</span>
        </label>
      </div>
      <button
        type="button"
        className="btn btn-small btn-quiet"
        onClick={() => onChange(NO_FILTERS)}
        disabled={!isFiltered(value)}
      >
        {t('review.filter.clear')}
      </button>
    </search>
  );
}
