import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreSelection } from '@common/reports';
import { call, errorMessage } from '../../../api/client';
import { useFeedback } from '../../../state/feedback';
import { isDay } from '../shared/days';
import { downloadBase64, downloadText } from '../shared/download';
import { FormError } from '../../FormError';

/**
 * CSV or PDF for the day shown, or for any from/to range, of the store the review shows (its name on the panel and
 * in the file's name). The file is built by the main process and saved here.
 */
export function ExportPanel({
  day,
  today,
  store,
  storeName,
}: {
  day: string;
  today: string;
  store: StoreSelection;
  storeName: string;
}) {
  const { t } = useTranslation();
  const { announce } = useFeedback();
  const [from, setFrom] = useState(day);
  const [to, setTo] = useState(day);
  const [bom, setBom] = useState(false);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setFrom(day);
    setTo(day);
  }, [day]);

  const rangeError =
    !isDay(from) || !isDay(to) ? t('review.export.chooseBoth') : from > to ? t('review.export.backwards') : null;

  const run = async (what: 'csv' | 'pdf') => {
    if (rangeError) return setError(rangeError);
    setBusy(what);
    setError(null);
    try {
      if (what === 'csv') {
        const file = await call('reports.exportCsv', { from, to, bom, store });
        downloadText(file.fileName, file.content, 'text/csv;charset=utf-8');
        announce(t('review.export.csvDone', { count: file.rows, file: file.fileName }));
      } else {
        const file = await call('reports.exportPdf', { from, to, store });
        downloadBase64(file.fileName, file.base64, 'application/pdf');
        announce(t('review.export.pdfDone', { count: file.pages, file: file.fileName }));
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card review-section" aria-labelledby="export-h">
      <h3 id="export-h">
        {storeName ? t('review.export.headingAt', { store: storeName }) : t('review.export.heading')}
      </h3>
      <div className="export-row">
        <label className="field">
          <span className="field-label">{t('review.export.from')}</span>
          <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('review.export.to')}</span>
          <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="check export-bom">
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
          <span>{t('review.export.bom')}</span>
        </label>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void run('csv')} disabled={busy !== null}>
            {busy === 'csv' ? t('review.export.exporting') : t('review.export.csv')}
          </button>
          <button type="button" className="btn" onClick={() => void run('pdf')} disabled={busy !== null}>
            {busy === 'pdf' ? t('review.export.exporting') : t('review.export.pdf')}
          </button>
        </div>
      </div>
      <FormError message={error} />
    </section>
  );
}
