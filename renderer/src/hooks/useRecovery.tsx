import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { needsApproval, type Approval, type Recovery } from '@common/recovery';
import { ApiError, call } from '../api/client';
import { useFormat } from '../lib/format';
import { RECOVERY_FIELD_ID, RecoveryFields, limitsText } from '../components/work/RecoveryFields';
import { ManagerPinDialog } from '../components/work/ManagerPinDialog';
import { amountProblemText, checkRecovery, type RecoveryField } from '../lib/recovery-draft';
import type { LogDraft } from '../state/log-draft';
import { useStore } from '../state/store';
import { useLoad } from './useLoad';

/** Saves the entry with this recovery (and a manager's approval); rejects with the service's error. */
export type Persist = (recovery: Recovery | null, approval?: Approval) => Promise<void>;

export interface RecoveryFlow {
  /** The recovery steps for the log form (shown while the kind is Complaint). */
  fields: ReactNode;
  /** The manager's PIN dialog while it is open. */
  dialog: ReactNode;
  /**
   * Runs a save through the recovery's checks: a missing step is named and focused, a grant above the clerk's
   * authority opens the PIN dialog (which saves once approved). Resolves to an error message to show, or null.
   */
  save(persist: Persist): Promise<string | null>;
  /** The clerk's authority changed (a grant was saved): read it again. */
  reload(): void;
}

function focusField(field: RecoveryField): void {
  const el = document.getElementById(RECOVERY_FIELD_ID[field]);
  (el?.matches('input, select, textarea')
    ? el
    : (el?.querySelector<HTMLElement>('input:checked, input') ?? el)
  )?.focus();
}

/** The complaint's recovery steps, their guide (suggestion, apology, authority) and the manager's approval. */
export function useRecovery(
  customerId: number | null,
  draft: LogDraft,
  update: (change: Partial<LogDraft>) => void,
): RecoveryFlow {
  const fmt = useFormat();
  const { t } = useTranslation();
  const { clerk } = useStore();
  const severity = draft.kind === 'complaint' ? draft.recovery.severity : null;
  const guide = useLoad(`recovery:${customerId ?? 'walk-in'}:${severity ?? '-'}`, () =>
    severity ? call('recovery.guide', { customerId, severity }) : Promise.resolve(null),
  );
  const [invalid, setInvalid] = useState<RecoveryField | null>(null);
  const [asking, setAsking] = useState<{ recovery: Recovery; persist: Persist } | null>(null);
  const authority = guide.data?.authority ?? null;

  const fields = (
    <RecoveryFields
      value={draft.recovery}
      onChange={(change) => {
        if (invalid && invalid in change) setInvalid(null);
        update({ recovery: { ...draft.recovery, ...change } });
      }}
      guide={guide.data}
      guideError={guide.error}
      onSay={(say) => update({ say })}
      invalid={invalid}
    />
  );

  const dialog = asking && (
    <ManagerPinDialog
      amountMinor={asking.recovery.amountMinor}
      limits={authority ? limitsText(fmt, t, authority) : t('recovery.yourLimits')}
      clerkId={clerk.id}
      onClose={() => setAsking(null)}
      onApprove={async (managerId, pin) => {
        await asking.persist(asking.recovery, { managerId, pin });
        setAsking(null);
      }}
    />
  );

  const save = async (persist: Persist): Promise<string | null> => {
    const checked = checkRecovery(draft.kind, draft.recovery, fmt);
    if (!checked.ok) {
      setInvalid(checked.field);
      focusField(checked.field);
      if (checked.field === 'amount') return amountProblemText(t, fmt, checked.amount);
      return t(`recovery.missing.${checked.field}`);
    }
    setInvalid(null);
    const r = checked.recovery;
    if (r && authority && needsApproval(authority, r.amountMinor)) {
      setAsking({ recovery: r, persist });
      return null;
    }
    try {
      await persist(r);
      return null;
    } catch (err) {
      // Another grant saved meanwhile (here or at another till) used up the day: the manager approves this one.
      if (r && r.amountMinor > 0 && err instanceof ApiError && err.reason?.startsWith('recovery.needsApproval.')) {
        guide.reload();
        setAsking({ recovery: r, persist });
        return null;
      }
      throw err;
    }
  };

  return { fields, dialog, save, reload: guide.reload };
}
