// The log form's recovery steps as typed, and what a save sends (renderer/src/lib/recovery-draft.ts).
import { describe, expect, it } from 'vitest';
import { recoverySchema } from '../../../common/recovery';
import {
  checkRecovery,
  emptyRecovery,
  minorUnits,
  parseRecovery,
  typedAmount,
  type RecoveryDraft,
} from '../../../renderer/src/lib/recovery-draft';
import { emptyDraft, isBlank, parseDraft } from '../../../renderer/src/state/log-draft';

const full: RecoveryDraft = {
  severity: 'serious',
  whatWentWrong: ' lid cracked ',
  remedy: 'replacement',
  amount: '12,50',
  rootCause: 'product_fault',
};

describe('recovery steps in the log form', () => {
  it('send nothing for another kind or untouched steps, and a valid recovery when complete', () => {
    expect(checkRecovery('inquiry', full)).toEqual({ ok: true, recovery: null });
    expect(checkRecovery('complaint', emptyRecovery())).toEqual({ ok: true, recovery: null });
    const checked = checkRecovery('complaint', full);
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
    expect(checkRecovery('complaint', { ...full, remedy: 'none', amount: '99' })).toMatchObject({
      ok: true,
      recovery: { amountMinor: 0 },
    });
  });

  it('name the first missing step', () => {
    expect(checkRecovery('complaint', { ...full, whatWentWrong: ' ' })).toMatchObject({
      ok: false,
      field: 'whatWentWrong',
    });
    expect(checkRecovery('complaint', { ...full, severity: null })).toMatchObject({ ok: false, field: 'severity' });
    expect(checkRecovery('complaint', { ...full, remedy: null })).toMatchObject({ ok: false, field: 'remedy' });
    expect(checkRecovery('complaint', { ...full, amount: '12.505' })).toMatchObject({ ok: false, field: 'amount' });
    expect(checkRecovery('complaint', { ...full, rootCause: null })).toMatchObject({ ok: false, field: 'rootCause' });
  });

  it('read amounts as typed and write them back', () => {
    expect([minorUnits('25'), minorUnits('€ 7.5'), minorUnits(''), minorUnits('-3'), minorUnits('abc')]).toEqual([
      2500,
      750,
      0,
      null,
      null,
    ]);
    expect([typedAmount(2500), typedAmount(1250)]).toEqual(['25', '12.50']);
  });

  it('survive in the draft, and count towards whether it is blank', () => {
    const d = { ...emptyDraft(), recovery: full };
    expect(isBlank(d)).toBe(false);
    expect(parseDraft(JSON.stringify(d))?.recovery).toEqual(full);
    expect(parseRecovery({ severity: 'awful', remedy: 'voucher', amount: 3 })).toEqual(emptyRecovery());
  });
});
