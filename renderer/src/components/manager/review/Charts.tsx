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
import { INTERACTION_OUTCOMES } from '../../../../../common/domain';
import { OUTCOME_COLOUR } from '../../../../../common/outcome-colours';
import type { ClerkKpi, HourBucket, SentimentBucket, TrendPoint } from '../../../../../common/reports';
import { OUTCOME_LABEL, SENTIMENT_LABEL } from '../../../lib/labels';
import { plural, useFormat } from '../../../lib/format';
import { ChartFrame } from './ChartFrame';

const AXIS = { fontSize: 12, fill: '#535d6b' };
const GRID = '#e6e9ee';
const HEIGHT = 220;

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function HourChart({ buckets }: { buckets: HourBucket[] }) {
  const fmt = useFormat();
  const busy = buckets.filter((b) => b.total > 0);
  // Opening hours, widened to whatever hours had activity.
  const first = Math.min(8, ...busy.map((b) => b.hour));
  const last = Math.max(20, ...busy.map((b) => b.hour));
  const rows = buckets
    .filter((b) => b.hour >= first && b.hour <= last)
    .map((b) => ({ ...b, label: hourLabel(b.hour), ...b.byOutcome }));
  const peak = busy.reduce<HourBucket | null>((p, b) => (!p || b.total > p.total ? b : p), null);
  const summary = peak
    ? `Interactions per hour, stacked by outcome. Busiest hour ${hourLabel(peak.hour)} with ${plural(fmt, peak.total, 'interaction')}.`
    : 'Interactions per hour: none this day.';
  return (
    <ChartFrame
      id="chart-hours"
      title="Interactions per hour"
      summary={summary}
      rows={rows}
      rowKey={(r) => r.hour}
      columns={[
        { label: 'Hour', value: (r) => r.label },
        ...INTERACTION_OUTCOMES.map((o) => ({
          label: OUTCOME_LABEL[o],
          value: (r: (typeof rows)[number]) => r.byOutcome[o],
          numeric: true,
        })),
        { label: 'Total', value: (r) => r.total, numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} interval={1} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: '#eef2f7' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" />
          {INTERACTION_OUTCOMES.map((o) => (
            <Bar
              key={o}
              dataKey={o}
              name={OUTCOME_LABEL[o]}
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
  const rows = buckets.map((b) => ({
    key: b.sentiment === null ? 'none' : String(b.sentiment),
    label: b.sentiment === null ? 'Not given' : `${b.sentiment} · ${SENTIMENT_LABEL[b.sentiment]}`,
    short: b.sentiment === null ? 'n/a' : String(b.sentiment),
    count: b.count,
  }));
  const rated = buckets.filter((b) => b.sentiment !== null).reduce((n, b) => n + b.count, 0);
  const happy = buckets.filter((b) => b.sentiment !== null && b.sentiment >= 4).reduce((n, b) => n + b.count, 0);
  const summary = rated
    ? `Sentiment distribution: ${happy} of ${rated} rated interactions were happy or delighted.`
    : 'Sentiment distribution: no interaction was rated this day.';
  return (
    <ChartFrame
      id="chart-sentiment"
      title="Sentiment"
      summary={summary}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { label: 'Sentiment', value: (r) => r.label },
        { label: 'Interactions', value: (r) => r.count, numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="short" tick={AXIS} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: '#eef2f7' }} labelFormatter={(_l, p) => String(p[0]?.payload?.label ?? '')} />
          <Bar dataKey="count" name="Interactions" radius={[3, 3, 0, 0]} isAnimationActive={false}>
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
  const data = rows.map((r) => ({
    id: r.clerk.id,
    name: r.clerk.displayName,
    interactions: r.interactions,
    resolvedPct: r.resolvedPct,
  }));
  const top = data[0];
  const summary = top
    ? `Interactions per clerk: ${data.length} clerks; ${top.name} logged the most (${top.interactions}).`
    : 'Interactions per clerk: nobody logged anything this day.';
  return (
    <ChartFrame
      id="chart-clerks"
      title="Per clerk"
      summary={summary}
      rows={data}
      rowKey={(r) => r.id}
      columns={[
        { label: 'Clerk', value: (r) => r.name },
        { label: 'Interactions', value: (r) => r.interactions, numeric: true },
        { label: 'Resolved', value: (r) => (r.resolvedPct === null ? '—' : `${r.resolvedPct}%`), numeric: true },
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
          <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={110} tickLine={false} />
          <Tooltip cursor={{ fill: '#eef2f7' }} />
          <Bar
            dataKey="interactions"
            name="Interactions"
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
  const data = points.map((p) => ({ ...p, label: fmt.shortDay(p.day) }));
  const total = points.reduce((n, p) => n + p.interactions, 0);
  const summary = points.length
    ? `30-day trend from ${fmt.shortDay(points[0]!.day)} to ${fmt.shortDay(points[points.length - 1]!.day)}: ${fmt.number(total)} interactions, about ${fmt.number(Math.round(total / points.length))} a day.`
    : '30-day trend: no data.';
  return (
    <ChartFrame
      id="chart-trend"
      title="Last 30 days"
      summary={summary}
      rows={data}
      rowKey={(r) => r.day}
      columns={[
        { label: 'Day', value: (r) => r.label },
        { label: 'Interactions', value: (r) => r.interactions, numeric: true },
        { label: 'Resolved', value: (r) => (r.resolvedPct === null ? '—' : `${r.resolvedPct}%`), numeric: true },
        {
          label: 'Avg sentiment',
          value: (r) => (r.avgSentiment === null ? '—' : r.avgSentiment.toFixed(2)),
          numeric: true,
        },
      ]}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 4, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} minTickGap={24} />
          <YAxis yAxisId="n" allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            yAxisId="p"
            orientation="right"
            domain={[0, 100]}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            unit="%"
          />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            yAxisId="n"
            type="monotone"
            dataKey="interactions"
            name="Interactions"
            stroke="#0b5bb0"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="p"
            type="monotone"
            dataKey="resolvedPct"
            name="Resolved %"
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
