// Pieces the customer forms share (quick-create and the profile's edit form), so both read and behave the same.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** How long typing pauses before the forms ask who else has these details. */
export const DUPLICATE_CHECK_MS = 250;
/** An address complete enough to check: a half-typed one is not asked about (it would only fail validation). */
export const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

type ContactKey = 'firstName' | 'lastName' | 'phone' | 'email' | 'loyaltyId';

const CONTACT = {
  firstName: { label: 'customerForm.firstName', type: 'text', autoComplete: 'given-name', maxLength: 100 },
  lastName: { label: 'customerForm.lastName', type: 'text', autoComplete: 'family-name', maxLength: 100 },
  phone: { label: 'customerForm.phone', type: 'tel', autoComplete: 'tel', maxLength: 40 },
  email: { label: 'customerForm.email', type: 'email', autoComplete: 'email', maxLength: 254 },
  loyaltyId: { label: 'customerForm.card', type: 'text', autoComplete: 'off', maxLength: 40 },
} as const satisfies Record<ContactKey, { label: string; type: string; autoComplete: string; maxLength: number }>;

/**
 * Name, phone, email and card, each as long as the contract lets it be, the first name focused as the form opens.
 * `autoFill` lets the browser offer what it knows: for a new customer, not over someone's saved profile.
 */
export function ContactFields({
  values,
  onChange,
  autoFill = false,
}: {
  values: Record<ContactKey, string>;
  onChange(key: ContactKey, value: string): void;
  autoFill?: boolean;
}) {
  const { t } = useTranslation();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (Object.keys(CONTACT) as ContactKey[]).map((k) => (
    <label key={k} className="field">
      <span className="field-label">{t(CONTACT[k].label)}</span>
      <input
        ref={k === 'firstName' ? first : undefined}
        type={CONTACT[k].type}
        value={values[k]}
        autoComplete={autoFill ? CONTACT[k].autoComplete : 'off'}
        maxLength={CONTACT[k].maxLength}
        onChange={(e) => onChange(k, e.target.value)}
      />
    </label>
  ));
}

/** Marketing consent, worded the same wherever it is asked. */
export function ConsentCheck({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useTranslation();
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{t('customerForm.consent')}</span>
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
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : label} <kbd>Ctrl+Enter</kbd>
      </button>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        {t('common.cancel')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}
