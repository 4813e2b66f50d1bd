import { useEffect, useId, useRef, useState } from 'react';
import type { Customer } from '../../../../../common/domain';
import { call } from '../../../api/client';
import { useFeedback } from '../../../state/feedback';
import { downloadText } from '../../manager/shared/download';
import { EraseCustomerDialog } from './EraseCustomerDialog';
import './privacy.css';

/**
 * A customer's data requests, for managers: a copy of everything held (JSON download) and erasure. Both are audited
 * in the main process, which also checks the role; this menu is only offered to managers and admins.
 */
export function CustomerDataMenu({ customer, onErased }: { customer: Customer; onErased(): void }) {
  const { announce, showError } = useFeedback();
  const [open, setOpen] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const exportData = async () => {
    close();
    setBusy(true);
    try {
      const json = await call('customers.exportData', { customerId: customer.id });
      downloadText(
        `customer-${customer.id}-data-${new Date().toISOString().slice(0, 10)}.json`,
        json,
        'application/json',
      );
      announce(`Data of ${customer.displayName} exported`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Esc bubbling up from the open menu's buttons closes it; the wrapper is not a control
    <div
      className="data-menu"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          close();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={busy}
        onClick={() => setOpen((o) => !o)}
      >
        Customer data…
      </button>
      {open && (
        <ul id={menuId} className="data-menu-list plain-list" aria-label={`Data of ${customer.displayName}`}>
          <li>
            <button type="button" className="btn btn-small btn-quiet" autoFocus onClick={() => void exportData()}>
              Export data (JSON)
            </button>
          </li>
          <li>
            <button
              type="button"
              className="btn btn-small btn-quiet data-menu-danger"
              aria-haspopup="dialog"
              onClick={() => {
                close();
                setErasing(true);
              }}
            >
              Erase customer…
            </button>
          </li>
        </ul>
      )}
      {erasing && (
        <EraseCustomerDialog
          customer={customer}
          onClose={() => setErasing(false)}
          onErased={(r) => {
            setErasing(false);
            announce(
              `Customer erased: ${r.interactionsRedacted} interaction entries anonymised, ${r.purchasesKept} purchases kept without personal data`,
            );
            onErased();
          }}
        />
      )}
    </div>
  );
}
