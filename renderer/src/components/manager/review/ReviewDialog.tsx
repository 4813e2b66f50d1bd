import { useState, type FormEvent } from 'react';
import type { DayEntry } from '@common/reports';
import { call, errorMessage } from '../../../api/client';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shared/Dialog';
import { FormError } from '../../FormError';

interface Props {
  entry: DayEntry;
  onClose(): void;
  onSaved(entry: DayEntry): void;
}

/** Flags an entry (or clears the flag) with a note; the entry itself stays as logged. */
export function ReviewDialog({ entry, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [flagged, setFlagged] = useState(entry.reviewedAt ? entry.flagged : true);
  const [note, setNote] = useState(entry.reviewNote ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await call('interactions.review', { interactionId: entry.id, flagged, note: note.trim() || null });
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('review.dialog.title')} titleId="review-dialog-h" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <p className="muted">
          {entry.localTime} · {entry.clerk.displayName} · {entry.customer?.displayName ?? t('review.log.walkIn')} ·{' '}
          {t('review.dialog.what', {
            kind: t(`label.kind.${entry.kind}`),
            outcome: t(`label.outcome.${entry.outcome}`),
          })}
        </p>
        {entry.notes && <blockquote className="quoted">{entry.notes}</blockquote>}
        {entry.said && (
          <p className="said">
            <span className="said-label">{t('review.log.said')}</span> “{entry.said}”
          </p>
        )}
        <label className="check">
          <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} autoFocus />
          <span>{t('review.dialog.flag')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('review.dialog.note')}</span>
          <textarea
            rows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </label>
        <FormError message={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('review.dialog.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
