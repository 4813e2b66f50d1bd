import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import type { KpiReport, ReviewStores, StoreSelection, TrendPoint } from '@common/reports';
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
import { StorePicker, selectionName } from './StorePicker';
import { FormError } from '../../FormError';

/** One day of the store at a glance: figures against the week before, charts, and every entry. */
export function ReviewTab() {
  const { announce } = useFeedback();
  const fmt = useFormat();
  const { t } = useTranslation();
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
    announce(t('review.showingDay', { day: fmt.weekdayDay(next) }));
  };
  const changeStore = (next: StoreSelection) => {
    setStore(next);
    announce(t('review.store.showing', { name: selectionName(stores.data, next) }));
  };

  return (
    <div className="mgr-page review">
      <div className="page-head">
        <h2>{t('manager.tab.review')}</h2>
        {stores.data && <StorePicker stores={stores.data} store={store} onStore={changeStore} />}
        <DayPicker day={day} today={today} onDay={changeDay} />
      </div>

      <section aria-labelledby="kpi-h" className="review-block">
        <h3 id="kpi-h" className="sr-only">
          {t('review.keyFigures')}
        </h3>
        <FormError message={kpis.error} />
        {kpis.data ? (
          <KpiCards report={kpis.data} />
        ) : (
          !kpis.error && <p className="muted">{t('review.loadingFigures')}</p>
        )}
        <p className="muted small">{t('review.compare')}</p>
      </section>

      <section aria-labelledby="charts-h" className="review-block">
        <h3 id="charts-h" className="sr-only">
          {t('review.charts')}
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
        <h3 id="clerks-h">{t('review.perClerk')}</h3>
        {kpis.data && <ClerkTable rows={kpis.data.perClerk} />}
      </section>

      <section className="card review-section" aria-labelledby="recovery-h">
        <h3 id="recovery-h">{t('review.recovery')}</h3>
        {kpis.data && <RecoveryTables summary={kpis.data.recovery} />}
      </section>

      <DayLog day={day} store={store} storeName={storeName} clerks={clerks.data ?? []} />
      <ExportPanel day={day} today={today} store={store} storeName={storeName} />
    </div>
  );
}
