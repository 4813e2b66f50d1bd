// The recovery steps of the log form as the clerk types them, kept in the log draft (so they survive a crash), and
// turned into the contract's recovery when the entry is saved. Never holds a manager's PIN: that lives only in the
// PIN dialog while it is open.
import type { InteractionKind } from '../../../common/domain';
import {
  MAX_REMEDY_MINOR,
  REMEDIES,
  ROOT_CAUSES,
  SEVERITIES,
  type Recovery,
  type Remedy,
  type RootCause,
  type Severity,
} from '../../../common/recovery';

export interface RecoveryDraft {
  severity: Severity | null;
  whatWentWrong: string;
  remedy: Remedy | null;
  /** The amount as typed, in the currency's main unit ("12.50"). */
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

/** "12", "12.5", "12,50" → 1250; null when it is not an amount. */
export function minorUnits(typed: string): number | null {
  const t = typed.trim().replace(/^€\s*/, '').replace(',', '.');
  if (t === '') return 0;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  const minor = Math.round(Number(t) * 100);
  return minor <= MAX_REMEDY_MINOR ? minor : null;
}

/** Minor units as the amount box shows them ("25" or "12.50"). */
export const typedAmount = (minor: number): string =>
  minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);

export type RecoveryField = 'whatWentWrong' | 'severity' | 'remedy' | 'amount' | 'rootCause';
export type RecoveryCheck = { ok: true; recovery: Recovery | null } | { ok: false; field: RecoveryField };

/**
 * What the save sends: nothing unless the entry is a complaint and the clerk started the recovery steps; then every
 * step must be complete; the missing one is named by its field (the screen words it: t('recovery.missing.<field>')).
 */
export function checkRecovery(kind: InteractionKind, r: RecoveryDraft): RecoveryCheck {
  if (kind !== 'complaint' || recoveryBlank(r)) return { ok: true, recovery: null };
  if (!r.whatWentWrong.trim()) return { ok: false, field: 'whatWentWrong' };
  if (!r.severity) return { ok: false, field: 'severity' };
  if (!r.remedy) return { ok: false, field: 'remedy' };
  const amountMinor = r.remedy === 'none' ? 0 : minorUnits(r.amount);
  if (amountMinor === null) return { ok: false, field: 'amount' };
  if (!r.rootCause) return { ok: false, field: 'rootCause' };
  return {
    ok: true,
    recovery: {
      severity: r.severity,
      whatWentWrong: r.whatWentWrong.trim(),
      remedy: r.remedy,
      amountMinor,
      rootCause: r.rootCause,
    },
  };
}
