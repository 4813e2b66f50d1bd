import { useState } from 'react';
import type { Clerk } from '../../../../../common/domain';
import type { KpiReport, ReviewStores, StoreSelection, TrendPoint } from '../../../../../common/reports';
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
import { STORE_TEXT, StorePicker, selectionName } from './StorePicker';
import { FormError } from '../../FormError';

/** One day of the store at a glance: figures against the week before, charts, and every entry. */
export function ReviewTab() {
  const { announce } = useFeedback();
  const fmt = useFormat();
  const today = fmt.today();
  const [day, setDay] = useState(today);
  const [store, setStore] = useState<StoreSelection>('this');
  const stores = useLoad<ReviewStores>('review-stores', () => call('reports.stores', {}));
  const kpis = useLoad<KpiReport>(`kpis:${day}:${store}`, () => call('reports.kpis', { day, store }));
  const trend = useLoad<TrendPoint[]>(`trend:${day}:${store}`, () =>
    call('reports.trend', { to: day, days: 30, store }),
  );
  const clerks = useLoad<Clerk[]>('clerks', () => call('clerks.list', {}));
  const storeName = selectionName(stores.data, store);

  const changeDay = (next: string) => {
    setDay(next);
    announce(`Showing ${fmt.weekdayDay(next)}`);
  };
  const changeStore = (next: StoreSelection) => {
    setStore(next);
    announce(STORE_TEXT.showing(selectionName(stores.data, next)));
  };

  return (
    <div className="mgr-page review">
      <div className="page-head">
        <h2>Daily review</h2>
        {stores.data && <StorePicker stores={stores.data} store={store} onStore={changeStore} />}
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

      <DayLog day={day} store={store} storeName={storeName} clerks={clerks.data ?? []} />
      <ExportPanel day={day} today={today} store={store} storeName={storeName} />
    </div>
  );
}
