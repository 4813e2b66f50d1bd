import { useEffect, useRef } from 'react';
import '../manager/shared/dialog.css';
import './help-dialog.css';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+K  or  /', 'Find a customer (focus the search box)'],
  ['↑ ↓  then  Enter', 'Choose a search result and open it'],
  ['↓  then  1 … 9  or  Enter', 'From the empty search box: the follow-ups due, a number opens that customer'],
  ['Esc', 'Clear the search, or go back to it'],
  ['Scan a card', 'Opens that customer directly'],
  ['Alt+N', 'New customer'],
  ['Alt+W', 'Log a walk-in (someone not in the customer list)'],
  ['Alt+1 … Alt+5', 'Use a suggestion (1 … 5 when the suggestions panel has focus)'],
  ['Alt+L', 'Go to the notes of the log form'],
  ['Alt+T', 'Go to the timeline (then ↑ ↓ PgUp PgDn Home End)'],
  ['Alt+P', "Edit the open customer's profile (Ctrl+Enter saves, Esc cancels)"],
  ['Ctrl+Enter', 'Save the interaction (or the new customer, or the profile being edited)'],
  ['?  or  F1', 'Show this list'],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-h" onClose={onClose}>
      <h2 id="help-h">Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
