import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  needsApproval,
  REMEDIES,
  ROOT_CAUSES,
  SEVERITIES,
  type GoodwillAuthority,
  type RecoveryGuide,
} from '@common/recovery';
import { amountInput } from '@common/amount-input';
import type { Format } from '@common/format';
import { useFormat } from '../../lib/format';
import { amountProblemText, remedyAmount, type RecoveryDraft, type RecoveryField } from '../../lib/recovery-draft';
import { RadioGroup } from './RadioGroup';
import { wordText } from '@common/words';

/** The element each step's check focuses when it is what is missing. */
export const RECOVERY_FIELD_ID: Record<RecoveryField, string> = {
  whatWentWrong: 'recovery-what',
  severity: 'recovery-severity',
  remedy: 'recovery-remedy',
  amount: 'recovery-amount',
  rootCause: 'recovery-cause',
};

/** The clerk's limits in words: "up to €25.00 per complaint and €50.00 left today". */
export function limitsText(f: Format, t: TFunction, a: GoodwillAuthority): string {
  const parts: string[] = [];
  if (a.perInteractionMinor !== null)
    parts.push(t('recovery.perComplaint', { amount: f.money(a.perInteractionMinor) }));
  if (a.perDayMinor !== null)
    parts.push(t('recovery.leftToday', { amount: f.money(Math.max(0, a.perDayMinor - a.grantedTodayMinor)) }));
  return parts.length ? f.list(parts) : t('recovery.noLimit');
}

interface Props {
  value: RecoveryDraft;
  onChange(change: Partial<RecoveryDraft>): void;
  /** Null until a severity is chosen (the suggestion depends on it). */
  guide: RecoveryGuide | null;
  guideError: string | null;
  /** Puts the apology into "What I'll say". */
  onSay(text: string): void;
  invalid: RecoveryField | null;
}

/**
 * The recovery steps of a complaint, in the order they happen at the counter: hear (what went wrong, how serious),
 * apologise (in the customer's style), resolve (remedy and amount, with the suggestion and the clerk's authority),
 * diagnose (root cause). Native controls only, so every step is reachable and operable by keyboard.
 */
export function RecoveryFields({ value: r, onChange, guide, guideError, onSay, invalid }: Props) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const severityOptions = SEVERITIES.map((s) => ({ value: s, label: t(`recovery.severity.${s}`) }));
  const causeOptions = ROOT_CAUSES.map((c) => ({ value: c, label: t(`recovery.rootCause.${c}`) }));
  const amount = remedyAmount(r, fmt);
  const amountMinor = amount.ok ? amount.minor : null;
  const suggestion = guide?.suggestion ?? null;
  const authority = guide?.authority ?? null;
  const overLimit = authority !== null && amountMinor !== null && needsApproval(authority, amountMinor);
  const applySuggestion = () => {
    if (!suggestion) return;
    onChange({
      remedy: suggestion.remedies[0] ?? 'none',
      amount: suggestion.upToMinor > 0 ? amountInput(suggestion.upToMinor, fmt) : '',
    });
  };
  return (
    <fieldset className="recovery" data-testid="recovery">
      <legend>
        {t('recovery.legend')} <span className="legend-hint">{t('recovery.legendHint')}</span>
      </legend>
      <div className="recovery-step">
        <label className="field" htmlFor={RECOVERY_FIELD_ID.whatWentWrong}>
          <span className="field-label">
            {t('recovery.hear')} <span className="req">{t('common.required')}</span>
          </span>
        </label>
        <textarea
          id={RECOVERY_FIELD_ID.whatWentWrong}
          rows={2}
          maxLength={1000}
          aria-required="true"
          aria-invalid={invalid === 'whatWentWrong' || undefined}
          value={r.whatWentWrong}
          placeholder={t('recovery.hearPlaceholder')}
          onChange={(e) => onChange({ whatWentWrong: e.target.value })}
        />
        <div id={RECOVERY_FIELD_ID.severity} tabIndex={-1}>
          <RadioGroup
            name="recovery-severity"
            legend={t('recovery.howSerious')}
            options={severityOptions}
            value={r.severity ?? ('' as never)}
            onChange={(severity) => onChange({ severity })}
            className="severities"
          />
        </div>
      </div>
      <div className="recovery-step">
        <span className="field-label" id="recovery-apology-label">
          {t('recovery.apologise')}
        </span>
        {guide ? (
          <p className="apology">
            <span lang={guide.language}>“{guide.apology}”</span>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => onSay(guide.apology)}>
              {t('recovery.sayThis')}
              <span className="sr-only">{t('recovery.sayThisWhat')}</span>
            </button>
          </p>
        ) : (
          <p className="muted small">{t('recovery.chooseSeverity')}</p>
        )}
      </div>
      <div className="recovery-step">
        <span className="field-label">{t('recovery.resolve')}</span>
        {suggestion && (
          <p className="suggested-remedy" data-testid="suggested-remedy">
            <span>{t('recovery.suggested', { why: wordText(t, suggestion.why) })}</span>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={applySuggestion}>
              {t('recovery.useSuggestion')}
            </button>
          </p>
        )}
        {guideError && <p className="form-error small">{guideError}</p>}
        <div className="recovery-resolve">
          <div className="field field-inline">
            <label className="field-label" htmlFor={RECOVERY_FIELD_ID.remedy}>
              {t('recovery.remedyLabel')}
            </label>
            <select
              id={RECOVERY_FIELD_ID.remedy}
              value={r.remedy ?? ''}
              aria-invalid={invalid === 'remedy' || undefined}
              onChange={(e) => onChange({ remedy: (e.target.value || null) as RecoveryDraft['remedy'] })}
            >
              <option value="">{t('common.choose')}</option>
              {REMEDIES.map((m) => (
                <option key={m} value={m}>
                  {t(`recovery.remedy.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="field field-inline">
            <span className="field-label">{t('recovery.amount', { symbol: fmt.currencySymbol })}</span>
            <input
              id={RECOVERY_FIELD_ID.amount}
              type="text"
              inputMode="decimal"
              size={8}
              value={r.remedy === 'none' ? '' : r.amount}
              disabled={r.remedy === 'none'}
              aria-invalid={invalid === 'amount' || amountMinor === null || undefined}
              aria-describedby={amount.ok ? 'recovery-authority' : 'recovery-amount-problem recovery-authority'}
              onChange={(e) => onChange({ amount: e.target.value })}
            />
          </label>
        </div>
        {!amount.ok && (
          <p id="recovery-amount-problem" className="form-error small" data-testid="recovery-amount-problem">
            {amountProblemText(t, fmt, amount.problem)}
          </p>
        )}
        <p
          id="recovery-authority"
          className={`small ${overLimit ? 'authority-over' : 'muted'}`}
          data-testid="recovery-authority"
        >
          {authority === null
            ? ''
            : t(overLimit ? 'recovery.over' : 'recovery.within', { limits: limitsText(fmt, t, authority) })}
        </p>
      </div>
      <div className="recovery-step" id={RECOVERY_FIELD_ID.rootCause} tabIndex={-1}>
        <RadioGroup
          name="recovery-cause"
          legend={t('recovery.diagnose')}
          options={causeOptions}
          value={r.rootCause ?? ('' as never)}
          onChange={(rootCause) => onChange({ rootCause })}
          className="causes"
        />
      </div>
    </fieldset>
  );
}
