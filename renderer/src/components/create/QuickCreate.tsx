import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDraft } from '@common/contract';
import { COMMUNICATION_STYLES, type CommunicationStyle, type Customer, type DuplicateCandidate } from '@common/domain';
import { call, errorMessage } from '../../api/client';
import { formKeys } from '../../lib/form-keys';
import type { Prefill } from '../../lib/prefill';
import { useFeedback } from '../../state/feedback';
import { ConsentCheck, ContactFields, DUPLICATE_CHECK_MS, LOOKS_LIKE_EMAIL, SaveOrCancel } from './CustomerFormParts';
import { DuplicateWarnings } from './DuplicateWarnings';
import { FormError } from '../FormError';
import './create.css';

interface Form {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  loyaltyId: string;
  style: CommunicationStyle;
  marketingConsent: boolean;
}

interface Props {
  prefill: Prefill;
  onCreated(c: Customer): void;
  onOpenExisting(id: number): void;
  onCancel(): void;
}

function toDraft(f: Form, forCheck: boolean): CustomerDraft {
  const email = f.email.trim();
  return {
    firstName: f.firstName,
    lastName: f.lastName,
    phone: f.phone.trim() || undefined,
    // A half-typed address is not checked yet (it would only fail validation).
    email: forCheck && !LOOKS_LIKE_EMAIL.test(email) ? undefined : email || undefined,
    loyaltyId: f.loyaltyId.trim() || undefined,
    style: f.style,
    marketingConsent: f.marketingConsent,
  };
}

export function QuickCreate({ prefill, onCreated, onOpenExisting, onCancel }: Props) {
  const { announce } = useFeedback();
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(() => ({
    firstName: prefill.firstName ?? '',
    lastName: prefill.lastName ?? '',
    phone: prefill.phone ?? '',
    email: prefill.email ?? '',
    loyaltyId: prefill.loyaltyId ?? '',
    style: 'unknown',
    marketingConsent: false,
  }));
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const announced = useRef<number | null>(null);

  // Checks for the same person as the clerk types, so a second profile is not created by accident.
  useEffect(() => {
    const mine = ++seq.current;
    const d = toDraft(form, true);
    if (!d.firstName?.trim() && !d.lastName?.trim() && !d.phone && !d.email && !d.loyaltyId) {
      setDuplicates([]);
      return;
    }
    const timer = window.setTimeout(() => {
      call('customers.findDuplicates', d).then(
        (found) => {
          if (mine !== seq.current) return;
          setDuplicates(found);
          const top = found[0]?.customer;
          if (top && top.id !== announced.current) announce(t('duplicates.announce', { name: top.displayName }));
          announced.current = top?.id ?? null;
        },
        () => mine === seq.current && setDuplicates([]),
      );
    }, DUPLICATE_CHECK_MS);
    return () => window.clearTimeout(timer);
  }, [form, announce, t]);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  /**
   * Ctrl+Enter, Enter and the Create button never create past a possible duplicate: that takes "Create anyway", a
   * second, deliberate step. The check is asked afresh here, as the one run while typing may not have answered yet.
   */
  const submit = async (e?: FormEvent, anyway = false) => {
    e?.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    if (!anyway) {
      const found = await call('customers.findDuplicates', toDraft(form, true)).catch(() => duplicates);
      ++seq.current; // this answer is the newest: a check still running for the same form must not replace it
      setDuplicates(found);
      const top = found[0];
      if (top) {
        const message = t('customerForm.notCreated', {
          name: top.customer.displayName,
          reasons: top.reasons.join(', '),
        });
        setError(message);
        announce(message);
        setSaving(false);
        return;
      }
    }
    try {
      const created = await call('customers.create', toDraft(form, false));
      announce(t('customerForm.created', { name: created.displayName }));
      onCreated(created);
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  const onKeyDown = formKeys(() => void submit(), onCancel);

  return (
    <section className="create card" aria-labelledby="create-h">
      <div className="panel-head">
        <h2 id="create-h">{t('customerForm.newTitle')}</h2>
        <span className="muted small">
          <kbd>Ctrl+Enter</kbd> {t('customerForm.keysCreate')} · <kbd>Esc</kbd> {t('customerForm.keysCancel')}
        </span>
      </div>
      <form className="create-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate>
        <div className="grid-2">
          <ContactFields values={form} onChange={set} autoFill />
          <label className="field">
            <span className="field-label">{t('customerForm.style')}</span>
            <select value={form.style} onChange={(e) => set('style', e.target.value as CommunicationStyle)}>
              {COMMUNICATION_STYLES.map((s) => (
                <option key={s} value={s}>
                  {t(`label.style.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ConsentCheck checked={form.marketingConsent} onChange={(v) => set('marketingConsent', v)} />
        <DuplicateWarnings
          duplicates={duplicates}
          onOpen={onOpenExisting}
          onCreateAnyway={() => void submit(undefined, true)}
        />
        <FormError message={error} />
        <SaveOrCancel
          label={t('customerForm.create')}
          busyLabel={t('customerForm.creating')}
          busy={saving}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}
