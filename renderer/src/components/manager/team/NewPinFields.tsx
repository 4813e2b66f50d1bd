import type { TFunction } from 'i18next';
import { useState } from 'react';
import { pin as pinSchema } from '@common/contract';

/** Why a new PIN cannot be set, or null: it has the contract's shape (4 to 8 digits) and is typed the same twice. */
function pinProblem(t: TFunction, pin: string, again: string): string | null {
  if (!pinSchema.safeParse(pin).success) return t('common.pinShape');
  if (pin !== again) return t('team.pinsDiffer');
  return null;
}

/** A new PIN as it is typed: `fields` for NewPinFields, its problem (or null) and a way to empty both fields. */
export function useNewPin() {
  const [pin, onPin] = useState('');
  const [again, onAgain] = useState('');
  return {
    pin,
    fields: { pin, again, onPin, onAgain },
    problem: (t: TFunction) => pinProblem(t, pin, again),
    clear: () => {
      onPin('');
      onAgain('');
    },
  };
}

function NewPinField({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

interface Props {
  /** The two fields' labels, already in the store's language: the PIN, then the PIN again. */
  labels: readonly [string, string];
  pin: string;
  again: string;
  onPin(pin: string): void;
  onAgain(again: string): void;
}

/** A PIN a manager sets for a clerk (adding them or resetting theirs), typed twice; useNewPin holds and checks it. */
export function NewPinFields({ labels, pin, again, onPin, onAgain }: Props) {
  return (
    <>
      <NewPinField label={labels[0]} value={pin} onChange={onPin} />
      <NewPinField label={labels[1]} value={again} onChange={onAgain} />
    </>
  );
}
