import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '@common/errors';
import { COMMON_LOCALES, DEFAULT_CURRENCY, DEFAULT_LOCALE } from '@common/format';
import {
  canonicalLocale,
  currencyCodes,
  storeIdentitySchema,
  storeIdFromName,
  timeZones,
  type StoreIdentityInput,
} from '@common/store-identity';
import { FormError } from '../FormError';
import { PinInput } from '../PinInput';

export interface NewStore {
  store: StoreIdentityInput;
  adminName: string;
  pin: string;
}

interface Props {
  busy: boolean;
  error: string | null;
  onSubmit(value: NewStore): void;
}

type Field = 'name' | 'timeZone' | 'locale' | 'currency' | 'adminName' | 'pin' | 'pin2';

/** This computer's time zone and language, as a guess the person setting up only has to confirm. */
function guesses() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const locale =
    navigator.language && /^[a-z]{2,3}-[A-Z]{2}$/.test(navigator.language) ? navigator.language : DEFAULT_LOCALE;
  return { timeZone: timeZones().includes(zone) ? zone : 'Europe/Dublin', locale };
}

/**
 * The store (name, time zone, locale, currency), then its first admin. Checked here by the same rules the main
 * process applies (common/store-identity), so a mistake is named at its field before anything is sent.
 */
export function StoreSetupForm({ busy, error, onSubmit }: Props) {
  const { t, i18n } = useTranslation();
  const initial = useMemo(guesses, []);
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [locale, setLocale] = useState(initial.locale);
  const [currency, setCurrency] = useState(DEFAULT_CURRENCY);
  const [adminName, setAdminName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [problem, setProblem] = useState<{ field: Field; message: string } | null>(null);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | HTMLSelectElement | null>>>({});
  // Currency names in the language being typed, once it is a locale Intl knows (a half-typed tag would throw).
  const namesIn = canonicalLocale(locale) ?? 'en';
  const currencyName = useMemo(() => new Intl.DisplayNames([namesIn], { type: 'currency' }), [namesIn]);
  const currencies = useMemo(currencyCodes, []);
  const zones = useMemo(timeZones, []);

  const refuse = (field: Field, message: string) => {
    setProblem({ field, message });
    refs.current[field]?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const store = { name, timeZone, locale, currency };
    const checked = storeIdentitySchema.safeParse(store);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = String(issue.path[0]) as Field;
      const label =
        {
          name: t('setup.storeName'),
          timeZone: t('setup.timeZone'),
          locale: t('setup.locale'),
          currency: t('setup.currency'),
        }[field as 'name'] ?? t('setup.store');
      return refuse(field, `${label}: ${issueText(issue, i18n.language)}.`);
    }
    if (!adminName.trim()) return refuse('adminName', t('setup.needName'));
    if (!/^\d{4,8}$/.test(pin)) return refuse('pin', t('setup.needPin'));
    if (pin !== pin2) return refuse('pin2', t('setup.pinsDiffer'));
    setProblem(null);
    onSubmit({ store, adminName: adminName.trim(), pin });
  };

  const invalid = (field: Field) =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'setup-problem' } : {};
  const bind = (field: Field) => ({
    ref: (el: HTMLInputElement | HTMLSelectElement | null) => {
      refs.current[field] = el;
    },
    disabled: busy,
    ...invalid(field),
  });
  const id = name.trim() ? storeIdFromName(name) : null;

  return (
    <form onSubmit={submit} className="stack store-setup" noValidate>
      {problem && (
        <p className="form-error" role="alert" id="setup-problem">
          {problem.message}
        </p>
      )}
      <FormError message={error} />
      <fieldset className="stack">
        <legend>{t('setup.store')}</legend>
        <label className="field">
          <span className="field-label">{t('setup.storeName')}</span>
          <input
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            autoComplete="organization"
            autoFocus
            {...bind('name')}
          />
          <span className="field-hint">
            {id ? t('setup.nameHintId', { name: name.trim(), id }) : t('setup.nameHint')}
          </span>
        </label>
        <div className="grid-3">
          <label className="field">
            <span className="field-label">{t('setup.timeZone')}</span>
            <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} {...bind('timeZone')}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('setup.locale')}</span>
            <input
              type="text"
              list="setup-locales"
              value={locale}
              onChange={(e) => setLocale(e.target.value)}
              maxLength={6}
              spellCheck={false}
              {...bind('locale')}
            />
            <datalist id="setup-locales">
              {COMMON_LOCALES.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span className="field-label">{t('setup.currency')}</span>
            <select value={currency} onChange={(e) => setCurrency(e.target.value)} {...bind('currency')}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c} – {currencyName.of(c) ?? c}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('setup.firstAdmin')}</legend>
        <label className="field">
          <span className="field-label">{t('setup.yourName')}</span>
          <input
            type="text"
            value={adminName}
            onChange={(e) => setAdminName(e.target.value)}
            autoComplete="name"
            maxLength={80}
            {...bind('adminName')}
          />
        </label>
        <div className="grid-2">
          <label className="field">
            <span className="field-label">{t('setup.pin')}</span>
            <PinInput autoComplete="new-password" value={pin} onPin={setPin} {...bind('pin')} />
          </label>
          <label className="field">
            <span className="field-label">{t('setup.pinAgain')}</span>
            <PinInput autoComplete="new-password" value={pin2} onPin={setPin2} {...bind('pin2')} />
          </label>
        </div>
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('setup.settingUp') : t('setup.submit')}
      </button>
    </form>
  );
}
