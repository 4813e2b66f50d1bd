import { useState, type FormEvent } from 'react';
import {
  IMPORT_ENTITIES,
  IMPORT_PRESET_CHOICES,
  MAX_IMPORT_BYTES,
  type ImportEntityName,
  type ImportJobStatus,
  type ImportPresetChoice,
} from '@common/imports';
import { call, errorMessage } from '../../../api/client';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFeedback } from '../../../state/feedback';
import '../shared/manager.css';
import './imports.css';
import { ImportProgress } from './ImportProgress';
import { ImportResult } from './ImportResult';
import { readMapping, uploadAndStart } from './upload';
import { useImportJob } from './useImportJob';
import { FormError } from '../../FormError';

function finishedMessage(t: TFunction, job: ImportJobStatus): string {
  const r = job.report;
  if (job.state === 'failed' || !r)
    return t('imports.failed', { file: job.fileName, message: job.error?.message ?? t('imports.unknownError') });
  return t(r.dryRun ? 'imports.finishedDry' : 'imports.finished', {
    file: job.fileName,
    rows: t('imports.rows', { count: r.rowsRead }),
    inserted: r.inserted,
    failed: r.failed,
    conflicts: r.conflicts ? t('imports.conflictCount', { count: r.conflicts }) : '',
  });
}

/** The till's CSV export into the store: upload, a progress bar while it runs, the counts and the refused rows. */
export function ImportTab() {
  const { t } = useTranslation();
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
    announce(finishedMessage(t, done));
    if (done.state === 'done' && done.dryRun) setDryRun(false);
  });
  const running = upload !== null || job?.state === 'running';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFormError(t('imports.chooseFile'));
    if (file.size === 0) return setFormError(t('imports.empty', { file: file.name }));
    if (file.size > MAX_IMPORT_BYTES)
      return setFormError(t('imports.tooLarge', { file: file.name, mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
    setFormError(null);
    try {
      const mapping = mappingFile ? await readMapping(mappingFile) : null;
      setUpload({ fileName: file.name, sent: 0, total: file.size });
      announce(t('imports.uploadingFile', { file: file.name }));
      const jobId = await uploadAndStart(file, {
        entity,
        dryRun,
        preset: entity === 'customers' ? preset : 'auto',
        mapping,
        onSent: (sent) => setUpload({ fileName: file.name, sent, total: file.size }),
      });
      announce(t(dryRun ? 'imports.checking' : 'imports.importing', { file: file.name }));
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
        <h2>{t('manager.tab.import')}</h2>
        <p className="lead">{t('imports.lead')}</p>
      </div>
      <section className="card review-section" aria-labelledby="import-form-h">
        <h3 id="import-form-h">{t('imports.formTitle')}</h3>
        <form className="import-form" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="import-entity" disabled={running}>
            <legend>{t('imports.holds')}</legend>
            {IMPORT_ENTITIES.map((x) => (
              <label key={x} className="check">
                <input
                  type="radio"
                  name="import-entity"
                  value={x}
                  checked={entity === x}
                  onChange={() => setEntity(x)}
                />
                <span>{t(`imports.entity.${x}`)}</span>
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('imports.csvFile')}</span>
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              disabled={running}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          {entity === 'customers' && (
            <label className="field">
              <span className="field-label">{t('imports.format')}</span>
              <select
                value={preset}
                disabled={running}
                onChange={(e) => setPreset(e.target.value as ImportPresetChoice)}
              >
                {IMPORT_PRESET_CHOICES.map((p) => (
                  <option key={p} value={p}>
                    {t(`imports.presetChoice.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span className="field-label">
              {t('imports.mapping')} <span className="legend-hint">{t('imports.mappingHint')}</span>
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
            <span>{t('imports.dryRun')}</span>
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={running}>
              {dryRun ? t('imports.check') : t('imports.import')}
            </button>
          </div>
          <FormError message={formError} />
        </form>
      </section>
      {(upload || job) && (
        <section className="card review-section" aria-labelledby="import-status-h">
          <h3 id="import-status-h">
            {upload
              ? t('imports.uploadingFile', { file: upload.fileName })
              : job && t(job.dryRun ? 'imports.dryRunOf' : 'imports.importOf', { file: job.fileName })}
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
