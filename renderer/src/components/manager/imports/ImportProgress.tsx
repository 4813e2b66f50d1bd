import { useTranslation } from 'react-i18next';
import type { ImportJobStatus } from '@common/imports';
import { useFormat } from '../../../lib/format';

const pct = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 100);

/** One bar for both steps: the upload, then the import reading the file. */
export function ImportProgress({
  upload,
  job,
}: {
  upload: { sent: number; total: number } | null;
  job: ImportJobStatus | null;
}) {
  const fmt = useFormat();
  const { t } = useTranslation();
  let value: number;
  let max: number;
  let text: string;
  if (upload) {
    ({ sent: value, total: max } = upload);
    text = t('imports.uploading', { pct: fmt.percent(pct(value, max), 0) });
  } else if (job) {
    const { bytesRead, totalBytes, linesRead } = job.progress;
    max = Math.max(1, totalBytes);
    value = job.state === 'running' ? Math.min(bytesRead, max) : max;
    const line = t('imports.line', { n: linesRead });
    const args = { pct: fmt.percent(pct(value, max), 0), line };
    text =
      job.state === 'failed'
        ? t('imports.stoppedAt', { line })
        : t(job.state === 'done' ? 'imports.progressDone' : 'imports.progress', args);
  } else {
    return null;
  }
  return (
    <div className="import-progress">
      <span id="import-progress-label" className="sr-only">
        {t('imports.progressLabel')}
      </span>
      <progress
        max={max}
        value={value}
        aria-labelledby="import-progress-label"
        aria-describedby="import-progress-text"
      />
      <span id="import-progress-text" className="num-font" data-testid="import-progress-text">
        {text}
      </span>
    </div>
  );
}
