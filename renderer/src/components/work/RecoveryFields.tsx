import {
  needsApproval,
  REMEDIES,
  REMEDY_LABEL,
  ROOT_CAUSE_LABEL,
  ROOT_CAUSES,
  SEVERITIES,
  SEVERITY_LABEL,
  type GoodwillAuthority,
  type RecoveryGuide,
} from '../../../../common/recovery';
import { formatMoney } from '../../lib/format';
import { minorUnits, typedAmount, type RecoveryDraft, type RecoveryField } from '../../lib/recovery-draft';
import { RadioGroup } from './RadioGroup';

/** The element each step's check focuses when it is what is missing. */
export const RECOVERY_FIELD_ID: Record<RecoveryField, string> = {
  whatWentWrong: 'recovery-what',
  severity: 'recovery-severity',
  remedy: 'recovery-remedy',
  amount: 'recovery-amount',
  rootCause: 'recovery-cause',
};

const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }));
const CAUSE_OPTIONS = ROOT_CAUSES.map((c) => ({ value: c, label: ROOT_CAUSE_LABEL[c] }));

/** The clerk's limits in words: "up to €25.00 per complaint and €50.00 left today". */
export function limitsText(a: GoodwillAuthority): string {
  if (a.perInteractionMinor === null && a.perDayMinor === null) return 'no limit for your role';
  const parts = [
    a.perInteractionMinor !== null ? `up to ${formatMoney(a.perInteractionMinor)} per complaint` : null,
    a.perDayMinor !== null ? `${formatMoney(Math.max(0, a.perDayMinor - a.grantedTodayMinor))} left today` : null,
  ];
  return parts.filter(Boolean).join(' and ');
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
  const amountMinor = r.remedy === 'none' ? 0 : minorUnits(r.amount);
  const suggestion = guide?.suggestion ?? null;
  const authority = guide?.authority ?? null;
  const overLimit = authority !== null && amountMinor !== null && needsApproval(authority, amountMinor);
  const applySuggestion = () => {
    if (!suggestion) return;
    onChange({
      remedy: suggestion.remedies[0] ?? 'none',
      amount: suggestion.upToMinor > 0 ? typedAmount(suggestion.upToMinor) : '',
    });
  };
  return (
    <fieldset className="recovery" data-testid="recovery">
      <legend>
        Recovery <span className="legend-hint">(hear, apologise, resolve, diagnose)</span>
      </legend>
      <div className="recovery-step">
        <label className="field" htmlFor={RECOVERY_FIELD_ID.whatWentWrong}>
          <span className="field-label">
            Hear: what went wrong <span className="req">(required)</span>
          </span>
        </label>
        <textarea
          id={RECOVERY_FIELD_ID.whatWentWrong}
          rows={2}
          maxLength={1000}
          aria-required="true"
          aria-invalid={invalid === 'whatWentWrong' || undefined}
          value={r.whatWentWrong}
          placeholder="In the customer's words"
          onChange={(e) => onChange({ whatWentWrong: e.target.value })}
        />
        <div id={RECOVERY_FIELD_ID.severity} tabIndex={-1}>
          <RadioGroup
            name="recovery-severity"
            legend="How serious"
            options={SEVERITY_OPTIONS}
            value={r.severity ?? ('' as never)}
            onChange={(severity) => onChange({ severity })}
            className="severities"
          />
        </div>
      </div>
      <div className="recovery-step">
        <span className="field-label">Apologise</span>
        {guide ? (
          <p className="apology">
            “{guide.apology}”{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => onSay(guide.apology)}>
              Say this<span className="sr-only"> apology</span>
            </button>
          </p>
        ) : (
          <p className="muted small">
            Choose how serious it is for an apology in the customer's style and a suggested remedy.
          </p>
        )}
      </div>
      <div className="recovery-step">
        <span className="field-label">Resolve</span>
        {suggestion && (
          <p className="suggested-remedy" data-testid="suggested-remedy">
            <span>Suggested: {suggestion.why}</span>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={applySuggestion}>
              Use suggestion
            </button>
          </p>
        )}
        {guideError && <p className="form-error small">{guideError}</p>}
        <div className="recovery-resolve">
          <div className="field field-inline">
            <label className="field-label" htmlFor={RECOVERY_FIELD_ID.remedy}>
              Remedy
            </label>
            <select
              id={RECOVERY_FIELD_ID.remedy}
              value={r.remedy ?? ''}
              aria-invalid={invalid === 'remedy' || undefined}
              onChange={(e) => onChange({ remedy: (e.target.value || null) as RecoveryDraft['remedy'] })}
            >
              <option value="">Choose…</option>
              {REMEDIES.map((m) => (
                <option key={m} value={m}>
                  {REMEDY_LABEL[m]}
                </option>
              ))}
            </select>
          </div>
          <label className="field field-inline">
            <span className="field-label">Amount (€)</span>
            <input
              id={RECOVERY_FIELD_ID.amount}
              type="text"
              inputMode="decimal"
              size={8}
              value={r.remedy === 'none' ? '' : r.amount}
              disabled={r.remedy === 'none'}
              aria-invalid={invalid === 'amount' || amountMinor === null || undefined}
              aria-describedby="recovery-authority"
              onChange={(e) => onChange({ amount: e.target.value })}
            />
          </label>
        </div>
        <p
          id="recovery-authority"
          className={`small ${overLimit ? 'authority-over' : 'muted'}`}
          data-testid="recovery-authority"
        >
          {authority === null
            ? ''
            : overLimit
              ? `Above your authority (${limitsText(authority)}): saving asks for a manager's PIN.`
              : `Within your authority (${limitsText(authority)}).`}
        </p>
      </div>
      <div className="recovery-step" id={RECOVERY_FIELD_ID.rootCause} tabIndex={-1}>
        <RadioGroup
          name="recovery-cause"
          legend="Diagnose: root cause"
          options={CAUSE_OPTIONS}
          value={r.rootCause ?? ('' as never)}
          onChange={(rootCause) => onChange({ rootCause })}
          className="causes"
        />
      </div>
    </fieldset>
  );
}
