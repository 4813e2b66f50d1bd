import type { Format } from '../../../../../common/format';
import type { KpiReport, KpiValues } from '../../../../../common/reports';
import { useFormat } from '../../../lib/format';

type Key = keyof KpiValues;

interface Spec {
  key: Key;
  label: string;
  /** Whether a rise is good news: decides the colour, never the arrow. */
  higherIsBetter: boolean | null;
  format(f: Format, v: number): string;
  unit?: string;
}

const count = (f: Format, v: number) => f.number(v, 1);
const pct = (f: Format, v: number) => f.percent(v);
const avg = (f: Format, v: number) => (Number.isInteger(v * 10) ? f.fixed(v, 1) : f.number(v, 2));

const SPECS: Spec[] = [
  { key: 'interactions', label: 'Interactions', higherIsBetter: null, format: count },
  { key: 'resolvedPct', label: 'Resolved', higherIsBetter: true, format: pct },
  { key: 'avgSentiment', label: 'Average sentiment', higherIsBetter: true, format: avg, unit: ' of 5' },
  { key: 'complaints', label: 'Complaints', higherIsBetter: false, format: count },
  { key: 'followUpsCreated', label: 'Follow-ups created', higherIsBetter: null, format: count },
  { key: 'followUpsOverdue', label: 'Follow-ups overdue', higherIsBetter: false, format: count },
  { key: 'suggestionsUsedPct', label: 'Suggestions used', higherIsBetter: true, format: pct },
];

function comparison(f: Format, spec: Spec, value: number | null, base: number | null) {
  if (value === null || base === null) return { arrow: '', text: 'No 7-day average to compare', tone: 'flat' };
  const diff = value - base;
  const same = Math.abs(diff) < (spec.key === 'avgSentiment' ? 0.005 : 0.05);
  const baseText = spec.format(f, base);
  if (same) return { arrow: '→', text: `Same as the 7-day average (${baseText})`, tone: 'flat' };
  const up = diff > 0;
  const good = spec.higherIsBetter === null ? null : up === spec.higherIsBetter;
  return {
    arrow: up ? '▲' : '▼',
    text: `${up ? 'Up' : 'Down'} from the 7-day average of ${baseText}`,
    tone: good === null ? 'neutral' : good ? 'good' : 'bad',
  };
}

/** The day's figures, each against the mean of the seven days before it. */
export function KpiCards({ report }: { report: KpiReport }) {
  const fmt = useFormat();
  return (
    <ul className="kpi-grid" aria-label="Key figures for the day">
      {SPECS.map((spec) => {
        const value = report.kpis[spec.key];
        const c = comparison(fmt, spec, value, report.previous7DayAverage[spec.key]);
        return (
          <li key={spec.key} className="kpi" data-testid={`kpi-${spec.key}`}>
            <span className="kpi-label">{spec.label}</span>
            <span className="kpi-value">
              {value === null ? '—' : spec.format(fmt, value)}
              {value !== null && spec.unit && <span className="kpi-unit">{spec.unit}</span>}
            </span>
            <span className={`kpi-delta tone-${c.tone}`}>
              {c.arrow && (
                <span className="kpi-arrow" aria-hidden="true">
                  {c.arrow}
                </span>
              )}
              {c.text}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
