import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlaybookListItem } from '@common/playbook';
import { useFormat } from '../../../lib/format';

const AXIS = { fontSize: 11.5, fill: '#535d6b' };
const TOP = 10;
/** The usage figures drawn, each with its name in the catalogue. */
const BARS = [
  { key: 'shown', name: 'shown', fill: '#9db8d9' },
  { key: 'used', name: 'used', fill: '#0b5bb0' },
  { key: 'successes', name: 'successful', fill: '#2e7d4f' },
] as const;

/** The most-shown templates: how often each was offered, used, and ended well. The table below has every number. */
export function UsageChart({ templates }: { templates: PlaybookListItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const number = (n: number) => fmt.number(n);
  const rows = [...templates]
    .filter((t) => t.usage.shown > 0)
    .sort((a, b) => b.usage.shown - a.usage.shown || (a.id < b.id ? -1 : 1))
    .slice(0, TOP)
    .map((t) => ({ name: t.title.length > 26 ? `${t.title.slice(0, 25)}…` : t.title, ...t.usage }));
  const top = rows[0];
  const summary = top
    ? t('playbook.chart.summary', {
        count: rows.length,
        name: top.name,
        shown: number(top.shown),
        used: number(top.used),
      })
    : t('playbook.chart.none');
  return (
    <figure className="pb-chart mgr-card" aria-labelledby="pb-chart-h">
      <h3 id="pb-chart-h" className="pb-chart-title">
        {t('playbook.chart.title')}
      </h3>
      {rows.length === 0 ? (
        <p className="empty-note">{summary}</p>
      ) : (
        <div className="pb-chart-canvas" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height={200}>
            <BarChart
              data={rows}
              layout="vertical"
              accessibilityLayer={false}
              margin={{ top: 4, right: 12, bottom: 0, left: 8 }}
              barGap={1}
            >
              <CartesianGrid stroke="#e6e9ee" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} tickFormatter={number} />
              <YAxis
                type="category"
                dataKey="name"
                width={170}
                tick={AXIS}
                tickLine={false}
                axisLine={false}
                interval={0}
              />
              <Tooltip cursor={{ fill: '#eef2f7' }} formatter={(v) => (typeof v === 'number' ? number(v) : v)} />
              <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" />
              {BARS.map((b) => (
                <Bar
                  key={b.key}
                  dataKey={b.key}
                  name={t(`playbook.chart.${b.name}`)}
                  fill={b.fill}
                  isAnimationActive={false}
                  barSize={5}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
