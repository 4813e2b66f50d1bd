// The log form's recovery steps as typed, and what a save sends (renderer/src/lib/recovery-draft.ts).
import { describe, expect, it } from 'vitest';
import { amountInput } from '@common/amount-input';
import { MAX_REMEDY_MINOR, recoverySchema } from '@common/recovery';
import {
  checkRecovery,
  emptyRecovery,
  parseRecovery,
  type RecoveryDraft,
} from '../../../renderer/src/lib/recovery-draft';
import { emptyDraft, isBlank, parseDraft } from '../../../renderer/src/state/log-draft';

const german = { locale: 'de-DE', currency: 'EUR' };
const irish = { locale: 'en-IE', currency: 'EUR' };

const full: RecoveryDraft = {
  severity: 'serious',
  whatWentWrong: ' lid cracked ',
  remedy: 'replacement',
  amount: '12,50',
  rootCause: 'product_fault',
};

describe('recovery steps in the log form', () => {
  it('send nothing for another kind or untouched steps, and a valid recovery when complete', () => {
    expect(checkRecovery('inquiry', full, german)).toEqual({ ok: true, recovery: null });
    expect(checkRecovery('complaint', emptyRecovery(), german)).toEqual({ ok: true, recovery: null });
    const checked = checkRecovery('complaint', full, german);
    expect(checked).toEqual({
      ok: true,
      recovery: {
        severity: 'serious',
        whatWentWrong: 'lid cracked',
        remedy: 'replacement',
        amountMinor: 1250,
        rootCause: 'product_fault',
      },
    });
    if (checked.ok) expect(recoverySchema.safeParse(checked.recovery).success).toBe(true);
    expect(checkRecovery('complaint', { ...full, remedy: 'none', amount: '99' }, german)).toMatchObject({
      ok: true,
      recovery: { amountMinor: 0 },
    });
  });

  it('name the first missing step', () => {
    expect(checkRecovery('complaint', { ...full, whatWentWrong: ' ' }, german)).toMatchObject({
      ok: false,
      field: 'whatWentWrong',
    });
    expect(checkRecovery('complaint', { ...full, severity: null }, german)).toMatchObject({
      ok: false,
      field: 'severity',
    });
    expect(checkRecovery('complaint', { ...full, remedy: null }, german)).toMatchObject({ ok: false, field: 'remedy' });
    expect(checkRecovery('complaint', { ...full, amount: '12,505' }, german)).toEqual({
      ok: false,
      field: 'amount',
      amount: 'tooManyDecimals',
    });
    // The same amount read in an English store: there the comma groups thousands, so "12,50" is no amount at all.
    expect(checkRecovery('complaint', full, irish)).toEqual({ ok: false, field: 'amount', amount: 'notANumber' });
    expect(checkRecovery('complaint', { ...full, rootCause: null }, german)).toMatchObject({
      ok: false,
      field: 'rootCause',
    });
  });

  it('hold no more than the most a remedy may be worth', () => {
    const most = amountInput(MAX_REMEDY_MINOR, irish);
    expect(checkRecovery('complaint', { ...full, amount: most }, irish)).toMatchObject({ ok: true });
    expect(checkRecovery('complaint', { ...full, amount: amountInput(MAX_REMEDY_MINOR + 1, irish) }, irish)).toEqual({
      ok: false,
      field: 'amount',
      amount: 'tooLarge',
    });
  });

  it('survive in the draft, and count towards whether it is blank', () => {
    const d = { ...emptyDraft(), recovery: full };
    expect(isBlank(d)).toBe(false);
    expect(parseDraft(JSON.stringify(d))?.recovery).toEqual(full);
    expect(parseRecovery({ severity: 'awful', remedy: 'voucher', amount: 3 })).toEqual(emptyRecovery());
  });
});
