import { useEffect, useRef } from 'react';
import '../manager/shared/dialog.css';
import './help-dialog.css';
import { useTranslation } from 'react-i18next';

/** The shortcuts in the order the list shows them; the keys and what they do are in the catalogue (help.<id>). */
export const SHORTCUTS = [
  'find',
  'choose',
  'queue',
  'clear',
  'scan',
  'new',
  'walkIn',
  'suggestion',
  'notes',
  'timeline',
  'profile',
  'save',
  'help',
] as const;

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-h" onClose={onClose}>
      <h2 id="help-h">{t('counter.keyboardShortcuts')}</h2>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('help.keys')}</th>
            <th scope="col">{t('help.does')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((id) => (
            <tr key={id}>
              <td>
                <kbd>{t(`help.${id}.keys`)}</kbd>
              </td>
              <td>{t(`help.${id}.does`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          {t('help.close')}
        </button>
      </div>
    </dialog>
  );
}
