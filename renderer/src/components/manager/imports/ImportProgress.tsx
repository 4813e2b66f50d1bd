import type { ImportJobStatus } from '../../../../../common/imports';
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
  let value: number;
  let max: number;
  let text: string;
  if (upload) {
    ({ sent: value, total: max } = upload);
    text = `Uploading — ${pct(value, max)}%`;
  } else if (job) {
    const { bytesRead, totalBytes, linesRead } = job.progress;
    max = Math.max(1, totalBytes);
    value = job.state === 'running' ? Math.min(bytesRead, max) : max;
    const line = `line ${fmt.number(linesRead)}`;
    text =
      job.state === 'failed'
        ? `Stopped at ${line}`
        : `${pct(value, max)}% — ${line}${job.state === 'done' ? ' (finished)' : ''}`;
  } else {
    return null;
  }
  return (
    <div className="import-progress">
      <span id="import-progress-label" className="sr-only">
        Import progress
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
