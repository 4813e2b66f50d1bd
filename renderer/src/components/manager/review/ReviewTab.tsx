import { useState } from 'react';
import type { Clerk } from '../../../../../common/domain';
import type { KpiReport, TrendPoint } from '../../../../../common/reports';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import { ClerkChart, HourChart, SentimentChart, TrendChart } from './Charts';
import { ClerkTable } from './ClerkTable';
import { DayLog } from './DayLog';
import { DayPicker } from './DayPicker';
import { ExportPanel } from './ExportPanel';
import { KpiCards } from './KpiCards';
import { RecoveryTables } from './RecoveryTables';
import { FormError } from '../../FormError';

/** One day of the store at a glance: figures against the week before, charts, and every entry. */
export function ReviewTab() {
  const { announce } = useFeedback();
  const fmt = useFormat();
  const today = fmt.today();
  const [day, setDay] = useState(today);
  const kpis = useLoad<KpiReport>(`kpis:${day}`, () => call('reports.kpis', { day }));
  const trend = useLoad<TrendPoint[]>(`trend:${day}`, () => call('reports.trend', { to: day, days: 30 }));
  const clerks = useLoad<Clerk[]>('clerks', () => call('clerks.list', {}));

  const changeDay = (next: string) => {
    setDay(next);
    announce(`Showing ${fmt.weekdayDay(next)}`);
  };

  return (
    <div className="mgr-page review">
      <div className="page-head">
        <h2>Daily review</h2>
        <DayPicker day={day} today={today} onDay={changeDay} />
      </div>

      <section aria-labelledby="kpi-h" className="review-block">
        <h3 id="kpi-h" className="sr-only">
          Key figures
        </h3>
        <FormError message={kpis.error} />
        {kpis.data ? <KpiCards report={kpis.data} /> : !kpis.error && <p className="muted">Loading figures…</p>}
        <p className="muted small">Arrows compare the day with the average of the seven days before it.</p>
      </section>

      <section aria-labelledby="charts-h" className="review-block">
        <h3 id="charts-h" className="sr-only">
          Charts
        </h3>
        <div className="chart-grid">
          {kpis.data && (
            <>
              <HourChart buckets={kpis.data.byHour} />
              <SentimentChart buckets={kpis.data.sentiment} />
              <ClerkChart rows={kpis.data.perClerk} />
            </>
          )}
          {trend.data && <TrendChart points={trend.data} />}
        </div>
      </section>

      <section className="card review-section" aria-labelledby="clerks-h">
        <h3 id="clerks-h">Per clerk</h3>
        {kpis.data && <ClerkTable rows={kpis.data.perClerk} />}
      </section>

      <section className="card review-section" aria-labelledby="recovery-h">
        <h3 id="recovery-h">Complaints put right</h3>
        {kpis.data && <RecoveryTables summary={kpis.data.recovery} />}
      </section>

      <DayLog day={day} clerks={clerks.data ?? []} />
      <ExportPanel day={day} today={today} />
    </div>
  );
}
