import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@common/domain';
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
  const { t } = useTranslation();
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
      announce(t('dataMenu.exported', { name: customer.displayName }));
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
        {t('dataMenu.open')}
      </button>
      {open && (
        <ul
          id={menuId}
          className="data-menu-list plain-list"
          aria-label={t('dataMenu.label', { name: customer.displayName })}
        >
          <li>
            <button type="button" className="btn btn-small btn-quiet" autoFocus onClick={() => void exportData()}>
              {t('dataMenu.export')}
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
              {t('dataMenu.erase')}
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
              t('dataMenu.erased', {
                count: r.interactionsRedacted,
                purchases: t('erase.purchases', { count: r.purchasesKept }),
              }),
            );

            onErased();
          }}
        />
      )}
    </div>
  );
}
