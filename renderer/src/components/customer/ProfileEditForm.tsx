import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  valuesOf,
  type CustomerDraft,
  type CustomerField,
  type CustomerValues,
  type MethodInput,
} from '@common/contract';
import type { Customer, CustomerProfile, DuplicateCandidate } from '@common/domain';
import { call, errorMessage } from '../../api/client';
import { formKeys } from '../../lib/form-keys';
import {
  ConsentCheck,
  ContactFields,
  DUPLICATE_CHECK_MS,
  LOOKS_LIKE_EMAIL,
  SaveOrCancel,
} from '../create/CustomerFormParts';
import { DuplicateWarnings } from '../create/DuplicateWarnings';
import { FormError } from '../FormError';
import { StyleChoice } from './StyleChoice';

type Changes = MethodInput<'customers.update'>['changes'];

/** The form's fields: every editable value the form shows, as its inputs hold it (tags as one comma-separated text). */
type Form = Omit<CustomerValues, 'tags' | 'language'> & { tags: string };
type Key = keyof Form & CustomerField;

function formOf(c: Customer): Form {
  const { tags, language: _notShown, ...values } = valuesOf(c);
  return { ...values, tags: tags.join(', ') };
}

const tagList = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

const differs = (k: Key, a: Form, b: Form) =>
  k === 'tags' ? tagList(a.tags).join('\n') !== tagList(b.tags).join('\n') : a[k] !== b[k];

/** Only what the clerk changed goes to the main process: an untouched value is never checked or written again. */
function changesOf(initial: Form, f: Form): Changes {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(f) as Key[]) if (differs(k, initial, f)) out[k] = k === 'tags' ? tagList(f.tags) : f[k];
  return out as Changes;
}

/** The changed values that could make this customer someone else's twin: name, phone, email, card. */
function duplicateProbe(initial: Form, f: Form): CustomerDraft | null {
  const d: CustomerDraft = {};
  if (differs('firstName', initial, f) || differs('lastName', initial, f))
    Object.assign(d, { firstName: f.firstName, lastName: f.lastName });
  if (differs('phone', initial, f) && f.phone.trim()) d.phone = f.phone.trim();
  if (differs('email', initial, f) && LOOKS_LIKE_EMAIL.test(f.email.trim())) d.email = f.email.trim();
  if (differs('loyaltyId', initial, f) && f.loyaltyId.trim()) d.loyaltyId = f.loyaltyId.trim();
  return Object.keys(d).length ? d : null;
}

interface Props {
  profile: CustomerProfile;
  /** Saved: the profile as the main process now holds it, and the fields that changed (empty: nothing did). */
  onSaved(profile: CustomerProfile, changed: CustomerField[]): void;
  onCancel(): void;
}

/** The profile's fields, edited in place. Ctrl+Enter saves, Esc cancels; a refusal keeps everything typed. */
export function ProfileEditForm({ profile, onSaved, onCancel }: Props) {
  const id = profile.customer.id;
  const { t } = useTranslation();
  const [initial] = useState(() => formOf(profile.customer));
  const [form, setForm] = useState(initial);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  // The same warning as when creating, for the values changed: who else already has this phone, email, card or name.
  useEffect(() => {
    const mine = ++seq.current;
    const probe = duplicateProbe(initial, form);
    if (!probe) {
      setDuplicates([]);
      return;
    }
    const timer = window.setTimeout(() => {
      call('customers.findDuplicates', probe).then(
        (found) => mine === seq.current && setDuplicates(found.filter((d) => d.customer.id !== id)),
        () => mine === seq.current && setDuplicates([]),
      );
    }, DUPLICATE_CHECK_MS);
    return () => window.clearTimeout(timer);
  }, [form, initial, id]);

  const set = <K extends Key>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    const changes = changesOf(initial, form);
    if (Object.keys(changes).length === 0) {
      onSaved(profile, []);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await call('customers.update', { id, changes });
      const now = formOf(saved.customer);
      onSaved(
        saved,
        (Object.keys(initial) as Key[]).filter((k) => differs(k, initial, now)),
      );
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  const onKeyDown = formKeys(() => void submit(), onCancel);

  return (
    <form
      className="profile-edit"
      aria-label={t('customerForm.edit')}
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className="grid-2">
        <ContactFields values={form} onChange={set} />
        <label className="field">
          <span className="field-label">{t('customerForm.birthday')}</span>
          <input type="date" value={form.birthday} onChange={(e) => set('birthday', e.target.value)} />
        </label>
      </div>
      <StyleChoice value={form.style} onChange={(s) => set('style', s)} />
      <ConsentCheck checked={form.marketingConsent} onChange={(v) => set('marketingConsent', v)} />
      <label className="field">
        <span className="field-label">
          {t('customerForm.tags')} <span className="legend-hint">{t('customerForm.tagsHint')}</span>
        </span>
        <input type="text" value={form.tags} autoComplete="off" onChange={(e) => set('tags', e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('customerForm.notes')}</span>

        <textarea rows={3} maxLength={2000} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
      </label>
      <DuplicateWarnings duplicates={duplicates} onOpen={(other) => (window.location.hash = `#/customer/${other}`)} />
      <FormError message={error} />
      <SaveOrCancel
        label={t('customerForm.saveChanges')}
        busyLabel={t('common.saving')}
        busy={saving}
        onCancel={onCancel}
      />
    </form>
  );
}
