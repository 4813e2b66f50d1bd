import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import { INTERACTION_OUTCOMES } from '@common/domain';
import { OUTCOME_COLOUR } from '@common/outcome-colours';
import type { ClerkKpi, HourBucket, SentimentBucket, TrendPoint } from '@common/reports';
import { type CounterFormat, useFormat } from '../../../lib/format';
import { ChartFrame } from './ChartFrame';

const AXIS = { fontSize: 12, fill: '#535d6b' };
const GRID = '#e6e9ee';
const HEIGHT = 220;

// The hour as the counter's clocks show it (24-hour, as Format.time writes times in every locale).
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Axis ticks and tooltip values written the store's way ("1.234" in German). */
const counts = (fmt: CounterFormat) => (v: unknown) => (typeof v === 'number' ? fmt.number(v) : String(v ?? ''));
/** A 0–100 share, or "—" when there was nothing to share out. */
const share = (fmt: CounterFormat, pct: number | null) => (pct === null ? '—' : fmt.percent(pct));

export function HourChart({ buckets }: { buckets: HourBucket[] }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const busy = buckets.filter((b) => b.total > 0);
  // Opening hours, widened to whatever hours had activity.
  const first = Math.min(8, ...busy.map((b) => b.hour));
  const last = Math.max(20, ...busy.map((b) => b.hour));
  const rows = buckets
    .filter((b) => b.hour >= first && b.hour <= last)
    .map((b) => ({ ...b, label: hourLabel(b.hour), ...b.byOutcome }));
  const peak = busy.reduce<HourBucket | null>((p, b) => (!p || b.total > p.total ? b : p), null);
  const summary = peak
    ? t('review.chart.hoursSummary', {
        hour: hourLabel(peak.hour),
        interactions: t('review.interactions', { count: peak.total }),
      })
    : t('review.chart.hoursNone');
  return (
    <ChartFrame
      id="chart-hours"
      title={t('review.chart.hours')}
      summary={summary}
      rows={rows}
      rowKey={(r) => r.hour}
      columns={[
        { label: t('review.col.hour'), value: (r) => r.label },
        ...INTERACTION_OUTCOMES.map((o) => ({
          label: t(`label.outcome.${o}`),
          value: (r: (typeof rows)[number]) => fmt.number(r.byOutcome[o]),
          numeric: true,
        })),
        { label: t('review.col.total'), value: (r) => fmt.number(r.total), numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} interval={1} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} tickFormatter={counts(fmt)} />
          <Tooltip cursor={{ fill: '#eef2f7' }} formatter={counts(fmt)} />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" />
          {INTERACTION_OUTCOMES.map((o) => (
            <Bar
              key={o}
              dataKey={o}
              name={t(`label.outcome.${o}`)}
              stackId="o"
              fill={OUTCOME_COLOUR[o]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

const SENTIMENT_COLOUR: Record<string, string> = {
  '1': '#c0392b',
  '2': '#e07b53',
  '3': '#9aa3ae',
  '4': '#5b9bd5',
  '5': '#2e7d4f',
  none: '#cfd5dd',
};

export function SentimentChart({ buckets }: { buckets: SentimentBucket[] }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const rows = buckets.map((b) => ({
    key: b.sentiment === null ? 'none' : String(b.sentiment),
    label:
      b.sentiment === null
        ? t('review.chart.notGiven')
        : `${b.sentiment} · ${t(`label.sentiment.${b.sentiment as 1 | 2 | 3 | 4 | 5}`)}`,
    short: b.sentiment === null ? t('review.chart.notGivenShort') : String(b.sentiment),
    count: b.count,
  }));
  const rated = buckets.filter((b) => b.sentiment !== null).reduce((n, b) => n + b.count, 0);
  const happy = buckets.filter((b) => b.sentiment !== null && b.sentiment >= 4).reduce((n, b) => n + b.count, 0);
  const summary = rated ? t('review.chart.sentimentSummary', { happy, count: rated }) : t('review.chart.sentimentNone');
  return (
    <ChartFrame
      id="chart-sentiment"
      title={t('review.chart.sentiment')}
      summary={summary}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { label: t('review.col.sentiment'), value: (r) => r.label },
        { label: t('review.col.interactions'), value: (r) => fmt.number(r.count), numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="short" tick={AXIS} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} tickFormatter={counts(fmt)} />
          <Tooltip
            cursor={{ fill: '#eef2f7' }}
            labelFormatter={(_l, p) => String(p[0]?.payload?.label ?? '')}
            formatter={counts(fmt)}
          />
          <Bar dataKey="count" name={t('review.col.interactions')} radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.key} fill={SENTIMENT_COLOUR[r.key]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function ClerkChart({ rows }: { rows: ClerkKpi[] }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const data = rows.map((r) => ({
    id: r.clerk.id,
    name: r.clerk.displayName,
    interactions: r.interactions,
    resolvedPct: r.resolvedPct,
  }));
  const top = data[0];
  const summary = top
    ? t('review.chart.clerks', { count: data.length, name: top.name, most: top.interactions })
    : t('review.chart.clerksNone');
  return (
    <ChartFrame
      id="chart-clerks"
      title={t('review.perClerk')}
      summary={summary}
      rows={data}
      rowKey={(r) => r.id}
      columns={[
        { label: t('review.col.clerk'), value: (r) => r.name },
        { label: t('review.col.interactions'), value: (r) => fmt.number(r.interactions), numeric: true },
        { label: t('review.col.resolved'), value: (r) => share(fmt, r.resolvedPct), numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart
          data={data}
          layout="vertical"
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
        >
          <CartesianGrid stroke={GRID} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} tickFormatter={counts(fmt)} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={110} tickLine={false} />
          <Tooltip cursor={{ fill: '#eef2f7' }} formatter={counts(fmt)} />
          <Bar
            dataKey="interactions"
            name={t('review.col.interactions')}
            fill="#0b5bb0"
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const data = points.map((p) => ({ ...p, label: fmt.shortDay(p.day) }));
  const total = points.reduce((n, p) => n + p.interactions, 0);
  const summary = points.length
    ? t('review.chart.trendSummary', {
        from: fmt.shortDay(points[0]!.day),
        to: fmt.shortDay(points[points.length - 1]!.day),
        interactions: t('review.interactions', { count: total }),
        perDay: Math.round(total / points.length),
      })
    : t('review.chart.trendNone');
  const percentName = t('review.chart.resolvedLine');
  return (
    <ChartFrame
      id="chart-trend"
      title={t('review.chart.trend')}
      summary={summary}
      rows={data}
      rowKey={(r) => r.day}
      columns={[
        { label: t('review.col.day'), value: (r) => r.label },
        { label: t('review.col.interactions'), value: (r) => fmt.number(r.interactions), numeric: true },
        { label: t('review.col.resolved'), value: (r) => share(fmt, r.resolvedPct), numeric: true },
        {
          label: t('review.col.avgSentiment'),
          value: (r) => (r.avgSentiment === null ? '—' : fmt.fixed(r.avgSentiment, 2)),
          numeric: true,
        },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 4, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} minTickGap={24} />
          <YAxis
            yAxisId="n"
            allowDecimals={false}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            tickFormatter={counts(fmt)}
          />
          <YAxis
            yAxisId="p"
            orientation="right"
            domain={[0, 100]}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => fmt.percent(v, 0)}
          />
          <Tooltip
            formatter={(v, name) => (name === percentName && typeof v === 'number' ? fmt.percent(v) : counts(fmt)(v))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            yAxisId="n"
            type="monotone"
            dataKey="interactions"
            name={t('review.col.interactions')}
            stroke="#0b5bb0"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="p"
            type="monotone"
            dataKey="resolvedPct"
            name={percentName}
            stroke="#2e7d4f"
            strokeWidth={1.5}
            strokeDasharray="4 3"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
