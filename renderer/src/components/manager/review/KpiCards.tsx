import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Format } from '@common/format';
import type { KpiReport, KpiValues } from '@common/reports';
import { useFormat } from '../../../lib/format';

type Key = keyof KpiValues;

interface Spec {
  key: Key;
  /** Whether a rise is good news: decides the colour, never the arrow. */
  higherIsBetter: boolean | null;
  format(f: Format, v: number): string;
  /** Whether the value is shown "of 5". */
  ofFive?: boolean;
}

const count = (f: Format, v: number) => f.number(v, 1);
const pct = (f: Format, v: number) => f.percent(v);
const avg = (f: Format, v: number) => (Number.isInteger(v * 10) ? f.fixed(v, 1) : f.number(v, 2));

const SPECS: Spec[] = [
  { key: 'interactions', higherIsBetter: null, format: count },
  { key: 'resolvedPct', higherIsBetter: true, format: pct },
  { key: 'avgSentiment', higherIsBetter: true, format: avg, ofFive: true },
  { key: 'complaints', higherIsBetter: false, format: count },
  { key: 'followUpsCreated', higherIsBetter: null, format: count },
  { key: 'followUpsOverdue', higherIsBetter: false, format: count },
  { key: 'suggestionsUsedPct', higherIsBetter: true, format: pct },
];

function comparison(t: TFunction, f: Format, spec: Spec, value: number | null, base: number | null) {
  if (value === null || base === null) return { arrow: '', text: t('review.kpi.noBase'), tone: 'flat' };
  const diff = value - base;
  const same = Math.abs(diff) < (spec.key === 'avgSentiment' ? 0.005 : 0.05);
  const baseText = spec.format(f, base);
  if (same) return { arrow: '→', text: t('review.kpi.same', { base: baseText }), tone: 'flat' };
  const up = diff > 0;
  const good = spec.higherIsBetter === null ? null : up === spec.higherIsBetter;
  return {
    arrow: up ? '▲' : '▼',
    text: t(up ? 'review.kpi.up' : 'review.kpi.down', { base: baseText }),
    tone: good === null ? 'neutral' : good ? 'good' : 'bad',
  };
}

/** The day's figures, each against the mean of the seven days before it. */
export function KpiCards({ report }: { report: KpiReport }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  return (
    <ul className="kpi-grid" aria-label={t('review.kpi.forTheDay')}>
      {SPECS.map((spec) => {
        const value = report.kpis[spec.key];
        const c = comparison(t, fmt, spec, value, report.previous7DayAverage[spec.key]);
        return (
          <li key={spec.key} className="kpi mgr-card" data-testid={`kpi-${spec.key}`}>
            <span className="kpi-label">{t(`review.kpi.label.${spec.key}`)}</span>
            <span className="kpi-value">
              {value === null ? '—' : spec.format(fmt, value)}
              {value !== null && spec.ofFive && <span className="kpi-unit">{t('review.kpi.ofFive')}</span>}
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
