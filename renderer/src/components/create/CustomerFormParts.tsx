// Pieces the customer forms share (quick-create and the profile's edit form), so both read and behave the same.

/** Marketing consent, worded the same wherever it is asked. */
export function ConsentCheck({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>Agrees to receive marketing (offers and news by email or text)</span>
    </label>
  );
}

/** Save (Ctrl+Enter) and cancel (Esc): the keys formKeys handles, shown on the buttons. */
export function SaveOrCancel({
  label,
  busyLabel,
  busy,
  onCancel,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  onCancel(): void;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : label} <kbd>Ctrl+Enter</kbd>
      </button>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );
}
