import { INTERACTION_KINDS, INTERACTION_OUTCOMES, type Clerk } from '../../../../../common/domain';
import type { DayFilters } from '../../../../../common/reports';
import { KIND_LABEL, OUTCOME_LABEL } from '../../../lib/labels';

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

const SENTIMENT_RANGES: Record<string, [number, number, string]> = {
  low: [1, 2, 'Unhappy (1–2)'],
  mid: [3, 3, 'Neutral (3)'],
  high: [4, 5, 'Happy (4–5)'],
};

/** The form's strings as the contract's filters; "any" is a missing field. `text` is passed separately (debounced). */
export function toDayFilters(f: FilterState, text: string): DayFilters {
  const out: DayFilters = {};
  if (f.clerkId) out.clerkId = Number(f.clerkId);
  if (f.kind) out.kind = f.kind as DayFilters['kind'];
  if (f.outcome) out.outcome = f.outcome as DayFilters['outcome'];
  const range = SENTIMENT_RANGES[f.sentiment];
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
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...value, [k]: v });
  return (
    <search className="log-filters" aria-label="Filter the day’s log">
      <label className="field">
        <span className="field-label">Clerk</span>
        <select value={value.clerkId} onChange={(e) => set('clerkId', e.target.value)}>
          <option value="">Any clerk</option>
          {clerks.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Kind</span>
        <select value={value.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">Any kind</option>
          {INTERACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Outcome</span>
        <select value={value.outcome} onChange={(e) => set('outcome', e.target.value)}>
          <option value="">Any outcome</option>
          {INTERACTION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABEL[o]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Sentiment</span>
        <select value={value.sentiment} onChange={(e) => set('sentiment', e.target.value)}>
          <option value="">Any sentiment</option>
          {Object.entries(SENTIMENT_RANGES).map(([k, [, , label]]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-grow">
        <span className="field-label">Notes contain</span>
        <input
          type="search"
          value={value.text}
          placeholder="e.g. refund"
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <div className="filter-checks">
        <label className="check">
          <input type="checkbox" checked={value.hasFollowUp} onChange={(e) => set('hasFollowUp', e.target.checked)} />
          <span>Has follow-up</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={value.flagged} onChange={(e) => set('flagged', e.target.checked)} />
          <span>Flagged</span>
        </label>
      </div>
      <button
        type="button"
        className="btn btn-small btn-quiet"
        onClick={() => onChange(NO_FILTERS)}
        disabled={!isFiltered(value)}
      >
        Clear filters
      </button>
    </search>
  );
}
