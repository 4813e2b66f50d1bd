import type { TFunction } from 'i18next';
import { pin as pinSchema } from '@common/contract';

/** Why a new PIN cannot be set, or null: it has the contract's shape (4 to 8 digits) and is typed the same twice. */
export function pinProblem(t: TFunction, pin: string, again: string): string | null {
  if (!pinSchema.safeParse(pin).success) return t('common.pinShape');
  if (pin !== again) return t('team.pinsDiffer');
  return null;
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

/** A PIN a manager sets for a clerk (adding them or resetting theirs), typed twice; pinProblem checks the pair. */
export function NewPinFields({ labels, pin, again, onPin, onAgain }: Props) {
  return (
    <>
      <NewPinField label={labels[0]} value={pin} onChange={onPin} />
      <NewPinField label={labels[1]} value={again} onChange={onAgain} />
    </>
  );
}
