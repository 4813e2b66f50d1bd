import { useState, type FormEvent } from 'react';
import {
  IMPORT_ENTITIES,
  IMPORT_PRESET_CHOICES,
  MAX_IMPORT_BYTES,
  type ImportEntityName,
  type ImportJobStatus,
  type ImportPresetChoice,
} from '../../../../../common/imports';
import { call, errorMessage } from '../../../api/client';
import type { Format } from '../../../../../common/format';
import { plural, useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import './imports.css';
import { ImportProgress } from './ImportProgress';
import { ImportResult } from './ImportResult';
import { readMapping, uploadAndStart } from './upload';
import { useImportJob } from './useImportJob';
import { FormError } from '../../FormError';

const ENTITY_LABEL: Record<ImportEntityName, string> = { customers: 'Customers', purchases: 'Purchases' };
const PRESET_LABEL: Record<ImportPresetChoice, string> = {
  auto: 'Recognise from the header (Shopify, Square or other)',
  shopify: 'Shopify customer export',
  square: 'Square customer export',
  none: 'By column names only',
};

function finishedMessage(f: Format, job: ImportJobStatus): string {
  if (job.state === 'failed') return `Import of ${job.fileName} failed: ${job.error?.message ?? 'unknown error'}`;
  const r = job.report!;
  const conflicts = r.conflicts ? ` (${plural(f, r.conflicts, 'conflict')})` : '';
  const what = `${plural(f, r.rowsRead, 'row')} read, ${f.number(r.inserted)} ${r.dryRun ? 'would be inserted' : 'inserted'}, ${f.number(r.failed)} refused${conflicts}`;
  return `${r.dryRun ? 'Dry run' : 'Import'} of ${job.fileName} finished: ${what}`;
}

/** The till's CSV export into the store: upload, a progress bar while it runs, the counts and the refused rows. */
export function ImportTab() {
  const fmt = useFormat();
  const { announce } = useFeedback();
  const [entity, setEntity] = useState<ImportEntityName>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [mappingFile, setMappingFile] = useState<File | null>(null);
  const [preset, setPreset] = useState<ImportPresetChoice>('auto');
  // A first look at a new export changes nothing; the box is cleared once a dry run has gone through.
  const [dryRun, setDryRun] = useState(true);
  const [upload, setUpload] = useState<{ fileName: string; sent: number; total: number } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    job,
    error: jobError,
    follow,
  } = useImportJob((done) => {
    announce(finishedMessage(fmt, done));
    if (done.state === 'done' && done.dryRun) setDryRun(false);
  });
  const running = upload !== null || job?.state === 'running';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFormError('Choose the CSV file to import.');
    if (file.size === 0) return setFormError(`${file.name} is empty.`);
    if (file.size > MAX_IMPORT_BYTES)
      return setFormError(
        `${file.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; import it with the command line.`,
      );
    setFormError(null);
    try {
      const mapping = mappingFile ? await readMapping(mappingFile) : null;
      setUpload({ fileName: file.name, sent: 0, total: file.size });
      announce(`Uploading ${file.name}`);
      const jobId = await uploadAndStart(file, {
        entity,
        dryRun,
        preset: entity === 'customers' ? preset : 'auto',
        mapping,
        onSent: (sent) => setUpload({ fileName: file.name, sent, total: file.size }),
      });
      announce(`${dryRun ? 'Checking' : 'Importing'} ${file.name}`);
      follow(await call('imports.status', { jobId }));
    } catch (err) {
      setFormError(err instanceof Error && !('code' in err) ? err.message : errorMessage(err));
    } finally {
      setUpload(null);
    }
  };

  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>Import</h2>
        <p className="lead">
          Customers and purchases from the till’s CSV export. Importing the same file again changes nothing; refused
          rows come back as a CSV with line numbers and reasons, to fix and import again. Nothing is half-written: an
          import stopped midway continues where it stopped when the same file is imported again.
        </p>
      </div>
      <section className="card review-section" aria-labelledby="import-form-h">
        <h3 id="import-form-h">Import a file</h3>
        <form className="import-form" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="import-entity" disabled={running}>
            <legend>What the file holds</legend>
            {IMPORT_ENTITIES.map((x) => (
              <label key={x} className="check">
                <input
                  type="radio"
                  name="import-entity"
                  value={x}
                  checked={entity === x}
                  onChange={() => setEntity(x)}
                />
                <span>{ENTITY_LABEL[x]}</span>
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">CSV file</span>
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              disabled={running}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          {entity === 'customers' && (
            <label className="field">
              <span className="field-label">Export format</span>
              <select
                value={preset}
                disabled={running}
                onChange={(e) => setPreset(e.target.value as ImportPresetChoice)}
              >
                {IMPORT_PRESET_CHOICES.map((p) => (
                  <option key={p} value={p}>
                    {PRESET_LABEL[p]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span className="field-label">
              Column mapping <span className="legend-hint">(optional JSON file, as for the command line)</span>
            </span>
            <input
              type="file"
              accept=".json,application/json"
              disabled={running}
              onChange={(e) => setMappingFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={dryRun} disabled={running} onChange={(e) => setDryRun(e.target.checked)} />
            <span>Dry run: check the file and count what would change, without changing anything</span>
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={running}>
              {dryRun ? 'Check file' : 'Import file'}
            </button>
          </div>
          <FormError message={formError} />
        </form>
      </section>
      {(upload || job) && (
        <section className="card review-section" aria-labelledby="import-status-h">
          <h3 id="import-status-h">
            {upload ? `Uploading ${upload.fileName}` : `${job!.dryRun ? 'Dry run of' : 'Import of'} ${job!.fileName}`}
          </h3>
          <ImportProgress upload={upload} job={upload ? null : job} />
          <FormError message={jobError} />
          {!upload && job?.state === 'failed' && job.error && (
            <p className="form-error" role="alert">
              {job.error.message}
            </p>
          )}
          {!upload && job?.state === 'done' && job.report && <ImportResult job={job} report={job.report} />}
        </section>
      )}
    </div>
  );
}
