// The recovery steps of the log form as the clerk types them, kept in the log draft (so they survive a crash), and
// turned into the contract's recovery when the entry is saved. Never holds a manager's PIN: that lives only in the
// PIN dialog while it is open.
import type { TFunction } from 'i18next';
import {
  amountExample,
  readAmount,
  type AmountProblem,
  type AmountReading,
  type MoneySettings,
} from '@common/amount-input';
import { minorDigits } from '@common/money';
import type { InteractionKind } from '@common/domain';
import {
  MAX_REMEDY_MINOR,
  REMEDIES,
  ROOT_CAUSES,
  SEVERITIES,
  type Recovery,
  type Remedy,
  type RootCause,
  type Severity,
} from '@common/recovery';

export interface RecoveryDraft {
  severity: Severity | null;
  whatWentWrong: string;
  remedy: Remedy | null;
  /** The amount as typed, in the currency's main unit and the store's locale ("12.50", "12,50"). */
  amount: string;
  rootCause: RootCause | null;
}

export const emptyRecovery = (): RecoveryDraft => ({
  severity: null,
  whatWentWrong: '',
  remedy: null,
  amount: '',
  rootCause: null,
});

export const recoveryBlank = (r: RecoveryDraft): boolean =>
  r.severity === null && !r.whatWentWrong.trim() && r.remedy === null && !r.amount.trim() && r.rootCause === null;

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  (list as readonly unknown[]).includes(v) ? (v as T) : null;

/** Reads a stored draft's recovery defensively: what is not valid is left empty. */
export function parseRecovery(raw: unknown): RecoveryDraft {
  if (!raw || typeof raw !== 'object') return emptyRecovery();
  const r = raw as Record<string, unknown>;
  return {
    severity: oneOf(SEVERITIES, r.severity),
    whatWentWrong: typeof r.whatWentWrong === 'string' ? r.whatWentWrong : '',
    remedy: oneOf(REMEDIES, r.remedy),
    amount: typeof r.amount === 'string' ? r.amount : '',
    rootCause: oneOf(ROOT_CAUSES, r.rootCause),
  };
}

/** The typed amount in the store's currency and locale ("12,50" in a German EUR store is 1250); a remedy of none is 0. */
export const remedyAmount = (r: RecoveryDraft, money: MoneySettings): AmountReading =>
  r.remedy === 'none' ? { ok: true, minor: 0 } : readAmount(r.amount, money, MAX_REMEDY_MINOR);

/** Why the amount box holds no amount, with one the box would take: "EUR amounts have at most 2 decimals, …". */
export function amountProblemText(t: TFunction, money: MoneySettings, problem: AmountProblem): string {
  const words = { currency: money.currency, example: amountExample(money) };
  if (problem !== 'tooManyDecimals') return t(`recovery.amountProblem.${problem}`, words);
  const count = minorDigits(money.currency);
  return count === 0
    ? t('recovery.amountProblem.wholeOnly', words)
    : t('recovery.amountProblem.tooManyDecimals', { ...words, count });
}

export type RecoveryField = 'whatWentWrong' | 'severity' | 'remedy' | 'amount' | 'rootCause';
export type RecoveryCheck =
  | { ok: true; recovery: Recovery | null }
  | { ok: false; field: Exclude<RecoveryField, 'amount'> }
  | { ok: false; field: 'amount'; amount: AmountProblem };

/**
 * What the save sends: nothing unless the entry is a complaint and the clerk started the recovery steps; then every
 * step must be complete; the missing one is named by its field (the screen words it: t('recovery.missing.<field>')),
 * and an amount that is not one says why (t('recovery.amountProblem.<problem>')).
 */
export function checkRecovery(kind: InteractionKind, r: RecoveryDraft, money: MoneySettings): RecoveryCheck {
  if (kind !== 'complaint' || recoveryBlank(r)) return { ok: true, recovery: null };
  if (!r.whatWentWrong.trim()) return { ok: false, field: 'whatWentWrong' };
  if (!r.severity) return { ok: false, field: 'severity' };
  if (!r.remedy) return { ok: false, field: 'remedy' };
  const amount = remedyAmount(r, money);
  if (!amount.ok) return { ok: false, field: 'amount', amount: amount.problem };
  if (!r.rootCause) return { ok: false, field: 'rootCause' };
  return {
    ok: true,
    recovery: {
      severity: r.severity,
      whatWentWrong: r.whatWentWrong.trim(),
      remedy: r.remedy,
      amountMinor: amount.minor,
      rootCause: r.rootCause,
    },
  };
}
